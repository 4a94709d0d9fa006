using System.Globalization;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Egi.Web.Infrastructure.Api;

/// <summary>
/// The integration API's plumbing: the «ApiKey» authentication scheme, the per-scope policies, the «api» rate limit
/// (per key), the OpenAPI document's Spanish title and security scheme, and the reference page (Scalar).
/// </summary>
public static class ApiRegistration
{
    /// <summary>The reference page for Talento Humano (Scalar), behind sign-in.</summary>
    public const string ReferencePath = "/docs/api";

    public static IServiceCollection AddEgiApi(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(ApiPolicies.Add);
        services.AddRateLimiter(o => o.AddPolicy<string, ApiRateLimitPolicy>(ApiRateLimitPolicy.Name));
        // A parameter that cannot be read is a 400 in every environment (Development would throw it to its exception
        // page): the error page answers it as a problem naming the parameter (ApiProblems.BadQueryParameter).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.Configure<OpenApiOptions>("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "API de EGI";
            document.Info.Description =
                "API para integraciones de la Evaluación de la Gestión Institucional: sincronizar el directorio (dependencias y servidores) " +
                "desde la suite de talento humano, y leer las vigencias, el estado de las evaluaciones y los resultados finales. " +
                "Identifíquese con una clave de API (creada por Talento Humano en Administración → Claves de API) en el encabezado " +
                "«Authorization: Bearer egi_…». Los errores siguen RFC 9457 (problem details) en español. Cada llamada queda en la auditoría.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Clave de API de EGI (egi_…), con los permisos que exige cada operación.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] }];
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>The API under /api/v1 (rate-limited, last use of the key recorded), the OpenAPI document and the reference page.</summary>
    public static void MapEgiApi(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        api.RequireRateLimiting(ApiRateLimitPolicy.Name);
        // Any call can fail unexpectedly or find the database busy: the error page answers both as problems (ApiProblems).
        api.ProducesProblem(StatusCodes.Status500InternalServerError).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        // The key's last use, shown on the keys screen (the call itself is audited by each endpoint).
        api.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            if (int.TryParse(http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var keyId))
            {
                var db = http.RequestServices.GetRequiredService<EgiDbContext>();
                var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, now), http.RequestAborted);
            }
            return result;
        });

        app.MapOpenApi().RequireAuthorization(ApiPolicies.Document);
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("API de EGI — referencia")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                // Its page starts with an inline module script: a fresh nonce per request, which SecurityHeaders adds to
                // script-src of that answer only (every other page keeps script-src 'self').
                .WithNonce()
                // Nothing from Scalar's servers (the policy allows only EGI's origin): no web fonts, no telemetry.
                .DisableDefaultFonts()
                .DisableTelemetry()
                .AddPreferredSecuritySchemes(ApiKeyAuthenticationHandler.SchemeName))
            .RequireAuthorization(Policies.TalentoHumano)
            .ExcludeFromDescription();
    }
}
