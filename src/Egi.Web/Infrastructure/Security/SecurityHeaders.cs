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

    /// <summary>Adds the headers when the response starts, so that they survive the error pages' re-execution.</summary>
    public static IApplicationBuilder UseEgiSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
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
