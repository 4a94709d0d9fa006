using Egi.Domain.Calendar;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests.Infrastructure;

/// <summary>Base of the browser tests: a fresh page per test, a screenshot when a test fails.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output)
{
    public const string Password = BrowserAppFactory.Password;

    protected BrowserFixture Fixture { get; } = fixture;

    /// <summary>The test's output (shown with the test's result).</summary>
    protected ITestOutputHelper Output { get; } = output;

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    /// <summary>Runs <paramref name="journey"/> in a new browser context; on failure saves a screenshot, then rethrows.</summary>
    protected async Task InBrowserAsync(string name, Func<IPage, Task> journey, int width = 1280, int height = 800)
    {
        var page = await Fixture.NewPageAsync(width, height);
        try
        {
            await journey(page);
        }
        catch
        {
            await SaveScreenshotAsync(page, name);
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Signs out the current person and signs in <paramref name="email"/>. Lets the current page finish loading (its
    /// stylesheets and scripts go through the sign-in middleware and may renew the previous person's sliding cookie),
    /// then leaves it for about:blank, which aborts whatever is still in flight, and clears the cookies. It never waits
    /// for the network to go idle: that wait has no upper bound of its own and made a journey time out once in CI.
    /// </summary>
    protected static async Task SwitchUserAsync(IPage page, string email)
    {
        await LoadedAsync(page);
        await page.GotoAsync("about:blank");
        await page.Context.ClearCookiesAsync();
        await SignInAsync(page, email);
    }

    /// <summary>
    /// The year of the demo period the application opened: the dates a journey types must fall in it. The app takes it
    /// from its clock, so it can differ from the machine's local <see cref="DateTime.Today"/> around New Year.
    /// </summary>
    protected async Task<int> PeriodYearAsync()
    {
        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        return await db.Periods.Where(p => p.Status == PeriodStatus.Open).OrderByDescending(p => p.Year).Select(p => p.Year).FirstAsync();
    }

    /// <summary>
    /// Signs in through the real sign-in page, as a person does it. With the right password it waits for the POST's
    /// answer and then for the page it leads to, so the journey never races the sign-in cookie. Should the POST be
    /// refused by the antiforgery check (a cookie of the previous person that a late response put back), it signs in
    /// again from a fresh sign-in page, at most twice more; any other refusal fails the test with its status.
    /// </summary>
    protected static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/Account/Login");
            await page.GetByLabel("Correo institucional").FillAsync(email);
            await page.GetByLabel("Contraseña").FillAsync(password);
            var submit = page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" });
            if (password != Password)
            {
                await submit.ClickAsync();
                return;
            }
            var answer = await page.RunAndWaitForResponseAsync(
                () => submit.ClickAsync(),
                r => r.Request.Method == "POST" && r.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
            if (answer.Status == 400 && attempt < 3)
            {
                await page.GotoAsync("about:blank");
                await page.Context.ClearCookiesAsync();
                continue;
            }
            if (answer.Status is not (302 or 303))
                throw new InvalidOperationException($"Signing in {email} answered {answer.Status} instead of a redirect (attempt {attempt}).");
            await page.WaitForFunctionAsync("() => !location.pathname.toLowerCase().startsWith('/account/login') && document.readyState === 'complete'");
            return;
        }
    }

    /// <summary>
    /// Waits until the page's document has loaded (<c>document.readyState</c> «complete»), asked in the page until it is
    /// so. Never Playwright's <c>WaitForLoadStateAsync</c>/<c>WaitForURLAsync</c>: its .NET client checks the states it
    /// has seen and only then listens for the next one, so a «load» that arrives in between is missed and the wait runs
    /// into its 30 s timeout on a page that loaded long before (a fresh-clone run failed so on 03/12/2026: the page shown,
    /// only «networkidle» seen). <c>GotoAsync</c> is safe: the browser side waits for its load.
    /// </summary>
    protected static Task LoadedAsync(IPage page) => page.WaitForFunctionAsync("() => document.readyState === 'complete'");

    private async Task SaveScreenshotAsync(IPage page, string name)
    {
        try
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = 5_000 });
            Output.WriteLine($"Screenshot of the failure: {file} (page {page.Url})");
        }
        catch (Exception e) when (e is PlaywrightException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            Output.WriteLine($"Could not save a screenshot: {e.Message}");
        }
    }
}
