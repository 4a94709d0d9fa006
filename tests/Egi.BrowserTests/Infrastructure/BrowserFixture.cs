using System.Diagnostics;
using Microsoft.Playwright;

namespace Egi.BrowserTests.Infrastructure;

/// <summary>
/// One app and one Chromium for the whole browser suite; every test gets a fresh browser context
/// (its own cookies) in Spanish (Colombia), Bogotá time.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public BrowserAppFactory App { get; } = new();

    public Uri BaseAddress => App.BaseAddress;

    /// <summary>EGI_CHROMIUM (set by test.sh) or Debian's /usr/bin/chromium. Never a downloaded browser.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("EGI_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;

    public virtual async Task InitializeAsync()
    {
        var chromium = ChromiumPath;
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. Install Debian's chromium (apt-get install chromium) or set EGI_CHROMIUM to its path; " +
                "the browser tests never download a browser.");

        // Playwright must only drive the system Chromium: no download, driver from the NuGet package's bin/.playwright.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_VALIDATE_HOST_REQUIREMENTS", "1");
        var driver = Path.Combine(AppContext.BaseDirectory, ".playwright");
        if (!Directory.Exists(driver))
            throw new InvalidOperationException($"The Playwright driver is missing at {driver}: rebuild the project (the Microsoft.Playwright package copies it there).");

        // Auto-waiting assertions (Expect(...)) wait for the page's actual state, 5 s by default: too short for a loaded machine.
        Assertions.SetDefaultExpectTimeout(20_000);

        var appStart = Task.Run(App.Start);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        await appStart;
    }

    /// <summary>A new page in a new context (no cookies), Spanish (Colombia), Bogotá time.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        if (browser is null) throw new InvalidOperationException("The browser is not running.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "es-CO",
            TimezoneId = "America/Bogota",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Generous limits: they only matter when something is wrong, and a loaded CI machine is slow, not wrong.
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(30_000);
        return await context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
