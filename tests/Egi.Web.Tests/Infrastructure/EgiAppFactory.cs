using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Egi.Web.Tests.Infrastructure;

public enum Db
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real application host over a fresh database of its own (an SQLite file, or a new PostgreSQL
/// database on the server test.sh starts, named by EGI_TEST_PG), seeded with the demo entity.
/// </summary>
public sealed class EgiAppFactory : WebApplicationFactory<Program>
{
    public const string Password = "Egi.Demo2026";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "egi-tests", Guid.NewGuid().ToString("N"));

    static EgiAppFactory() => ThreadPoolWarmUp.Ensure();

    public EgiAppFactory(Db db)
    {
        Db = db;
        System.IO.Directory.CreateDirectory(folder);
        // Where it was built names the test class better than where it starts (often after an await in a helper).
        if (HostLog.Enabled) owner = HostLog.CallingTestClass();
    }

    public Db Db { get; }

    private string? postgresConnection;
    private EgiAppFactory? sharedWith;

    /// <summary>
    /// Another application host on this one's database (as a second instance behind a reverse proxy): its own services,
    /// caches, clock and data folder, the same rows. It starts on an existing database, so it seeds nothing.
    /// Dispose it before this one.
    /// </summary>
    public EgiAppFactory SecondInstance() => new(Db) { sharedWith = this };

    private bool isTemplate;

    private readonly string? owner;

    /// <summary>Set by <see cref="SharedHost"/>, which writes the <see cref="HostLog"/> line itself (it knows the test class).</summary>
    internal bool QuietStart { get; set; }

    /// <summary>A host that migrates and seeds <paramref name="connectionString"/> as <paramref name="like"/> would (see <see cref="TemplateDatabases"/>).</summary>
    internal static EgiAppFactory TemplateBuilder(EgiAppFactory like, string connectionString)
    {
        // A new clock at the other's time: a FakeTimeProvider only moves forward, and a host may start before the default.
        var builder = new EgiAppFactory(like.Db) { isTemplate = true, explicitConnection = connectionString, Clock = new(like.Clock.GetUtcNow()) };
        foreach (var (key, value) in like.Settings) builder.Settings[key] = value;
        return builder;
    }

    private string? explicitConnection;

    /// <summary>The database of this host (of the first one for a <see cref="SecondInstance"/>).</summary>
    public string ConnectionString => sharedWith?.ConnectionString ?? explicitConnection ?? (Db == Db.Postgres
        // Generous connect and command timeouts: the suite creates and migrates hundreds of databases in parallel, and
        // on a loaded machine Npgsql's defaults (15 s, 30 s) can run out before a busy server answers.
        ? postgresConnection ??= $"{PostgresBase};Database=egi_{Guid.NewGuid():N};Timeout=60;Command Timeout=120"
        : $"Data Source={Path.Combine(folder, "egi.db")}");

    /// <summary>
    /// The clock of the application: 24 Nov 2026 10:00 in Bogotá unless a test moves it (forward only) or starts the host
    /// on another one (<c>new EgiAppFactory(db) { Clock = new(start) }</c>, e.g. a year walked from an earlier month).
    /// </summary>
    public FakeTimeProvider Clock { get => clock; init => clock = value; }

    private FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));

    /// <summary>The clock's time when the host started: where <see cref="ResetAsync"/> puts a new clock.</summary>
    private DateTimeOffset startedAt;

    /// <summary>The template database this host's database is a copy of (null when it was built otherwise).</summary>
    private string? template;

    public string DataFolder => folder;

    /// <summary>Every SQL command the application sends (see <see cref="QueryCounter"/>).</summary>
    public QueryCounter Queries { get; } = new();

    /// <summary>A step a test runs just before one context begins a transaction (see <see cref="TransactionHook"/>).</summary>
    public TransactionHook Transactions { get; } = new();

    /// <summary>
    /// A request's scope signed in as the account <paramref name="userId"/> of servant <paramref name="servantId"/>, for a
    /// test that calls the application's services as a page does. Not async: the accessor's HttpContext lives in an
    /// AsyncLocal, which an async method would restore on return.
    /// </summary>
    public IServiceScope RequestScope(string userId, int servantId)
    {
        var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId),
                new Claim(EgiClaimsPrincipalFactory.ServantClaim, servantId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ], "test")),
            RequestServices = scope.ServiceProvider,
        };
        return scope;
    }

    /// <summary>
    /// Keep the production rate limits (RateLimits:*). By default the tests' host raises them: a test signs in many times
    /// from the same address, which the limits would refuse.
    /// </summary>
    public bool ProductionRateLimits { get; init; }

    /// <summary>A request header that sets the client's address as the server sees it (TestServer has none):
    /// the proxy's address in forwarded-headers tests, different "machines" in rate-limit tests.</summary>
    public const string RemoteIpHeader = "X-Test-Remote-Ip";

    /// <summary>The client's address for requests without <see cref="RemoteIpHeader"/> (null: none, as TestServer gives).</summary>
    public string? DefaultRemoteIp { get; set; }

    /// <summary>Extra configuration (e.g. Mail:*) applied on top; set before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Delivers e-mail to <paramref name="smtp"/> over real SMTP, polling often.</summary>
    public EgiAppFactory WithSmtp(TestSmtpServer smtp)
    {
        Settings["Mail:Transport"] = "Smtp";
        Settings["Mail:Smtp:Host"] = "127.0.0.1";
        Settings["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Mail:Smtp:Security"] = "None";
        // A generous timeout: on a loaded machine a 5 s limit could fail a send the server had already accepted (a
        // timeout on QUIT); the message would then wait for a retry on the fake clock, or arrive twice.
        Settings["Mail:Smtp:TimeoutSeconds"] = "60";
        Settings["Mail:PollSeconds"] = "0.2";
        Settings["Mail:BaseUrl"] = "https://egi.test";
        return this;
    }

    /// <summary>
    /// Closes the idle pooled connections to the database of <paramref name="configured"/>: the application's (it opens the
    /// string with EGI's defaults, <see cref="Data.PostgresConnectionString"/>, which Npgsql pools apart) and the tests' own.
    /// </summary>
    public static void ClearPostgresPools(string configured)
    {
        foreach (var cs in new[] { configured, Data.PostgresConnectionString.WithDefaults(configured) })
        {
            using var connection = new Npgsql.NpgsqlConnection(cs);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }

    public static string PostgresBase =>
        Environment.GetEnvironmentVariable("EGI_TEST_PG")
        ?? throw new InvalidOperationException("EGI_TEST_PG is not set: run the tests through ./test.sh, which starts PostgreSQL.");

    /// <summary>
    /// Start on a database of its own built from nothing (migrations and seeding at start-up) instead of a copy of the
    /// seeded template (see <see cref="TemplateDatabases"/>).
    /// </summary>
    public bool FreshDatabase { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        startedAt = Clock.GetUtcNow();
        if (HostLog.Enabled && !QuietStart)
            HostLog.Write(owner ?? HostLog.CallingTestClass(), Db, isTemplate ? "template" : sharedWith is not null ? "second" : "own");
        if (!FreshDatabase && sharedWith is null && !isTemplate) template = TemplateDatabases.CopyInto(this);
        builder.UseEnvironment("Development");
        builder.UseSetting("Egi:DataFolder", folder);
        builder.UseSetting("Egi:SeedDemo", "true");
        builder.UseSetting("Egi:DemoScenario", "false"); // tests set up the workflow they need
        builder.UseSetting("Egi:StartupBanner", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Creating each test database logs a connection failure before EF Core creates it: not news.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Connection", "None");
        // Every new host makes a data-protection key and warns that it is stored unencrypted: the README's production
        // set-up answers it; in the suite it is thousands of lines that hide the failures.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        builder.UseSetting("Egi:DemoPassword", Password);
        // The hosted scheduler polls on a real-time minute against the test's fake clock: whenever it happened to wake, it
        // could run a job in the middle of a test. Tests that are about the scheduler run it themselves (RunDueAsync).
        builder.UseSetting("Scheduler:Enabled", "false");
        // Likewise the directory jobs' worker (large API syncs and imports): tests run the jobs themselves (RunDirectoryJobsAsync).
        builder.UseSetting("DirectoryJobs:WorkerEnabled", "false");
        if (Db == Db.Postgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        }
        else
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Sqlite", ConnectionString);
        }
        if (ProductionRateLimits)
        {
            // The production permit limits, but windows of an hour: the limiter's windows run on the real clock, and a
            // window that ended in the middle of a slow test would hand out new permits and hide the 429 it expects.
            foreach (var form in new[] { "SignIn", "ForgotPassword", "Password" })
                foreach (var per in new[] { "PerIp", "PerAccount" })
                    builder.UseSetting($"RateLimits:{form}:{per}:WindowSeconds", "3600");
            builder.UseSetting("RateLimits:Api:WindowSeconds", "3600");
        }
        else
        {
            foreach (var form in new[] { "SignIn", "ForgotPassword", "Password" })
                foreach (var per in new[] { "PerIp", "PerAccount" })
                    builder.UseSetting($"RateLimits:{form}:{per}:PermitLimit", "100000");
            builder.UseSetting("RateLimits:Api:PermitLimit", "100000");
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new RemoteIpFromHeader(this));
            services.RemoveAll<TimeProvider>();
            // The application reads the test's clock through a proxy, so that ResetAsync can give it a new one.
            services.AddSingleton<TimeProvider>(new CurrentClock(this));
            // Hashing with the production iteration count would make every seeded account cost ~0.1 s.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
            services.ConfigureDbContext<SqliteEgiDbContext>(o => o.AddInterceptors(Queries, Transactions));
            services.ConfigureDbContext<PostgresEgiDbContext>(o => o.AddInterceptors(Queries, Transactions));
        });
    }

    /// <summary>
    /// A host of this application as it runs outside Development (the error page answers, not the developer's exception
    /// page), on the same database, with what a production start requires (ProductionChecks): links on Mail:BaseUrl, the
    /// demo only when allowed. Dispose it.
    /// </summary>
    public WebApplicationFactory<Program> InProduction(Action<IWebHostBuilder>? configure = null) => WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Production");
        b.UseSetting("Mail:BaseUrl", "https://egi.test");
        b.UseSetting("Egi:AllowDemoOutsideDevelopment", "true");
        configure?.Invoke(b);
    });

    /// <summary>With <c>UseKestrel</c>: the address the real server listens on (clients go there instead of the test server).</summary>
    public Uri? ServerAddress { get; set; }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests assert them).</summary>
    public HttpClient NewClient() => ServerAddress is { } address
        // Over a real socket the factory's client would follow redirects in its inner handler: a plain one does not.
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = address }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real sign-in page.</summary>
    public async Task<HttpClient> SignedInAsync(string email, string password = Password)
    {
        var client = NewClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>
    /// Runs one complete pass of the outbox dispatcher, as the hosted worker does each round; returns how many messages
    /// it sent. When it returns, every message due on <see cref="Clock"/> that nobody else is sending has been tried:
    /// the way to show that something is not sent.
    /// </summary>
    public Task<int> DispatchOutboxAsync() =>
        Services.GetRequiredService<Egi.Web.Notifications.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    /// <summary>
    /// Runs the queued directory jobs (large API syncs and imports) as the hosted worker does each round, on this instance;
    /// returns how many ran. When it returns, every job due on <see cref="Clock"/> that no other instance holds has ended.
    /// </summary>
    public Task<int> RunDirectoryJobsAsync() =>
        Services.GetRequiredService<Egi.Web.Features.Directory.Jobs.DirectoryJobRunner>().RunDueAsync(CancellationToken.None);

    public async Task<T> WithDbAsync<T>(Func<EgiDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<EgiDbContext>());
    }

    public async Task WithDbAsync(Func<EgiDbContext, Task> work)
    {
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<EgiDbContext>());
    }

    /// <summary>
    /// Puts this (started) host back where a new host of the same kind would start, for the next test of a class that
    /// shares one host (see <see cref="SharedHost"/>): the database back to a copy of the template (keeping this host's
    /// data-protection key, which a new host would have written at start-up), a new clock at the start time, the data
    /// folder without the files tests left in it (evidence, e-mails, pending imports) and the query count at zero.
    /// Nothing else in the host keeps test data: the sign-in cookies are the clients' and every test makes new clients.
    /// The outbox's delivery worker is stopped for the while (its round in course finished, or cancelled) and started
    /// again at the end, as a new host's would start: nothing of the earlier test is sent after the reset, and
    /// <paramref name="whileQuiet"/> runs when no delivery can be under way (see <see cref="SmtpHost"/>).
    /// </summary>
    public async Task ResetAsync(Func<Task>? whileQuiet = null)
    {
        if (template is null) throw new InvalidOperationException("Only a host on a copy of a template database can be reset.");
        Transactions.Disarm();
        var worker = OutboxWorker;
        if (worker is not null) await worker.StopAsync(CancellationToken.None);
        var keys = await WithDbAsync(d => d.DataProtectionKeys.AsNoTracking().ToListAsync());
        await TemplateDatabases.RestoreAsync(this, template);
        clock = new FakeTimeProvider(startedAt);
        await WithDbAsync(async d =>
        {
            d.DataProtectionKeys.AddRange(keys.Select(k => new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey
            {
                FriendlyName = k.FriendlyName,
                Xml = k.Xml,
            }));
            await d.SaveChangesAsync();
        });
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            if (!Path.GetFileName(file).StartsWith("egi.db", StringComparison.Ordinal))
                File.Delete(file);
        Queries.Reset();
        if (whileQuiet is not null) await whileQuiet();
        if (worker is not null) await worker.StartAsync(CancellationToken.None);
    }

    /// <summary>
    /// Stops the outbox's delivery worker of this host until the next <see cref="ResetAsync"/> (which starts it again):
    /// as <c>Mail:WorkerEnabled=false</c> at start-up, for a test of a shared host that drives the dispatcher itself
    /// (<see cref="DispatchOutboxAsync"/>). When it returns, the worker's round in course has ended.
    /// </summary>
    public Task StopOutboxWorkerAsync() =>
        (OutboxWorker ?? throw new InvalidOperationException("This host has no outbox worker (Mail:WorkerEnabled is false).")).StopAsync(CancellationToken.None);

    /// <summary>The outbox's hosted delivery worker, when the host has one (Mail:WorkerEnabled).</summary>
    private Egi.Web.Notifications.OutboxWorker? OutboxWorker =>
        Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Egi.Web.Notifications.OutboxWorker>().SingleOrDefault();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // Each factory has its own database: close its idle pooled connections now rather than after Npgsql's
        // idle lifetime, or a long suite exhausts the server's max_connections.
        if (postgresConnection is not null) ClearPostgresPools(postgresConnection);
        try { System.IO.Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The application's <see cref="TimeProvider"/>: whatever <see cref="EgiAppFactory.Clock"/> is now.</summary>
internal sealed class CurrentClock(EgiAppFactory app) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => app.Clock.GetUtcNow();

    public override long GetTimestamp() => app.Clock.GetTimestamp();

    public override long TimestampFrequency => app.Clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => app.Clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        app.Clock.CreateTimer(callback, state, dueTime, period);
}

/// <summary>
/// Sets the connection's remote address from <see cref="EgiAppFactory.RemoteIpHeader"/> (or to
/// <see cref="EgiAppFactory.DefaultRemoteIp"/> without it), before anything else runs.
/// </summary>
internal sealed class RemoteIpFromHeader(EgiAppFactory factory) : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        Microsoft.AspNetCore.Builder.UseExtensions.Use(app, (context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(EgiAppFactory.RemoteIpHeader, out var value)
                && System.Net.IPAddress.TryParse(value.ToString(), out var ip))
                context.Connection.RemoteIpAddress = ip;
            else if (factory.DefaultRemoteIp is { } address)
                context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
            return nextMiddleware(context);
        });
        next(app);
    };
}

public static class HttpClientFormExtensions
{
    private static readonly Regex Token = new("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", RegexOptions.Compiled);

    /// <summary>The antiforgery token of the first form of a page's HTML.</summary>
    public static string AntiforgeryToken(string html) =>
        Token.Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token in the page");

    /// <summary>GETs the page (for its antiforgery token), then POSTs the form fields to it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? getUrl = null)
    {
        var page = await client.GetAsync(getUrl ?? url);
        var html = await page.Content.ReadAsStringAsync();
        if (!Token.IsMatch(html)) throw new InvalidOperationException($"No antiforgery token at {getUrl ?? url} ({(int)page.StatusCode})");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(html) };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>POSTs a multipart form (file upload) after reading the antiforgery token of <paramref name="getUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string url, string getUrl, string fieldName, string fileName, byte[] content, Dictionary<string, string>? fields = null)
    {
        var page = await client.GetAsync(getUrl);
        var html = await page.Content.ReadAsStringAsync();
        var match = Token.Match(html);
        if (!match.Success) throw new InvalidOperationException($"No antiforgery token at {getUrl} ({(int)page.StatusCode})");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(match.Groups[1].Value)), "__RequestVerificationToken" },
            { new ByteArrayContent(content), fieldName, fileName },
        };
        foreach (var (k, v) in fields ?? []) form.Add(new StringContent(v), k);
        return await client.PostAsync(url, form);
    }
}
