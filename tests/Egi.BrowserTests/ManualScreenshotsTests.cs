using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.BrowserTests.Infrastructure;
using Egi.Web.Data;
using Egi.Web.Features.Help;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// The demo entity on a clock that stands still (24/11/2026, 10:00 in Bogotá), so the screens of the manual look the
/// same on every run and their screenshots only change when a screen does.
/// </summary>
public sealed class ManualBrowserFixture : BrowserFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));

    public override Task InitializeAsync()
    {
        App.Clock = Clock;
        return base.InitializeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ManualBrowserCollection : ICollectionFixture<ManualBrowserFixture>
{
    public const string Name = "BrowserManual";
}

/// <summary>
/// Issue 15, item 9: the screenshots of the user manual («Ayuda») are taken here, by signing in each role of the demo
/// entity and opening each screen of <see cref="ManualScreens"/>, and written to the application's
/// <c>wwwroot/img/manual</c> when they changed (commit them with the change of the screen). A screen that no longer
/// opens, or opens on an error, fails the journey; the manual page shows every screenshot and they all load.
/// </summary>
[Collection(ManualBrowserCollection.Name)]
public sealed class ManualScreenshotsTests(ManualBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Jefe = "felipe.navarro@egi-demo.gov.co";

    private static string EmailOf(ManualAccount account) => account switch
    {
        ManualAccount.Evaluado => Accounts.Evaluado,
        ManualAccount.Jefe => Jefe,
        ManualAccount.TalentoHumano => Accounts.TalentoHumano,
        ManualAccount.Planeacion => DemoData.PlaneacionEmail,
        ManualAccount.Consulta => DemoData.ConsultaEmail,
        _ => throw new ArgumentOutOfRangeException(nameof(account)),
    };

    /// <summary>
    /// The largest difference of any pixel's channel (0–255) above which a new screenshot replaces the stored one. The same
    /// screen rendered twice can differ by a level or two where a border falls between pixels (seen on 03/12/2026: ±2 along
    /// one fieldset's border), which rewrote a JPEG in the source tree on some runs; a changed text or control differs by
    /// far more than this.
    /// </summary>
    private const int VisibleDifference = 24;

    /// <summary>
    /// Whether two JPEGs show a visibly different screen: both are decoded in a blank page of the browser (no policy of
    /// the application applies there) and compared pixel by pixel (<see cref="VisibleDifference"/>); another size, or a
    /// stored file that does not decode, differs.
    /// </summary>
    private static async Task<bool> DiffersAsync(IPage page, byte[] stored, byte[] taken)
    {
        var blank = await page.Context.NewPageAsync();
        try
        {
            var largest = await blank.EvaluateAsync<int>("""
                async ([a, b]) => {
                    const load = src => new Promise(ok => { const i = new Image(); i.onload = () => ok(i); i.onerror = () => ok(null); i.src = src; });
                    const [x, y] = await Promise.all([load(a), load(b)]);
                    if (!x || !y) return 255;
                    if (x.naturalWidth !== y.naturalWidth || x.naturalHeight !== y.naturalHeight) return 255;
                    const c = document.createElement('canvas');
                    c.width = x.naturalWidth; c.height = x.naturalHeight;
                    const g = c.getContext('2d', { willReadFrequently: true });
                    g.drawImage(x, 0, 0);
                    const p = g.getImageData(0, 0, c.width, c.height).data;
                    g.clearRect(0, 0, c.width, c.height);
                    g.drawImage(y, 0, 0);
                    const q = g.getImageData(0, 0, c.width, c.height).data;
                    let max = 0;
                    for (let k = 0; k < p.length; k++) { const d = Math.abs(p[k] - q[k]); if (d > max) max = d; }
                    return max;
                }
                """, new[] { DataUrl(stored), DataUrl(taken) });
            return largest > VisibleDifference;
        }
        finally
        {
            await blank.CloseAsync();
        }
    }

    private static string DataUrl(byte[] jpeg) => "data:image/jpeg;base64," + Convert.ToBase64String(jpeg);

    /// <summary>The application's wwwroot/img/manual in the source tree (the folder of Egi.slnx, upwards from the tests).</summary>
    private static string ManualFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Egi.slnx")))
                return Path.Combine(dir.FullName, "src", "Egi.Web", "wwwroot", "img", "manual");
        }
        throw new InvalidOperationException("Egi.slnx was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The screen's address with its placeholders filled from the demo entity.</summary>
    private async Task<string> ResolveAsync(string url)
    {
        if (!url.Contains('{', StringComparison.Ordinal)) return url;
        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        var period = await db.Periods.Where(p => p.Status == PeriodStatus.Open).OrderByDescending(p => p.Year).Select(p => p.Id).FirstAsync();
        var camila = await db.Users.Where(u => u.Email == Accounts.Evaluado).Select(u => u.ServantId).SingleAsync();
        var felipe = await db.Users.Where(u => u.Email == Jefe).Select(u => u.ServantId).SingleAsync();
        var own = await db.Evaluations.Where(e => e.PeriodId == period && e.EvaluadoId == camila).Select(e => e.Id).SingleAsync();
        var toApprove = await db.Evaluations
            .Where(e => e.PeriodId == period && e.EvaluatorId == felipe && e.State == EvaluationState.SelfEvaluationIApproval)
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        return url.Replace("{vigencia}", period.ToString(), StringComparison.Ordinal)
            .Replace("{evaluacion}", own.ToString(), StringComparison.Ordinal)
            .Replace("{por-aprobar}", toApprove.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public Task Every_screen_of_the_manual_opens_for_its_role_and_its_screenshot_is_taken() =>
        InBrowserAsync(nameof(Every_screen_of_the_manual_opens_for_its_role_and_its_screenshot_is_taken), async page =>
        {
            // The manual shows every screenshot, and every one loads (they are part of the build). One that does not is
            // reported at the end, after the journey has written it: rebuild, and commit it.
            await page.GotoAsync("/Help");
            var images = page.Locator("main img");
            await Expect(images).ToHaveCountAsync(ManualScreens.All.Count);
            var notLoaded = new List<string>();
            foreach (var image in await images.AllAsync())
            {
                await image.ScrollIntoViewIfNeededAsync();
                await page.WaitForFunctionAsync("img => img.complete", await image.ElementHandleAsync());
                if (await image.EvaluateAsync<int>("img => img.naturalWidth") == 0) notLoaded.Add(await image.GetAttributeAsync("src") ?? "?");
            }

            var folder = ManualFolder();
            Directory.CreateDirectory(folder);
            ManualAccount? signedIn = ManualAccount.Anonymous;
            var written = 0;
            foreach (var screen in ManualScreens.All.OrderBy(s => s.Account))
            {
                if (screen.Account != signedIn)
                {
                    if (screen.Account == ManualAccount.Anonymous) await page.Context.ClearCookiesAsync();
                    else await SwitchUserAsync(page, EmailOf(screen.Account));
                    signedIn = screen.Account;
                }
                var url = await ResolveAsync(screen.Url);
                var response = await page.GotoAsync(url);
                Assert.True(response is { Ok: true }, $"{screen.Key}: {url} answered {response?.Status}");
                if (screen.Account != ManualAccount.Anonymous)
                    Assert.DoesNotMatch("/Account/(Login|AccessDenied)", page.Url);
                await Expect(page.Locator("h1").First).ToBeVisibleAsync();
                await LoadedAsync(page);
                var shot = await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Jpeg, Quality = 70, Animations = ScreenshotAnimations.Disabled });
                var file = Path.Combine(folder, screen.Key + ".jpg");
                if (!File.Exists(file) || await DiffersAsync(page, await File.ReadAllBytesAsync(file), shot))
                {
                    await File.WriteAllBytesAsync(file, shot);
                    written++;
                }
            }
            Output.WriteLine($"{ManualScreens.All.Count} screenshots of the manual taken; {written} changed and were written to {folder}.");
            Assert.True(notLoaded.Count == 0, $"The manual could not show {string.Join(", ", notLoaded)}: they were missing from the build and have now been written to {folder}; rebuild and commit them.");
        });
}
