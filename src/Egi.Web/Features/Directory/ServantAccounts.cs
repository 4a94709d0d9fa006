using Egi.Domain.Directory;
using Egi.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Egi.Web.Features.Directory;

/// <summary>
/// Keeps every servant's local account linked to the directory by institutional e-mail.
/// New accounts have no password: the invitation e-mail (notifications issue) lets the person set one.
/// </summary>
public sealed class ServantAccounts(UserManager<AppUser> users)
{
    /// <summary>Creates the servant's account, or relinks / renames the existing one. Returns Spanish errors, if any.</summary>
    public async Task<IReadOnlyList<string>> EnsureAsync(Servant servant)
    {
        var user = users.Users.FirstOrDefault(u => u.ServantId == servant.Id)
            ?? await users.FindByEmailAsync(servant.Email);
        IdentityResult result;
        if (user is null)
        {
            user = new AppUser
            {
                UserName = servant.Email,
                Email = servant.Email,
                EmailConfirmed = true,
                DisplayName = servant.FullName,
                ServantId = servant.Id,
            };
            result = await users.CreateAsync(user);
        }
        else
        {
            if (user.ServantId is { } other && other != servant.Id)
                return [$"El correo {servant.Email} ya pertenece a la cuenta de otro servidor."];
            user.ServantId = servant.Id;
            user.DisplayName = servant.FullName;
            if (!string.Equals(user.Email, servant.Email, StringComparison.OrdinalIgnoreCase))
            {
                user.Email = servant.Email;
                user.UserName = servant.Email;
            }
            result = await users.UpdateAsync(user);
        }
        return result.Succeeded ? [] : result.Errors.Select(e => e.Description).ToList();
    }
}
