using System.Security.Claims;
using System.Text.Encodings.Web;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Egi.Web.Infrastructure.Api;

/// <summary>
/// The «ApiKey» authentication scheme: <c>Authorization: Bearer egi_…</c>. The key's public prefix finds its row, the
/// secret's SHA-256 is compared in constant time, and a revoked or expired key is refused. The principal names the key
/// (the audit trail shows «Clave de API: nombre») and carries its scopes.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, EgiDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "egi:apikey";
    public const string NamePrefix = "Clave de API: ";

    private const string FailureItem = "egi:apikey-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var parsed = ApiKey.Parse(header["Bearer ".Length..].Trim());
        if (parsed is not { } p) return Fail("La clave de API no tiene el formato esperado (egi_…). Cópiela completa, tal como se mostró al crearla.");
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == p.Prefix, Context.RequestAborted);
        if (key is null || !key.Matches(p.Secret)) return Fail("La clave de API no es válida.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.RevokedAt is not null) return Fail($"La clave de API «{key.Name}» fue revocada.");
        if (key.ExpiresAt <= now) return Fail($"La clave de API «{key.Name}» venció el {key.ExpiresAt:yyyy-MM-dd}.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, NamePrefix + key.Name),
            new(KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(key.ScopeList.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private AuthenticateResult Fail(string message)
    {
        Context.Items[FailureItem] = message;
        return AuthenticateResult.Fail(message);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        if (Response.HasStarted) return;
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, ApiProblems.UnauthenticatedTitle,
            Context.Items[FailureItem] as string ?? ApiProblems.UnauthenticatedDetail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        if (Response.HasStarted) return;
        await ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, ApiProblems.ForbiddenTitle, ApiProblems.ForbiddenDetail);
    }
}

/// <summary>Authorization of the /api/v1 endpoints: a key's scope, or (for reads) a signed-in Talento Humano or Consulta.</summary>
public static class ApiPolicies
{
    public const string DirectoryRead = "api:" + ApiScopes.DirectoryRead;
    public const string DirectoryWrite = "api:" + ApiScopes.DirectoryWrite;
    public const string ResultsRead = "api:" + ApiScopes.ResultsRead;

    /// <summary>Periods: any read scope.</summary>
    public const string AnyRead = "api:leer";

    /// <summary>The OpenAPI document: any key, or a signed-in Talento Humano or Consulta.</summary>
    public const string Document = "api:documento";

    internal static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions o)
    {
        o.AddPolicy(DirectoryRead, p => Read(p, ApiScopes.DirectoryRead));
        o.AddPolicy(ResultsRead, p => Read(p, ApiScopes.ResultsRead));
        o.AddPolicy(AnyRead, p => Read(p, ApiScopes.DirectoryRead, ApiScopes.ResultsRead));
        o.AddPolicy(Document, p => Read(p, [.. ApiScopes.All]));
        // Writing the directory only with a key: a browser session has the import screen (and its anti-forgery token).
        o.AddPolicy(DirectoryWrite, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiScopes.DirectoryWrite));
    }

    private static void Read(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder p, params string[] scopes) =>
        p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(ctx =>
                ctx.User.Claims.Any(c => c.Type == ApiKeyAuthenticationHandler.ScopeClaim && scopes.Contains(c.Value))
                || ctx.User.IsInRole(EgiRoles.TalentoHumano) || ctx.User.IsInRole(EgiRoles.Consulta));
}
