using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Egi.BrowserTests.Infrastructure;

/// <summary>
/// The real application on a real Kestrel port of localhost (the browser is another process),
/// over a fresh SQLite database seeded with the demo entity.
/// </summary>
public sealed class BrowserAppFactory : WebApplicationFactory<Program>
{
    public const string Password = "Egi.Demo2026";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "egi-browser-tests", Guid.NewGuid().ToString("N"));

    public BrowserAppFactory()
    {
        Directory.CreateDirectory(folder);
        UseKestrel(0); // a free port chosen by the OS
    }

    /// <summary>
    /// The application's clock when a journey walks the calendar (a fake one it moves forward); null: the real clock.
    /// Set before <see cref="Start"/>.
    /// </summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>Extra configuration applied on top (e.g. Authentication:Oidc:*); set before <see cref="Start"/>.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Where the browser finds the app, e.g. http://127.0.0.1:41234 (after <see cref="Start"/>).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Kestrel has no http address: {string.Join(", ", addresses)}");
        // Kestrel may report the bound address as [::] or 0.0.0.0; the browser needs a reachable host.
        var uri = new Uri(address);
        BaseAddress = new UriBuilder(uri) { Host = uri.Host is "[::]" or "0.0.0.0" or "+" or "*" ? "127.0.0.1" : uri.Host }.Uri;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Egi:DataFolder", folder);
        builder.UseSetting("Egi:SeedDemo", "true");
        builder.UseSetting("Egi:StartupBanner", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error"); // one unencrypted-key warning per host
        builder.UseSetting("Egi:DemoScenario", "true"); // the demo period is open with the goal window around today
        builder.UseSetting("Egi:DemoPassword", Password);
        // No browser journey is about the scheduler: on the real clock it would run the 07:00 reminder job whenever the
        // suite happens to cross that hour, writing to the database under a journey.
        builder.UseSetting("Scheduler:Enabled", "false");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(folder, "egi.db")}");
        // Every journey signs in from 127.0.0.1 against one host: raise the per-IP sign-in and password limits.
        foreach (var form in new[] { "SignIn", "ForgotPassword", "Password" })
            builder.UseSetting($"RateLimits:{form}:PerIp:PermitLimit", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            // Hashing with the production iteration count would make every seeded account cost ~0.1 s.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
            if (Clock is { } clock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
