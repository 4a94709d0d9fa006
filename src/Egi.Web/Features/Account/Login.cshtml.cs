using System.ComponentModel.DataAnnotations;
using Egi.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, EgiDbContext db) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Escriba su correo institucional.")]
        [EmailAddress(ErrorMessage = "Escriba un correo válido, por ejemplo nombre.apellido@entidad.gov.co.")]
        [Display(Name = "Correo institucional")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Escriba su contraseña.")]
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
        var result = await signIn.PasswordSignInAsync(email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            db.Audit("Iniciar sesión", "Cuenta", email, "Inicio de sesión correcto");
            await db.SaveChangesAsync();
            return LocalRedirect(SafeReturnUrl);
        }
        db.Audit("Iniciar sesión", "Cuenta", email, result.IsLockedOut ? "Intento con la cuenta bloqueada" : "Intento fallido");
        await db.SaveChangesAsync();
        if (result.IsLockedOut) return RedirectToPage("./Lockout");
        ModelState.AddModelError(string.Empty, "El correo o la contraseña no son correctos. Tras 5 intentos fallidos la cuenta se bloquea durante 15 minutos.");
        return Page();
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
