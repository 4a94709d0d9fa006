using System.ComponentModel.DataAnnotations;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Account;

/// <summary>
/// Sets a new password from a one-time e-mailed link: a password-reset link (ResetPassword) or an
/// invitation to set the first password (SetPassword, which reuses this model with <see cref="IsInvitation"/>).
/// </summary>
public class ResetPasswordModel(UserManager<AppUser> users, EgiDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string UserId { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public string? AccountEmail { get; private set; }
    public bool LinkInvalid { get; private set; }

    /// <summary>The link is valid but the account is locked by administration: no password is set until it is unlocked.</summary>
    public bool AccountLocked { get; private set; }

    protected virtual bool IsInvitation => false;

    public sealed class NewPasswordInput
    {
        [Required(ErrorMessage = AccountMessages.NewPasswordMissing)]
        [DataType(DataType.Password)]
        [Display(Name = "Nueva contraseña")]
        public string NewPassword { get; set; } = "";

        [DataType(DataType.Password)]
        [Display(Name = "Confirme la nueva contraseña")]
        [Compare(nameof(NewPassword), ErrorMessage = AccountMessages.ConfirmationMismatch)]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await FindValidAsync();
        if (user is null) LinkInvalid = true;
        else AccountEmail = user.Email;
        AccountLocked = user is not null && AccountAdministration.IsLocked(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindValidAsync();
        if (user is null)
        {
            LinkInvalid = true;
            return Page();
        }
        AccountEmail = user.Email;
        if (AccountAdministration.IsLocked(user))
        {
            AccountLocked = true;
            db.Audit(IsInvitation ? "Activar cuenta" : "Restablecer contraseña", "Cuenta", user.Id,
                $"{user.Email} intentó {(IsInvitation ? "crear" : "restablecer")} su contraseña con la cuenta bloqueada: no se cambió");
            await db.SaveChangesAsync();
            return Page();
        }
        if (!ModelState.IsValid) return Page();

        IdentityResult result;
        if (IsInvitation)
        {
            result = await users.AddPasswordAsync(user, Input.NewPassword);
            if (result.Succeeded) await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            result = await users.ResetPasswordAsync(user, Code, Input.NewPassword);
            if (result.Succeeded) await users.SetLockoutEndDateAsync(user, null);
        }
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("Input.NewPassword", e.Description);
            return Page();
        }
        db.Audit(IsInvitation ? "Activar cuenta" : "Restablecer contraseña", "Cuenta", user.Id,
            IsInvitation ? $"{user.Email} creó su contraseña" : $"{user.Email} restableció su contraseña");
        await db.SaveChangesAsync();
        TempData["Mensaje"] = AccountMessages.PasswordSaved;
        return RedirectToPage("./Login");
    }

    private async Task<AppUser?> FindValidAsync()
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Code)) return null;
        var user = await users.FindByIdAsync(UserId);
        if (user is null) return null;
        if (IsInvitation)
        {
            if (await users.HasPasswordAsync(user)) return null;
            return await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, Code) ? user : null;
        }
        var provider = users.Options.Tokens.PasswordResetTokenProvider;
        return await users.VerifyUserTokenAsync(user, provider, UserManager<AppUser>.ResetPasswordTokenPurpose, Code) ? user : null;
    }
}
