using System.Security.Claims;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Egi.Web.Features.Account;

/// <summary>
/// Sign-in with the institutional account (OpenID Connect): POST starts it, Callback matches the provider's claim to an
/// existing account and signs in with EGI's own cookie, Failure explains a refused or broken attempt in Spanish.
/// Nothing here ever creates an account: Talento Humano keeps the directory.
/// </summary>
public sealed class ExternalModel(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, EgiDbContext db, IOptions<OidcOptions> oidc, TimeProvider clock,
    ILogger<ExternalModel> log)
    : PageModel
{
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    private OidcOptions Options => oidc.Value;

    public IActionResult OnGet() => RedirectToPage("./Login");

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (!Options.Enabled) return NotFound();
        var callback = Url.Page("./External", "Callback", new { returnUrl = SafeReturnUrl(returnUrl) });
        var properties = signIn.ConfigureExternalAuthenticationProperties(OidcOptions.Scheme, callback);
        try
        {
            await HttpContext.ChallengeAsync(OidcOptions.Scheme, properties);
            return new EmptyResult();
        }
        catch (InvalidOperationException e) when (!Response.HasStarted)
        {
            // The provider's discovery document could not be read (provider down, wrong Authority): say so, no 500.
            log.LogWarning(e, "The OpenID Connect provider could not be reached to start a sign-in");
            return Refuse(StatusCodes.Status503ServiceUnavailable, AccountMessages.ProviderUnreachableTitle,
                AccountMessages.ProviderUnreachable);
        }
    }

    public async Task<IActionResult> OnGetCallbackAsync(string? returnUrl, CancellationToken ct)
    {
        if (!Options.Enabled) return NotFound();
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        // The external cookie has served its purpose whatever happens next.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is null)
            return Refuse(StatusCodes.Status400BadRequest, AccountMessages.SignInIncompleteTitle,
                AccountMessages.SignInIncomplete);

        var principal = external.Principal;
        var subject = principal.FindFirstValue("sub") ?? "";
        var value = principal.FindFirstValue(Options.ClaimType)?.Trim() ?? "";
        var byEmail = Options.MatchBy == OidcMatch.Email;
        if (value.Length == 0)
        {
            db.Audit("Iniciar sesión", "Cuenta", subject, $"Ingreso con cuenta institucional rechazado: el proveedor no envió «{Options.ClaimType}»");
            await db.SaveChangesAsync(ct);
            return Refuse(StatusCodes.Status403Forbidden, AccountMessages.AccountNotIdentifiedTitle,
                AccountMessages.ClaimMissing(byEmail));
        }
        if (Options.MatchBy == OidcMatch.Email && principal.FindFirstValue("email_verified") is { } verified
            && string.Equals(verified, "false", StringComparison.OrdinalIgnoreCase))
        {
            db.Audit("Iniciar sesión", "Cuenta", value, "Ingreso con cuenta institucional rechazado: el proveedor dice que el correo no está verificado");
            await db.SaveChangesAsync(ct);
            return Refuse(StatusCodes.Status403Forbidden, AccountMessages.EmailNotVerifiedTitle,
                AccountMessages.EmailNotVerified(value));
        }

        var (user, servant) = await FindAsync(value, ct);
        if (user is null)
        {
            db.Audit("Iniciar sesión", "Cuenta", value, "Ingreso con cuenta institucional rechazado: no corresponde a ninguna cuenta de EGI");
            await db.SaveChangesAsync(ct);
            return Refuse(StatusCodes.Status403Forbidden, AccountMessages.NoEgiAccountTitle,
                AccountMessages.NoEgiAccount(byEmail, value));
        }
        if (await users.IsLockedOutAsync(user))
        {
            db.Audit("Iniciar sesión", "Cuenta", user.Email ?? user.Id, "Ingreso con cuenta institucional rechazado: la cuenta está bloqueada");
            await db.SaveChangesAsync(ct);
            return Refuse(StatusCodes.Status403Forbidden, AccountMessages.AccountLockedTitle,
                AccountMessages.AccountLocked);
        }
        if (servant is not null && servant.IsRetired(Today))
        {
            db.Audit("Iniciar sesión", "Cuenta", user.Email ?? user.Id, "Ingreso con cuenta institucional rechazado: el servidor está retirado");
            await db.SaveChangesAsync(ct);
            return Refuse(StatusCodes.Status403Forbidden, AccountMessages.AccountInactiveTitle,
                AccountMessages.AccountInactive(servant.RetirementDate));
        }

        // The first institutional account («sub») that signs in as an EGI account is linked to it (AspNetUserLogins), and
        // from then on the link decides, not the claim: that «sub» opens no other EGI account, and no other «sub» opens
        // this one — an e-mail or a document that someone changed in the provider to match another person takes no
        // account over. A link Talento Humano removed («Cuentas y roles») is made again at the next sign-in.
        if (subject.Length > 0)
        {
            var linkedTo = await users.FindByLoginAsync(OidcOptions.Scheme, subject);
            string? mismatch = null;
            if (linkedTo is not null && linkedTo.Id != user.Id)
                mismatch = AccountMessages.SubjectLinkedElsewhere(byEmail, value);
            else if (linkedTo is null && (await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == OidcOptions.Scheme))
                mismatch = AccountMessages.AccountLinkedToAnotherSubject(byEmail, value);
            if (mismatch is not null)
            {
                db.Audit("Iniciar sesión", "Cuenta", user.Email ?? user.Id,
                    $"Ingreso con cuenta institucional rechazado: la cuenta institucional ({subject}) no es la vinculada a esta cuenta de EGI");
                await db.SaveChangesAsync(ct);
                return Refuse(StatusCodes.Status403Forbidden, AccountMessages.LinkMismatchTitle, mismatch);
            }
            if (linkedTo is null)
                await users.AddLoginAsync(user, new UserLoginInfo(OidcOptions.Scheme, subject, "Cuenta institucional"));
        }

        var properties = new AuthenticationProperties();
        if (external.Properties?.GetTokenValue("id_token") is { Length: > 0 } idToken)
            properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        await signIn.SignInAsync(user, properties, authenticationMethod: OidcOptions.Scheme);
        db.Audit("Iniciar sesión", "Cuenta", user.Email ?? user.Id, "Inicio de sesión correcto con la cuenta institucional");
        await db.SaveChangesAsync(ct);
        return LocalRedirect(SafeReturnUrl(returnUrl));
    }

    public IActionResult OnGetFailure(string? reason)
    {
        if (!Options.Enabled) return NotFound();
        return reason == "denied"
            ? Refuse(StatusCodes.Status403Forbidden, AccountMessages.SignInCancelledTitle,
                AccountMessages.SignInCancelled)
            : Refuse(StatusCodes.Status400BadRequest, AccountMessages.SignInIncompleteTitle,
                AccountMessages.ProviderResponseInvalid);
    }

    private async Task<(AppUser? User, Servant? Servant)> FindAsync(string value, CancellationToken ct)
    {
        if (Options.MatchBy == OidcMatch.Email)
        {
            var byEmail = await users.FindByEmailAsync(value);
            var servant = byEmail?.ServantId is { } sid ? await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct) : null;
            return (byEmail, servant);
        }
        var document = ServantInput.NormalizeDocument(value);
        if (document.Length == 0) return (null, null);
        var byDocument = await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.DocumentNumber == document, ct);
        if (byDocument is null) return (null, null);
        return (await users.Users.FirstOrDefaultAsync(u => u.ServantId == byDocument.Id, ct), byDocument);
    }

    private DateOnly Today => BogotaTime.Day(clock.GetUtcNow());

    private PageResult Refuse(int status, string heading, string message)
    {
        Heading = heading;
        Message = message;
        Response.StatusCode = status;
        return Page();
    }

    private string SafeReturnUrl(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
