using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Egi.TestOidc;

/// <summary>A person the test provider can sign in: the subject, and the claims its ID token carries.</summary>
public sealed record TestOidcUser(string Subject, string Name, string? Email, IReadOnlyDictionary<string, string>? Extra = null)
{
    /// <summary>The provider refuses this person (error=access_denied), as when the person cancels at the provider.</summary>
    public bool Deny { get; init; }
}

/// <summary>
/// A small but real OpenID Connect provider (OpenIddict server, degraded mode: one client, no database, ephemeral keys)
/// on a real Kestrel port of 127.0.0.1: discovery, authorization code flow with PKCE required, token and end-session
/// endpoints, and a login page of its own where the test (or the browser) picks who signs in.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "egi";
    public const string ClientSecret = "secreto-de-prueba-egi";
    private const string CookieScheme = "provider";

    private readonly ConcurrentDictionary<string, TestOidcUser> users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> redirectUris = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> postLogoutUris = new(StringComparer.Ordinal);
    private WebApplication? app;
    private int endSessions;
    private int codesRedeemed;

    /// <summary>Where the provider answers, e.g. http://127.0.0.1:40123/ (the issuer and the Authority for EGI).</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>How many end-session requests (provider sign-outs) arrived.</summary>
    public int EndSessions => Volatile.Read(ref endSessions);

    /// <summary>How many authorization codes were exchanged for tokens.</summary>
    public int CodesRedeemed => Volatile.Read(ref codesRedeemed);

    public void AddUser(TestOidcUser user) => users[user.Subject] = user;

    /// <summary>Registers EGI at <paramref name="egiBase"/>: its /signin-oidc and /signout-callback-oidc URIs.</summary>
    public void RegisterClient(Uri egiBase)
    {
        var root = egiBase.GetLeftPart(UriPartial.Authority);
        redirectUris[root + "/signin-oidc"] = 0;
        postLogoutUris[root + "/signout-callback-oidc"] = 0;
    }

    public static async Task<TestOidcProvider> StartAsync()
    {
        var provider = new TestOidcProvider();
        await provider.RunAsync();
        return provider;
    }

    private async Task RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = "provider.session";
            o.LoginPath = "/login";
        });
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/endsession");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            o.EnableDegradedMode();
            o.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .DisableTransportSecurityRequirement();

            // Degraded mode has no application store: the one client is checked here.
            o.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                    context.Reject(Errors.InvalidClient, "Unknown client_id.");
                else if (context.RedirectUri is null || !redirectUris.ContainsKey(context.RedirectUri))
                    context.Reject(Errors.InvalidRequest, $"redirect_uri {context.RedirectUri} is not registered.");
                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                else
                    Interlocked.Increment(ref codesRedeemed);
                return default;
            }));
            o.AddEventHandler<ValidateEndSessionRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } uri && !postLogoutUris.ContainsKey(uri))
                    context.Reject(Errors.InvalidRequest, $"post_logout_redirect_uri {uri} is not registered.");
                return default;
            }));
        });

        app = builder.Build();
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)AuthorizeAsync);
        app.MapGet("/login", LoginPage);
        app.MapPost("/login", (Func<HttpContext, Task<IResult>>)LoginAsync);
        app.MapMethods("/connect/endsession", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)EndSessionAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Authority = new Uri(address.TrimEnd('/') + "/");
    }

    private async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(CookieScheme);
        if (!session.Succeeded || session.Principal?.FindFirst(Claims.Subject)?.Value is not { } subject || !users.TryGetValue(subject, out var user))
            return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));

        if (user.Deny)
            return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user refused.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.Name);
        if (user.Email is not null) identity.SetClaim(Claims.Email, user.Email);
        foreach (var (type, value) in user.Extra ?? new Dictionary<string, string>()) identity.SetClaim(type, value);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(static _ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private IResult LoginPage(string? returnUrl)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>Proveedor de prueba</title></head><body>");
        html.Append("<h1>Proveedor de identidad de prueba</h1><p>Elija con qué cuenta ingresar.</p>");
        foreach (var user in users.Values.OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            html.Append("<form method=\"post\" action=\"/login\">")
                .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(WebUtility.HtmlEncode(returnUrl ?? "")).Append("\">")
                .Append("<input type=\"hidden\" name=\"sub\" value=\"").Append(WebUtility.HtmlEncode(user.Subject)).Append("\">")
                .Append("<button type=\"submit\">Ingresar como ").Append(WebUtility.HtmlEncode(user.Name)).Append("</button></form>");
        }
        html.Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private async Task<IResult> LoginAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!users.ContainsKey(form["sub"].ToString()) || !returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal))
            return Results.BadRequest();
        var identity = new ClaimsIdentity([new Claim(Claims.Subject, form["sub"].ToString())], CookieScheme);
        await context.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl);
    }

    private async Task<IResult> EndSessionAsync(HttpContext context)
    {
        Interlocked.Increment(ref endSessions);
        await context.SignOutAsync(CookieScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/login" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>Forgets the people and the counts, for the next test on the same provider (registered clients stay).</summary>
    public void Reset()
    {
        users.Clear();
        Interlocked.Exchange(ref endSessions, 0);
        Interlocked.Exchange(ref codesRedeemed, 0);
    }

    public async ValueTask DisposeAsync()
    {
        var running = Interlocked.Exchange(ref app, null);
        if (running is not null) await running.DisposeAsync();
    }
}
