using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Egi.Web.Data;
using Egi.Web.Infrastructure.Security;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Egi.Web.Tests.Security;

/// <summary>Issue 12, point 5: rate limits on sign-in and the password forms and the API; known and unknown e-mails alike.</summary>
public abstract partial class RateLimitTests(Db db) : IAsyncLifetime
{
    private EgiAppFactory app = null!;

    public Task InitializeAsync()
    {
        app = new EgiAppFactory(db) { ProductionRateLimits = true };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private RateLimitsOptions Limits => app.Services.GetRequiredService<RateLimitsOptions>();

    /// <summary>A browser on its own machine (address) behind no proxy.</summary>
    private HttpClient From(string ip)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add(EgiAppFactory.RemoteIpHeader, ip);
        return client;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = "equivocada1A") =>
        client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        var retryAfter = int.Parse(string.Join(",", response.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Demasiados intentos seguidos", html);
        Assert.Contains("Espere " + RateLimits.WaitText(retryAfter) + " e intente de nuevo", html);
        Assert.Contains("lang=\"es-CO\"", html);
    }

    [Fact]
    public void The_defaults_limit_every_form_per_ip_and_per_account()
    {
        var limits = new RateLimitsOptions();
        foreach (var pair in new[] { limits.SignIn, limits.ForgotPassword, limits.Password })
        {
            Assert.InRange(pair.PerIp.PermitLimit, 1, 100);
            Assert.InRange(pair.PerAccount.PermitLimit, 1, 20);
            Assert.True(pair.PerIp.WindowSeconds >= 60);
            Assert.True(pair.PerAccount.WindowSeconds >= 60);
        }
        // This host runs with the defaults.
        Assert.Equal(limits.SignIn.PerIp.PermitLimit, Limits.SignIn.PerIp.PermitLimit);
        Assert.Equal(limits.ForgotPassword.PerAccount.PermitLimit, Limits.ForgotPassword.PerAccount.PermitLimit);
    }

    [Fact]
    public async Task With_the_real_defaults_sign_in_gets_429_in_spanish_after_the_per_ip_limit_and_only_for_that_ip()
    {
        var n = Limits.SignIn.PerIp.PermitLimit;
        var attacker = From("198.51.100.7");
        // Each post names another e-mail, so that only the per-IP limit is reached.
        for (var i = 0; i < n; i++)
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(attacker, $"persona{i}@egi-demo.gov.co")).StatusCode);
        await AssertTooManyAsync(await SignInAsync(attacker, "otra.persona@egi-demo.gov.co"));
        // Even the right password of a real account: the limit comes before the password check.
        await AssertTooManyAsync(await SignInAsync(attacker, Accounts.Evaluado, EgiAppFactory.Password));
        // The sign-in page itself (GET) is not limited.
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/Account/Login")).StatusCode);

        // Someone on another machine signs in normally.
        var other = await SignInAsync(From("198.51.100.8"), Accounts.Evaluado, EgiAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Equal("/", other.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task With_the_real_defaults_sign_in_is_limited_per_account_across_addresses()
    {
        var n = Limits.SignIn.PerAccount.PermitLimit;
        var victim = Accounts.Jefe;
        for (var i = 0; i < n; i++)
        {
            var r = await SignInAsync(From($"198.51.100.{10 + i}"), victim.ToUpperInvariant());
            Assert.NotEqual(HttpStatusCode.TooManyRequests, r.StatusCode);
        }
        // The same account (whatever its case) from yet another address: refused.
        await AssertTooManyAsync(await SignInAsync(From("198.51.100.200"), " " + victim + " "));
        // Another account from that address: not affected.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(From("198.51.100.200"), Accounts.Evaluado, EgiAppFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task With_the_real_defaults_forgot_password_is_limited_per_account_the_same_for_known_and_unknown_emails()
    {
        var n = Limits.ForgotPassword.PerAccount.PermitLimit;
        foreach (var email in new[] { Accounts.Evaluado, "nadie.existe@egi-demo.gov.co" })
        {
            for (var i = 0; i < n; i++)
                Assert.Equal(HttpStatusCode.OK, (await From($"198.51.100.{40 + i}").PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = email })).StatusCode);
            await AssertTooManyAsync(await From("198.51.100.99").PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = email }));
        }
    }

    [Fact]
    public async Task Reset_and_set_password_posts_are_limited_per_ip()
    {
        app.Settings["RateLimits:Password:PerIp:PermitLimit"] = "3";
        var client = From("198.51.100.60");
        Dictionary<string, string> Fields(int i) => new()
        {
            ["UserId"] = $"cuenta-{i}",
            ["Code"] = "no-vale",
            ["Input.NewPassword"] = "NuevaClave2027",
            ["Input.ConfirmPassword"] = "NuevaClave2027",
        };
        for (var i = 0; i < 3; i++)
        {
            var url = i % 2 == 0 ? "/Account/ResetPassword" : "/Account/SetPassword";
            Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync(url, Fields(i), getUrl: "/Account/ForgotPassword")).StatusCode);
        }
        await AssertTooManyAsync(await client.PostFormAsync("/Account/SetPassword", Fields(9), getUrl: "/Account/ForgotPassword"));
        Assert.Equal(HttpStatusCode.OK, (await From("198.51.100.61").PostFormAsync("/Account/ResetPassword", Fields(9), getUrl: "/Account/ForgotPassword")).StatusCode);
    }

    [Fact]
    public async Task The_api_answers_429_with_spanish_json_and_retry_after()
    {
        app.Settings["RateLimits:Api:PermitLimit"] = "2";
        var consulta = await app.SignedInAsync(Accounts.Consulta);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await consulta.GetAsync("/api/v1/directory/dependencies")).StatusCode);
        var refused = await consulta.GetAsync("/api/v1/directory/dependencies");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.StartsWith("application/problem+json", refused.Content.Headers.ContentType!.ToString());
        using var json = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Demasiadas solicitudes", json.RootElement.GetProperty("title").GetString());
        Assert.Contains("Intente de nuevo en", json.RootElement.GetProperty("detail").GetString());
        // The same shape as the API's other problems: its type and its status.
        Assert.Equal(429, json.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith("https://tools.ietf.org/html/rfc", json.RootElement.GetProperty("type").GetString());
        // The limit is per account: another account still reads.
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        Assert.Equal(HttpStatusCode.OK, (await th.GetAsync("/api/v1/directory/dependencies")).StatusCode);
    }
}

public sealed class RateLimitTestsSqlite() : RateLimitTests(Db.Sqlite);

public sealed class RateLimitTestsPostgres() : RateLimitTests(Db.Postgres);

/// <summary>Known and unknown e-mails: the same answers, the same lockout, one password-hash check per attempt.</summary>
public abstract partial class AccountEnumerationTests(Db db) : IAsyncLifetime
{
    private EgiAppFactory factory = null!;
    private WebApplicationFactory<Program> app = null!;
    private readonly CountingHasher.Counter verifications = new();

    public Task InitializeAsync()
    {
        factory = new EgiAppFactory(db);
        app = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton(verifications);
            s.AddScoped<IPasswordHasher<AppUser>, CountingHasher>();
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [GeneratedRegex("value=\"[^\"]*\"")]
    private static partial Regex Values();

    /// <summary>The page without what differs by design: the e-mail typed (echoed in its field) and the form tokens.</summary>
    private static async Task<string> NormalizedAsync(HttpResponseMessage response, string email) =>
        Values().Replace((await response.Content.ReadAsStringAsync()).Replace(email, "CORREO", StringComparison.OrdinalIgnoreCase), "value=\"…\"");

    private const string Unknown = "no.existe.nadie@egi-demo.gov.co";

    [Fact]
    public async Task Sign_in_answers_are_identical_for_a_known_and_an_unknown_email_including_the_lockout()
    {
        var known = Accounts.Jefe;
        for (var i = 0; i < 4; i++)
        {
            var a = await NewClient().PostFormAsync("/Account/Login", new() { ["Input.Email"] = known, ["Input.Password"] = "equivocada" + i });
            var b = await NewClient().PostFormAsync("/Account/Login", new() { ["Input.Email"] = Unknown, ["Input.Password"] = "equivocada" + i });
            Assert.Equal(HttpStatusCode.OK, a.StatusCode);
            Assert.Equal(a.StatusCode, b.StatusCode);
            Assert.Equal(await NormalizedAsync(a, known), await NormalizedAsync(b, Unknown));
            Assert.Contains("El correo o la contraseña no son correctos", WebUtility.HtmlDecode(await a.Content.ReadAsStringAsync()));
        }
        // The fifth failure locks both the same way, and the lockout page says nothing about an account existing.
        foreach (var password in new[] { "equivocada5", EgiAppFactory.Password })
        {
            var a = await NewClient().PostFormAsync("/Account/Login", new() { ["Input.Email"] = known, ["Input.Password"] = password });
            var b = await NewClient().PostFormAsync("/Account/Login", new() { ["Input.Email"] = Unknown, ["Input.Password"] = password });
            Assert.Equal(HttpStatusCode.Redirect, a.StatusCode);
            Assert.Equal(a.StatusCode, b.StatusCode);
            Assert.Equal("/Account/Lockout", a.Headers.Location!.OriginalString);
            Assert.Equal(a.Headers.Location, b.Headers.Location);
        }
        var lockout = WebUtility.HtmlDecode(await NewClient().GetStringAsync("/Account/Lockout"));
        Assert.Contains("no se puede iniciar sesión con ese correo durante 15 minutos", lockout);
        Assert.DoesNotContain("la cuenta se bloqueó", lockout);
        Assert.DoesNotContain("cuenta bloqueada", lockout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_sign_in_attempt_costs_one_password_hash_check_known_unknown_or_locked()
    {
        async Task<int> ChecksOf(string email, string password)
        {
            var before = verifications.Count;
            await NewClient().PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
            return verifications.Count - before;
        }

        Assert.Equal(1, await ChecksOf(Accounts.Evaluado, "equivocada"));
        Assert.Equal(1, await ChecksOf(Unknown, "equivocada"));
        for (var i = 0; i < 5; i++) await ChecksOf(Accounts.Jefe, "equivocada" + i);
        Assert.Equal(1, await ChecksOf(Accounts.Jefe, EgiAppFactory.Password)); // locked: Identity alone would hash nothing
    }

    [Fact]
    public async Task Forgot_password_answers_are_identical_for_a_known_and_an_unknown_email_and_both_are_audited()
    {
        var a = await NewClient().PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = Accounts.Evaluado });
        var b = await NewClient().PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = Unknown });
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(a.StatusCode, b.StatusCode);
        Assert.Equal(await NormalizedAsync(a, Accounts.Evaluado), await NormalizedAsync(b, Unknown));
        using var scope = app.Services.CreateScope();
        var dbc = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        Assert.Equal(2, dbc.AuditEntries.Count(x => x.Action == "Solicitar restablecimiento"));
    }
}

public sealed class AccountEnumerationTestsSqlite() : AccountEnumerationTests(Db.Sqlite);

public sealed class AccountEnumerationTestsPostgres() : AccountEnumerationTests(Db.Postgres);

/// <summary>The real hasher, counting its verifications.</summary>
public sealed class CountingHasher(CountingHasher.Counter counter, IOptions<PasswordHasherOptions> options) : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> inner = new(options);

    public sealed class Counter
    {
        private int count;
        public int Count => Volatile.Read(ref count);
        public void Add() => Interlocked.Increment(ref count);
    }

    public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        counter.Add();
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
