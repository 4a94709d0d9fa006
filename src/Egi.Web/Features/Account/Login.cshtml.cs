using System.ComponentModel.DataAnnotations;
using Egi.Web.Data;
using Egi.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, SignInGuard guard, EgiDbContext db) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = AccountMessages.EmailMissing)]
        [EmailAddress(ErrorMessage = AccountMessages.EmailInvalid)]
        [StringLength(256, ErrorMessage = AccountMessages.EmailTooLong)]
        [Display(Name = "Correo institucional")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = AccountMessages.PasswordMissing)]
        [DataType(DataType.Password)]
        [Display(Name = "Contraseña")]
        public string Password { get; set; } = "";

        [Display(Name = "Mantener la sesión iniciada en este equipo")]
        public bool RememberMe { get; set; }
    }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect(SafeReturnUrl);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var email = Input.Email.Trim();
        // Known and unknown e-mails answer alike, in comparable time: every attempt costs one password-hash check, and an
        // e-mail without an account is "locked" after the same failures as an account (SignInGuard).
        var user = await signIn.UserManager.FindByNameAsync(email);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            guard.SpendPasswordCheck(hasher, Input.Password);
            result = guard.FailUnknown(email) ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            // Identity answers a locked account, or one without a password yet, without hashing anything.
            if (user.PasswordHash is null || await signIn.UserManager.IsLockedOutAsync(user))
                guard.SpendPasswordCheck(hasher, Input.Password);
            result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        }
        if (result.Succeeded)
        {
            db.Audit("Iniciar sesión", "Cuenta", AuditKey(email), "Inicio de sesión correcto");
            await db.SaveChangesAsync();
            return LocalRedirect(SafeReturnUrl);
        }
        db.Audit("Iniciar sesión", "Cuenta", AuditKey(email), result.IsLockedOut ? "Intento con la cuenta bloqueada" : "Intento fallido");
        await db.SaveChangesAsync();
        if (result.IsLockedOut) return RedirectToPage("./Lockout");
        ModelState.AddModelError(string.Empty, AccountMessages.SignInFailed);
        return Page();
    }

    /// <summary>The audit's key column holds 60 characters; the e-mail typed may be longer.</summary>
    private static string AuditKey(string email) => email.Length <= 60 ? email : email[..60];

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
