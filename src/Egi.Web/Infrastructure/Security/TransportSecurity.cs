using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;

namespace Egi.Web.Infrastructure.Security;

/// <summary>
/// HTTPS, HSTS, forwarded headers from known proxies only, and the cookies' flags. Configuration:
/// <c>Https:Redirect</c>, <c>Https:Port</c>, <c>Https:Hsts</c>, <c>Https:HstsMaxAgeDays</c>, <c>Proxy:KnownProxies</c>,
/// <c>Proxy:KnownNetworks</c>, <c>Proxy:ForwardLimit</c> (README, «Seguridad»).
/// </summary>
public static class TransportSecurity
{
    public static IServiceCollection AddEgiTransportSecurity(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var proxies = ReadList(config, "Proxy:KnownProxies");
        var networks = ReadList(config, "Proxy:KnownNetworks");
        var knownProxies = new List<IPAddress>();
        foreach (var p in proxies)
        {
            if (!IPAddress.TryParse(p, out var ip))
                throw new InvalidOperationException($"Proxy:KnownProxies: «{p}» no es una dirección IP (is not an IP address).");
            knownProxies.Add(ip);
        }
        var knownNetworks = new List<System.Net.IPNetwork>();
        foreach (var n in networks)
        {
            if (!System.Net.IPNetwork.TryParse(n, out var network))
                throw new InvalidOperationException($"Proxy:KnownNetworks: «{n}» no es una red en notación CIDR, p. ej. 10.0.0.0/24 (is not a CIDR network).");
            knownNetworks.Add(network);
        }
        var forwardLimit = config.GetValue("Proxy:ForwardLimit", 1);

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // X-Forwarded-Host is not taken: EGI never builds anything from the host the request names.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = forwardLimit;
            // Nothing configured: only a proxy on this machine (loopback) is believed, as ASP.NET Core does by default.
            // Anything configured replaces that list. This also undoes ASPNETCORE_FORWARDEDHEADERS_ENABLED's "trust anyone".
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            if (knownProxies.Count == 0 && knownNetworks.Count == 0)
            {
                o.KnownProxies.Add(IPAddress.Loopback);
                o.KnownProxies.Add(IPAddress.IPv6Loopback);
            }
            foreach (var ip in knownProxies) o.KnownProxies.Add(ip);
            foreach (var network in knownNetworks) o.KnownIPNetworks.Add(network);
        });

        var production = !env.IsDevelopment();
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(config.GetValue("Https:HstsMaxAgeDays", 365));
            o.IncludeSubDomains = config.GetValue("Https:HstsIncludeSubDomains", false);
        });
        if (config.GetValue<int?>("Https:Port") is { } port)
            services.AddHttpsRedirection(o => o.HttpsPort = port);

        // Cookies: Secure whenever the request is HTTPS (as seen through a known proxy), never readable by scripts, Lax.
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "egi.antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddSingleton(new HttpsSettings(
            config.GetValue("Https:Redirect", production),
            config.GetValue("Https:Hsts", production)));
        return services;
    }

    /// <summary>Forwarded headers first (the client's address and scheme for everything after), then HSTS and HTTPS.</summary>
    public static WebApplication UseEgiTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        var https = app.Services.GetRequiredService<HttpsSettings>();
        // HSTS is only sent on HTTPS answers (and never for localhost); the redirection needs an HTTPS port to go to
        // (Https:Port, ASPNETCORE_HTTPS_PORT or Kestrel's HTTPS endpoint), otherwise it does nothing.
        if (https.Hsts) app.UseHsts();
        if (https.Redirect) app.UseHttpsRedirection();
        return app;
    }

    /// <summary>A list from configuration: an array (Key:0, Key:1…) or one value separated by commas or semicolons.</summary>
    private static List<string> ReadList(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        var values = section.Value is { Length: > 0 } single
            ? single.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim() ?? "").Where(v => v.Length > 0);
        return values.ToList();
    }
}

public sealed record HttpsSettings(bool Redirect, bool Hsts);
