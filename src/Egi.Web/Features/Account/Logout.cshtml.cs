using System.Security.Claims;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Egi.Web.Features.Account;

public sealed class LogoutModel(
    SignInManager<AppUser> signIn, IOptions<OidcOptions> oidc, IOptionsMonitor<OpenIdConnectOptions> oidcHandler, ILogger<LogoutModel> log)
    : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var viaProvider = oidc.Value.Enabled
            && User.FindFirstValue(ClaimTypes.AuthenticationMethod) == OidcOptions.Scheme;
        var idToken = viaProvider ? await HttpContext.GetTokenAsync(IdentityConstants.ApplicationScheme, "id_token") : null;
        await signIn.SignOutAsync();
        // Whoever signed in with the institutional account is also signed out there, when the provider offers it.
        if (viaProvider && await ProviderEndsSessionsAsync(ct))
        {
            if (idToken is not null) HttpContext.Items[OidcRegistration.IdTokenHintItem] = idToken;
            return SignOut(new AuthenticationProperties { RedirectUri = Url.Page("./Login") }, OidcOptions.Scheme);
        }
        return RedirectToPage("./Login");
    }

    private async Task<bool> ProviderEndsSessionsAsync(CancellationToken ct)
    {
        var options = oidcHandler.Get(OidcOptions.Scheme);
        if (options.ConfigurationManager is null) return false;
        try
        {
            var configuration = await options.ConfigurationManager.GetConfigurationAsync(ct);
            return !string.IsNullOrEmpty(configuration.EndSessionEndpoint);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            // The EGI session is over either way; the provider's stays until it expires.
            log.LogWarning(e, "The OpenID Connect provider's configuration could not be read for sign-out");
            return false;
        }
    }
}
