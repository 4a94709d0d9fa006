using Microsoft.Playwright;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Egi.BrowserTests.Infrastructure.LongestFirst", "Egi.BrowserTests")]

namespace Egi.BrowserTests.Infrastructure;

/// <summary>
/// One app per collection, and one Chromium for all of them (<see cref="SharedChromium"/>); every test gets a fresh
/// browser context (its own cookies) in Spanish (Colombia), Bogotá time.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

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
        browser = await SharedChromium.AcquireAsync(chromium);
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
        if (browser is not null) await SharedChromium.ReleaseAsync();
        browser = null;
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// A second app like <see cref="BrowserFixture"/>'s (the real clock, the demo period open around today) for the journeys
/// that go through every screen (widths, the content policy, accessibility, sign-in), so that they run beside the
/// workflow journeys of <see cref="BrowserCollection"/> instead of after them.
/// </summary>
public sealed class ScreensBrowserFixture : BrowserFixture;

[CollectionDefinition(Name)]
public sealed class ScreensBrowserCollection : ICollectionFixture<ScreensBrowserFixture>
{
    public const string Name = "BrowserScreens";
}

/// <summary>
/// One Playwright driver and one Chromium for every collection of the run: each collection's fixture takes it when it
/// starts and gives it back when it ends; the last one to give it back closes it. Launching them is a good part of a
/// fixture's start, and nothing of a test lives in the browser itself: each test has its own context (cookies, storage).
/// </summary>
internal static class SharedChromium
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? playwright;
    private static IBrowser? browser;
    private static int users;

    public static async Task<IBrowser> AcquireAsync(string executable)
    {
        await Gate.WaitAsync();
        try
        {
            if (browser is null)
            {
                playwright = await Playwright.CreateAsync();
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = executable,
                    Headless = true,
                    Args =
                    [
                        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--disable-quic",
                    ],
                });
            }
            users++;
            return browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--users > 0 || browser is null) return;
            await browser.CloseAsync();
            playwright?.Dispose();
            browser = null;
            playwright = null;
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>
/// Starts the longest collections first (they run two at a time, one per core): the last one to start is then a short
/// one, and the two threads end close together. The order is by the time each collection took (fixture and journeys);
/// a collection not listed starts last.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Order =
    [
        ScreensBrowserCollection.Name, JourneyBrowserCollection.Name, BrowserCollection.Name, YearBrowserCollection.Name,
        ManualBrowserCollection.Name, OidcBrowserCollection.Name, PeriodsBrowserCollection.Name,
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Array.IndexOf(Order, c.DisplayName) is var i and >= 0 ? i : Order.Length)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
