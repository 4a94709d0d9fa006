using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Egi.Web.Infrastructure;

/// <summary>Which directory field the provider's claim is matched against.</summary>
public enum OidcMatch
{
    /// <summary>The claim is the servant's institutional e-mail (the account's e-mail).</summary>
    Email,

    /// <summary>The claim is the servant's document number.</summary>
    DocumentNumber,
}

/// <summary>Authentication:Oidc — sign-in with the entity's own accounts (OpenID Connect, SPEC §9).</summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The authentication scheme (and the provider name recorded in AspNetUserLogins).</summary>
    public const string Scheme = "oidc";

    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    public bool Enabled { get; set; }

    /// <summary>The issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0 or https://sso.entidad.gov.co/realms/entidad.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>Empty for a public client (PKCE alone); keep it out of appsettings.json (environment or secret store).</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Space- or comma-separated; "openid" is always asked for.</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>The claim of the ID token that names the person (e-mail by default).</summary>
    public string ClaimType { get; set; } = "email";

    public OidcMatch MatchBy { get; set; } = OidcMatch.Email;

    /// <summary>The provider's name as people know it ("Microsoft", "Keycloak de la entidad"), shown under the button.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>False: only the institutional account signs in; the password pages answer 404.</summary>
    public bool LocalAccounts { get; set; } = true;

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// EGI's public address (e.g. https://egi.entidad.gov.co): the redirect and post-logout URIs are built on it, never
    /// on the request's Host. Empty: Mail:BaseUrl; if that is empty too, the request's address (which the provider
    /// still checks against the registered URIs).
    /// </summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Whether the password pages (and the password form of the sign-in page) are available.</summary>
    public bool PasswordsAllowed => !Enabled || LocalAccounts;

    public IEnumerable<string> ScopeList =>
        new[] { "openid" }.Concat(Scopes.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal);
}

public static class OidcRegistration
{
    /// <summary>Key of HttpContext.Items where sign-out leaves the ID token for the provider's end-session request.</summary>
    public const string IdTokenHintItem = "egi:id_token_hint";

    /// <summary>The pages that only exist for local (password) accounts; for Login only its POST (the password form).</summary>
    public static readonly string[] PasswordPages =
        ["/Account/Login", "/Account/ForgotPassword", "/Account/ResetPassword", "/Account/SetPassword", "/Account/ChangePassword"];

    /// <summary>
    /// OpenID Connect sign-in when Authentication:Oidc:Enabled: authorization code with PKCE; the provider's answer lands
    /// in Identity's external cookie and /Account/External matches it to an existing account, then signs in with
    /// Identity's own cookie, so every authorization rule stays as it is.
    /// </summary>
    public static IServiceCollection AddEgiOidc(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(OidcOptions.Section);
        services.AddCheckedOptions<OidcOptions>(section, o => !o.Enabled ? [] :
            OptionsValidation.Required("Authentication:Oidc:Authority", o.Authority)
                .Concat(OptionsValidation.HttpUrlOrEmpty("Authentication:Oidc:Authority", o.Authority))
                .Concat(OptionsValidation.Required("Authentication:Oidc:ClientId", o.ClientId)));
        var settings = section.Get<OidcOptions>() ?? new OidcOptions();
        var mailBaseUrl = configuration["Mail:BaseUrl"];

        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AllowAnonymousToPage("/Account/External");
            foreach (var page in PasswordPages)
                o.Conventions.AddPageApplicationModelConvention(page, m => m.Filters.Add(new LocalAccountsOnlyFilter(postOnly: page == "/Account/Login")));
        });

        if (!settings.Enabled) return services;
        if (string.IsNullOrWhiteSpace(settings.Authority) || string.IsNullOrWhiteSpace(settings.ClientId))
            throw new InvalidOperationException(
                "Authentication:Oidc:Enabled es true pero falta Authentication:Oidc:Authority o Authentication:Oidc:ClientId.");
        if (string.IsNullOrWhiteSpace(settings.ClaimType))
            throw new InvalidOperationException("Authentication:Oidc:ClaimType no puede quedar vacío (por defecto, «email»).");

        var baseUrl = (string.IsNullOrWhiteSpace(settings.BaseUrl) ? mailBaseUrl : settings.BaseUrl)?.Trim().TrimEnd('/');
        string? OnBase(string path) => string.IsNullOrEmpty(baseUrl) ? null : baseUrl + path;

        services.AddAuthentication().AddOpenIdConnect(OidcOptions.Scheme, "Cuenta institucional", o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = string.IsNullOrWhiteSpace(settings.ClientSecret) ? null : settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back on a top-level GET (not a cross-site form POST), so the correlation and nonce cookies can
            // be SameSite=Lax and work on plain http too; PKCE binds the code to this browser.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.Scope.Clear();
            foreach (var scope in settings.ScopeList) o.Scope.Add(scope);
            o.MapInboundClaims = false; // claims keep the provider's names: ClaimType is what the provider calls it
            o.SaveTokens = true;        // the ID token goes on to the EGI cookie as the hint for the provider's sign-out
            o.GetClaimsFromUserInfoEndpoint = false;
            o.CallbackPath = OidcOptions.CallbackPath;
            o.SignedOutCallbackPath = OidcOptions.SignedOutCallbackPath;
            // No front-channel sign-out: EGI's cookie carries no «sid» or «iss» for the handler to check, so its default
            // /signout-oidc would sign a person out on any GET from any site. Signing out of EGI is EGI's own form.
            o.RemoteSignOutPath = PathString.Empty;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.SignOutScheme = IdentityConstants.ApplicationScheme;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The protocol lives on the wall clock of the browser and the provider (token lifetimes, cookie expiry),
            // whatever clock the application's own rules run on.
            o.TimeProvider = TimeProvider.System;
            o.Events = new OpenIdConnectEvents
            {
                OnRedirectToIdentityProvider = ctx =>
                {
                    // The handler keeps this URI for the code redemption too.
                    if (OnBase(OidcOptions.CallbackPath) is { } uri) ctx.ProtocolMessage.RedirectUri = uri;
                    return Task.CompletedTask;
                },
                OnRedirectToIdentityProviderForSignOut = ctx =>
                {
                    if (OnBase(OidcOptions.SignedOutCallbackPath) is { } uri) ctx.ProtocolMessage.PostLogoutRedirectUri = uri;
                    if (string.IsNullOrEmpty(ctx.ProtocolMessage.IdTokenHint) && ctx.HttpContext.Items[IdTokenHintItem] is string hint)
                        ctx.ProtocolMessage.IdTokenHint = hint;
                    return Task.CompletedTask;
                },
                OnAccessDenied = ctx =>
                {
                    ctx.Response.Redirect(ctx.Request.PathBase + "/Account/External?handler=Failure&reason=denied");
                    ctx.HandleResponse();
                    return Task.CompletedTask;
                },
                // A tampered or replayed state, a missing correlation cookie, an error from the provider, a token that does
                // not validate: a Spanish page, never a 500. The detail goes to the log only.
                OnRemoteFailure = ctx =>
                {
                    ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Egi.Oidc")
                        .LogWarning(ctx.Failure, "OpenID Connect sign-in failed");
                    ctx.Response.Redirect(ctx.Request.PathBase + "/Account/External?handler=Failure");
                    ctx.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
        return services;
    }
}

/// <summary>
/// Answers 404 on a password page when Authentication:Oidc:LocalAccounts is false (for Login, only its POST). An
/// authorization filter, so it answers before the antiforgery check (order 1000) would.
/// </summary>
public sealed class LocalAccountsOnlyFilter(bool postOnly) : IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<OidcOptions>>().Value;
        if (!options.PasswordsAllowed && (!postOnly || HttpMethods.IsPost(context.HttpContext.Request.Method)))
            context.Result = new NotFoundResult();
    }
}
