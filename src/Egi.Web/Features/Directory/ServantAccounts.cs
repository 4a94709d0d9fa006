using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Identity;

namespace Egi.Web.Features.Directory;

/// <summary>
/// Keeps every servant's local account linked to the directory by institutional e-mail.
/// A new account has no password: it gets an invitation e-mail with a one-time link to set one.
/// </summary>
public sealed class ServantAccounts(UserManager<AppUser> users, EgiDbContext db, Notifier notifier, EmailTemplates templates)
{
    /// <summary>Creates the servant's account (and queues its invitation), or relinks / renames the existing one. Returns Spanish errors, if any.</summary>
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
            if (result.Succeeded) await InviteAsync(user);
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

    /// <summary>
    /// Queues (and saves) an invitation with a fresh one-time link. Sending it again makes the previous links
    /// useless only once the password is set (the token is tied to the account's security stamp).
    /// </summary>
    public async Task InviteAsync(AppUser user)
    {
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        var link = templates.Url($"/Account/SetPassword?userId={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(token)}");
        var email = templates.Invitation(user.DisplayName, link, InvitationTokenProviderOptions.Days);
        await notifier.QueueAsync(Recipient.Of(user), email, "Invitación", inbox: false);
        db.Audit("Invitar", "Cuenta", user.Id, $"Invitación enviada a {user.Email}");
        await db.SaveChangesAsync();
    }
}
