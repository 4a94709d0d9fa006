using System.ComponentModel.DataAnnotations;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Account;

public sealed class ForgotPasswordModel(UserManager<AppUser> users, Notifier notifier, EmailTemplates templates, EgiDbContext db) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = AccountMessages.EmailMissing)]
    [EmailAddress(ErrorMessage = AccountMessages.EmailInvalid)]
    [StringLength(256, ErrorMessage = AccountMessages.EmailTooLong)]
    [Display(Name = "Correo institucional")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var email = Email.Trim();
        var user = await users.FindByEmailAsync(email);
        // The answer is the same whether the account exists or not, so nobody can probe who has one; both write one
        // audit line in one transaction, so the time is comparable too (the rate limits apply to both alike).
        if (user is null)
        {
            db.Audit("Solicitar restablecimiento", "Cuenta", "", $"Restablecimiento de contraseña pedido para {email}, que no tiene cuenta en EGI");
            await db.SaveChangesAsync();
        }
        else if (AccountAdministration.IsLocked(user))
        {
            // A locked account (by Talento Humano or by a retiro) gets no link: a new password would not open it, and the
            // answer stays the same as for any other e-mail.
            db.Audit("Solicitar restablecimiento", "Cuenta", user.Id, $"Restablecimiento de contraseña pedido para {user.Email}, cuya cuenta está bloqueada: no se envió el enlace");
            await db.SaveChangesAsync();
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = templates.Url($"/Account/ResetPassword?userId={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(token)}");
            await notifier.QueueAsync(Recipient.Of(user), templates.PasswordReset(user.DisplayName, link, ServiceRegistration.PasswordResetHours),
                MailKind.PasswordReset, inbox: false);
            db.Audit("Solicitar restablecimiento", "Cuenta", user.Id, $"Restablecimiento de contraseña pedido para {user.Email}");
            await db.SaveChangesAsync();
        }
        Sent = true;
        return Page();
    }
}
