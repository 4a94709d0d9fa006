namespace Egi.Web.Infrastructure.Security;

/// <summary>
/// The security headers of every answer (pages, error pages, static files, JSON, redirects). EGI needs no inline
/// script, no style attribute and nothing from another origin, so the policy allows only its own files.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; " +
        "form-action 'self'; base-uri 'self'; object-src 'none'";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /// <summary>
    /// The policy for this configuration: with OpenID Connect sign-in, the forms that start the sign-in and the sign-out
    /// are answered with a redirect to the identity provider, which browsers check against form-action: the provider's
    /// origin (of Authentication:Oidc:Authority) is added there, and nowhere else.
    /// </summary>
    public static string PolicyFor(IConfiguration configuration)
    {
        var oidc = configuration.GetSection(OidcOptions.Section);
        if (!oidc.GetValue<bool>(nameof(OidcOptions.Enabled))
            || !Uri.TryCreate(oidc[nameof(OidcOptions.Authority)], UriKind.Absolute, out var authority)
            || authority.Scheme is not ("https" or "http"))
            return ContentSecurityPolicy;
        return ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {authority.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal);
    }

    /// <summary>
    /// The policy of one answer: the API reference page (Scalar, <c>/docs/api</c>, Talento Humano only) renders an inline
    /// module script with a nonce made for that request and left in <see cref="HttpContext.Items"/>, and its script
    /// writes inline styles; only that answer allows the one script and inline styles (never scripts from elsewhere).
    /// </summary>
    public static string WithScriptNonce(string policy, HttpContext context) =>
        context.Items.TryGetValue(Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey, out var value) && value is string nonce && nonce.Length > 0
            ? policy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
                .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal)
            : policy;

    /// <summary>Adds the headers when the response starts, so that they survive the error pages' re-execution.</summary>
    public static IApplicationBuilder UseEgiSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = PolicyFor(app.ApplicationServices.GetRequiredService<IConfiguration>());
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(state =>
            {
                var response = (HttpResponse)state;
                var headers = response.Headers;
                headers.ContentSecurityPolicy = WithScriptNonce(policy, response.HttpContext);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
    }
}
