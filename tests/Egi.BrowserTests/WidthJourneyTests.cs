using Egi.BrowserTests.Infrastructure;
using Egi.Web.Data;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// Every screen of the main menu of each role, on a laptop (1366 × 768) and on a phone (390 × 844): nothing is wider
/// than the window. Wide tables scroll inside their own container (<c>.table-responsive</c>), never the page.
/// </summary>
[Collection(ScreensBrowserCollection.Name)]
public sealed class WidthJourneyTests(ScreensBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>The people of the demo, one per role (Carlos Alberto is Planeación and a jefe).</summary>
    private static readonly (string Role, string Email)[] People =
    [
        ("Talento Humano", Accounts.TalentoHumano),
        ("Planeación y jefe", DemoData.PlaneacionEmail),
        ("Consulta", DemoData.ConsultaEmail),
        ("Evaluado", Accounts.Evaluado),
    ];

    /// <summary>Pages every role reaches that the menu does not list.</summary>
    private static readonly string[] Also = ["/Notifications", "/Account/ChangePassword"];

    /// <summary>A laptop and a phone.</summary>
    private static readonly (int Width, int Height)[] Sizes = [(1366, 768), (390, 844)];

    /// <summary>
    /// Each screen is loaded once and measured at both sizes: the window is resized between the two measures, and the
    /// next screen loads at the size the last one ended on. Layout here is CSS only (no script sizes anything), so a
    /// resized window lays a screen out as one opened at that size.
    /// </summary>
    [Fact]
    public Task No_screen_of_any_role_scrolls_sideways_on_a_laptop_or_a_phone() => InBrowserAsync(nameof(No_screen_of_any_role_scrolls_sideways_on_a_laptop_or_a_phone), async page =>
    {
        var overflowing = new List<string>();
        var visited = 0;
        var sizes = Sizes.ToList();
        foreach (var (role, email) in People)
        {
            await SwitchUserAsync(page, email);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            var menu = await page.Locator("nav[aria-label='Menú principal'] a[href^='/']")
                .EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            foreach (var path in menu.Concat(Also).Distinct(StringComparer.Ordinal))
            {
                var response = await page.GotoAsync(path);
                Assert.True(response is { Ok: true }, $"{role}: {path} answered {response?.Status}");
                visited++;
                foreach (var (width, height) in sizes)
                {
                    await page.SetViewportSizeAsync(width, height);
                    // The widest element decides: the document's scrolling width beyond the window.
                    var extra = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                    if (extra > 0) overflowing.Add($"{width} px, {role}: {path} +{extra} px ({await WidestAsync(page)})");
                }
                sizes.Reverse(); // the next screen starts at the size this one ended on
            }
        }
        Assert.True(visited >= 25, $"Only {visited} screens visited: the menu was not read.");
        Assert.True(overflowing.Count == 0, "These screens scroll sideways: " + string.Join("; ", overflowing));
    }, Sizes[0].Width, Sizes[0].Height);

    /// <summary>The outermost elements that end beyond the window's right edge, to name in the failure.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1);
          const outer = out.filter(e => !out.includes(e.parentElement));
          return outer.slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')).join(', ');
        }
        """);
}
