using System.Net;
using System.Text.RegularExpressions;
using Egi.Web.Infrastructure.Security;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Security;

/// <summary>Issue 12, point 4: security headers on every answer, no inline script or style, HTTPS, cookies, proxies.</summary>
public abstract partial class SecurityHeadersTests(SharedHost host) : IAsyncLifetime
{
    private EgiAppFactory app = host.App;

    /// <summary>The host of a test that needs other settings than the class's shared one (see <see cref="OwnHost"/>).</summary>
    private EgiAppFactory? own;

    public Task InitializeAsync() => host.StartTestAsync();

    public async Task DisposeAsync()
    {
        if (own is not null) await own.DisposeAsync();
    }

    /// <summary>From here on the test uses a new host of its own, whose settings it sets before the first request.</summary>
    private void OwnHost() => app = own = new EgiAppFactory(host.App.Db);

    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        string Header(string name) =>
            response.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
            : response.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c)
            : throw new Xunit.Sdk.XunitException($"{what} ({(int)response.StatusCode}) has no {name} header");
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header("Content-Security-Policy"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header("Referrer-Policy"));
        Assert.Contains("camera=()", Header("Permissions-Policy"));
    }

    [Fact]
    public async Task Every_kind_of_answer_carries_the_security_headers()
    {
        var csp = SecurityHeaders.ContentSecurityPolicy;
        foreach (var directive in new[]
                 {
                     "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'",
                     "form-action 'self'", "base-uri 'self'", "object-src 'none'",
                 })
            Assert.Contains(directive, csp);
        Assert.DoesNotContain("unsafe", csp);

        var anonymous = app.NewClient();
        var answers = new List<(string What, HttpResponseMessage Response, HttpStatusCode Expected)>
        {
            ("sign-in page", await anonymous.GetAsync("/Account/Login"), HttpStatusCode.OK),
            ("redirect to sign-in", await anonymous.GetAsync("/"), HttpStatusCode.Redirect),
            ("static file", await anonymous.GetAsync("/css/site.css"), HttpStatusCode.OK),
            ("health", await anonymous.GetAsync("/health"), HttpStatusCode.OK),
            ("API without sign-in", await anonymous.GetAsync("/api/v1/directory/dependencies"), HttpStatusCode.Unauthorized),
            ("OpenAPI document (sign-in required)", await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.Unauthorized),
        };
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        answers.Add(("signed-in page", await th.GetAsync("/"), HttpStatusCode.OK));
        answers.Add(("dashboard", await th.GetAsync("/Dashboard"), HttpStatusCode.OK));
        answers.Add(("API JSON", await th.GetAsync("/api/v1/directory/dependencies"), HttpStatusCode.OK));
        answers.Add(("404 page", await th.GetAsync("/no-existe"), HttpStatusCode.NotFound));
        answers.Add(("xlsx download", await th.PostFormAsync("/Reports/Annual?handler=Xlsx", new(), getUrl: "/Reports/Annual"), HttpStatusCode.OK));
        var evaluado = await app.SignedInAsync(Accounts.Evaluado);
        answers.Add(("403 page", await evaluado.GetAsync("/Directory/Servants"), HttpStatusCode.Forbidden));
        answers.Add(("POST answer", await evaluado.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = "no-es-esta",
            ["Input.NewPassword"] = "NuevaClave2027",
            ["Input.ConfirmPassword"] = "NuevaClave2027",
        }), HttpStatusCode.OK));

        foreach (var (what, response, expected) in answers)
        {
            Assert.True(expected == response.StatusCode, $"{what}: {(int)response.StatusCode}");
            AssertSecurityHeaders(response, what);
        }
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("\\sstyle\\s*=|\\son[a-z]+\\s*=\\s*\"|<style|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyleOrHandler();

    [Fact]
    public async Task Main_pages_have_no_inline_script_style_attribute_or_event_handler()
    {
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var evaluado = await app.SignedInAsync(Accounts.Evaluado);
        var evaluationId = await app.WithDbAsync(d => d.Evaluations.OrderBy(e => e.Id).Select(e => e.Id).FirstOrDefaultAsync());
        var accountId = await app.WithDbAsync(d => d.Users.Where(u => u.Email == Accounts.Evaluado).Select(u => u.Id).SingleAsync());
        var servantId = await app.WithDbAsync(d => d.Servants.Where(x => x.Email == Accounts.Evaluado).Select(x => x.Id).SingleAsync());
        var pages = new List<(HttpClient Client, string Url)>
        {
            (app.NewClient(), "/Account/Login"), (app.NewClient(), "/Account/ForgotPassword"), (app.NewClient(), "/Account/Lockout"),
            (th, "/"), (th, "/Pending"), (th, "/Dashboard"), (th, "/Directory/Servants"), (th, "/Directory/Dependencies"),
            (th, "/Directory/Import"), (th, "/Directory/Invitations"), (th, "/Periods"), (th, "/Competencies"), (th, "/Audit"),
            (th, "/Notifications"), (th, "/Notifications/Outbox"), (th, "/Reports/Stage1"), (th, "/Reports/Stage2"),
            (th, "/Reports/Annual"), (th, "/Reports/Control"), (th, "/Control"), (th, "/Control/Reminders"), (th, "/Plans"),
            (th, "/Plans/Coverage"), (th, "/Sessions"), (th, "/WorkPlan"), (th, "/Improvement"), (th, "/Improvement/Candidates"),
            (th, "/Accounts"), (th, $"/Accounts/Details/{accountId}"), (th, "/ApiKeys"), (th, "/Directory/Servants/Create"),
            (th, "/Directory/Dependencies/Create"), (th, "/Periods/Create"), (th, "/Competencies/Add"), (th, "/Reports/Records"),
            (th, "/Sessions/Report"), (th, "/Plans/Edit"), (th, $"/Directory/Servants/Edit/{servantId}"),
            (th, $"/Directory/Servants/Retire/{servantId}"),
            (evaluado, "/"), (evaluado, "/Evaluations/Mine"), (evaluado, "/Account/ChangePassword"), (evaluado, "/no-existe"),
        };
        if (evaluationId != 0) pages.Add((th, $"/Evaluations/Details/{evaluationId}"));
        foreach (var (client, url) in pages)
        {
            var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
            AssertSecurityHeaders(response, url);
            Assert.False(InlineScript().IsMatch(html), $"{url} has an inline <script>: {InlineScript().Match(html).Value}");
            var bad = InlineStyleOrHandler().Match(html);
            Assert.False(bad.Success, $"{url} has «{bad.Value}» near: {(bad.Success ? html.Substring(Math.Max(0, bad.Index - 80), 160) : "")}");
        }
    }

    [GeneratedRegex("<script([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [Fact]
    public async Task The_api_reference_allows_only_its_own_inline_script_by_a_nonce_made_for_each_answer()
    {
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var nonces = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var response = await th.GetAsync("/docs/api/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
            var nonce = Regex.Match(policy, "script-src 'self' 'nonce-([^']+)';").Groups[1].Value;
            Assert.True(nonce.Length >= 16, policy);
            // Only script-src (this nonce) and style-src (Scalar's inline styles) change: frames, forms, objects and the
            // origins are the policy of every page.
            Assert.Contains("style-src 'self' 'unsafe-inline';", policy);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, policy.Replace($" 'nonce-{nonce}'", "", StringComparison.Ordinal)
                .Replace(" 'unsafe-inline'", "", StringComparison.Ordinal));
            var html = await response.Content.ReadAsStringAsync();
            var inline = ScriptTag().Matches(html).Select(m => m.Groups[1].Value).Where(a => !a.Contains("src=", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(inline);
            Assert.All(inline, attributes => Assert.Contains($"nonce=\"{nonce}\"", attributes, StringComparison.Ordinal));
            nonces.Add(nonce);
        }
        Assert.NotEqual(nonces[0], nonces[1]);
        // Any other page keeps script-src 'self' alone.
        AssertSecurityHeaders(await th.GetAsync("/ApiKeys"), "/ApiKeys");
    }

    private HttpClient HttpsClient(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string host = "egi.test") =>
        factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"https://{host}"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

    private static async Task<(List<string> PageCookies, List<string> SignInCookies)> SignInCookiesAsync(HttpClient client)
    {
        var page = await client.GetAsync("/Account/Login");
        var pageCookies = SetCookies(page);
        var html = await page.Content.ReadAsStringAsync();
        var token = HttpClientFormExtensions.AntiforgeryToken(html);
        var signIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Accounts.Evaluado,
            ["Input.Password"] = EgiAppFactory.Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (pageCookies, SetCookies(signIn));
    }

    [Fact]
    public async Task Cookies_are_secure_over_https_and_always_httponly_and_lax()
    {
        var (pageCookies, signInCookies) = await SignInCookiesAsync(HttpsClient(app));
        var auth = Assert.Single(signInCookies, c => c.StartsWith("egi.auth=", StringComparison.Ordinal));
        var antiforgery = Assert.Single(pageCookies, c => c.StartsWith("egi.antiforgery=", StringComparison.Ordinal));
        foreach (var cookie in new[] { auth, antiforgery })
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        }

        // Over plain HTTP (development, or an unknown proxy) a Secure cookie would never come back: not Secure.
        var (plainPage, plainSignIn) = await SignInCookiesAsync(app.NewClient());
        Assert.DoesNotContain("; secure", Assert.Single(plainSignIn, c => c.StartsWith("egi.auth=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", Assert.Single(plainPage, c => c.StartsWith("egi.antiforgery=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_https_configured_http_is_redirected_and_https_answers_carry_hsts()
    {
        OwnHost();
        app.Settings["Https:Redirect"] = "true";
        app.Settings["Https:Hsts"] = "true";
        app.Settings["Https:Port"] = "443";
        app.Settings["Https:HstsMaxAgeDays"] = "365";

        var plain = await app.NewClient().GetAsync("/Account/Login?x=1");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://localhost/Account/Login?x=1", plain.Headers.Location!.ToString());

        var secure = await HttpsClient(app).GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000", string.Join(",", secure.Headers.GetValues("Strict-Transport-Security")));
        AssertSecurityHeaders(secure, "https page");
    }

    [Fact]
    public async Task In_development_by_default_there_is_no_redirect_and_no_hsts()
    {
        var plain = await app.NewClient().GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var secure = await HttpsClient(app).GetAsync("/Account/Login");
        Assert.False(secure.Headers.Contains("Strict-Transport-Security"));
    }

    private async Task<(string? AuditIp, string AuthCookie)> SignInThroughAsync(string remoteIp, string forwardedFor, string forwardedProto)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add(EgiAppFactory.RemoteIpHeader, remoteIp);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        // The page is read as over plain HTTP (the test's cookie jar would not send a Secure antiforgery cookie back to
        // http://localhost); the sign-in itself comes through the proxy with the client's scheme.
        var page = await client.GetStringAsync("/Account/Login");
        var token = HttpClientFormExtensions.AntiforgeryToken(page);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = Accounts.Evaluado,
                ["Input.Password"] = EgiAppFactory.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("X-Forwarded-Proto", forwardedProto);
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(SetCookies(response), c => c.StartsWith("egi.auth=", StringComparison.Ordinal));
        var ip = await app.WithDbAsync(d => d.AuditEntries.Where(a => a.Action == "Iniciar sesión").OrderByDescending(a => a.Id).Select(a => a.Ip).FirstAsync());
        return (ip, cookie);
    }

    [Fact]
    public async Task Forwarded_headers_are_taken_from_a_configured_proxy_and_ignored_from_anyone_else()
    {
        OwnHost();
        app.Settings["Proxy:KnownProxies:0"] = "10.20.30.40";
        app.Settings["Proxy:KnownNetworks:0"] = "172.16.5.0/24";

        // The configured proxy: the audit records the client's address and the cookie is Secure (the client used HTTPS).
        var (ip, cookie) = await SignInThroughAsync("10.20.30.40", "198.51.100.23", "https");
        Assert.Equal("198.51.100.23", ip);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);

        // An address of a configured network.
        (ip, _) = await SignInThroughAsync("172.16.5.9", "198.51.100.24", "https");
        Assert.Equal("198.51.100.24", ip);

        // Anyone else (even loopback, which is no longer trusted once proxies are configured): headers ignored.
        (ip, cookie) = await SignInThroughAsync("203.0.113.99", "198.51.100.25", "https");
        Assert.Equal("203.0.113.99", ip);
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        (ip, _) = await SignInThroughAsync("127.0.0.1", "198.51.100.26", "https");
        Assert.Equal("127.0.0.1", ip);
    }

    [Fact]
    public async Task Without_configured_proxies_only_a_proxy_on_this_machine_is_believed()
    {
        var (ip, _) = await SignInThroughAsync("127.0.0.1", "198.51.100.30", "http");
        Assert.Equal("198.51.100.30", ip);
        (ip, _) = await SignInThroughAsync("10.20.30.40", "198.51.100.31", "http");
        Assert.Equal("10.20.30.40", ip);
    }

    [Fact]
    public async Task A_proxy_list_that_is_not_an_address_stops_the_start_with_a_clear_message()
    {
        OwnHost();
        app.Settings["Proxy:KnownProxies"] = "10.0.0.1, proxy.entidad";
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("Proxy:KnownProxies", error.ToString());
        Assert.Contains("proxy.entidad", error.ToString());
    }
}

public sealed class SecurityHeadersTestsSqlite(SqliteHost host) : SecurityHeadersTests(host), IClassFixture<SqliteHost>;

public sealed class SecurityHeadersTestsPostgres(PostgresHost host) : SecurityHeadersTests(host), IClassFixture<PostgresHost>;
