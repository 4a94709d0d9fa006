using Egi.BrowserTests.Infrastructure;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// The Content-Security-Policy (no inline script, no style attribute) in a real browser: the main pages load without a
/// single violation reported by Chromium, and their scripts (Bootstrap's menus, the goals' running total) still work.
/// </summary>
[Collection(ScreensBrowserCollection.Name)]
public sealed class ContentSecurityPolicyJourneyTests(ScreensBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string[] TalentoHumanoPages =
    [
        "/", "/Pending", "/Dashboard", "/Directory/Servants", "/Directory/Dependencies", "/Directory/Import", "/Periods",
        "/Competencies", "/Audit", "/Reports/Stage1", "/Reports/Annual", "/Control", "/Control/Reminders", "/Plans",
        "/Sessions", "/WorkPlan", "/Improvement", "/Notifications", "/Account/ChangePassword", "/Accounts", "/ApiKeys",
        "/Directory/Servants/Create", "/Periods/Create",
    ];

    /// <summary>Collects what Chromium reports: violation events in the page and CSP messages in the console.</summary>
    private static async Task<List<string>> WatchAsync(IPage page)
    {
        var reported = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (reported) reported.Add($"console: {message.Text}");
        };
        page.PageError += (_, error) => { lock (reported) reported.Add($"script error: {error}"); };
        // Added by the browser's debugging protocol, which the policy does not govern.
        await page.AddInitScriptAsync("""
            window.__csp = [];
            document.addEventListener('securitypolicyviolation', function (e) {
                window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
            });
            """);
        return reported;
    }

    private static async Task AssertNoViolationAsync(IPage page, List<string> reported, string url)
    {
        var events = await page.EvaluateAsync<string[]>("() => window.__csp || []");
        List<string> all;
        lock (reported) all = [.. reported, .. events];
        Assert.True(all.Count == 0, $"{url}: {string.Join(" | ", all)}");
    }

    [Fact]
    public Task Main_pages_load_without_a_policy_violation_and_the_menus_work() =>
        InBrowserAsync(nameof(Main_pages_load_without_a_policy_violation_and_the_menus_work), async page =>
        {
            var reported = await WatchAsync(page);
            await page.GotoAsync("/Account/Login");
            await AssertNoViolationAsync(page, reported, "/Account/Login");
            await SignInAsync(page, Accounts.TalentoHumano);
            foreach (var url in TalentoHumanoPages)
            {
                // GotoAsync returns once the page and everything it loads (scripts, stylesheets, images) have loaded: each
                // refusal of the policy has been reported to the console by then (the main pages fetch nothing afterwards).
                var response = await page.GotoAsync(url);
                Assert.True(response is { Ok: true }, $"{url}: {response?.Status}");
                // The policy is the one the browser got.
                Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "");
                await AssertNoViolationAsync(page, reported, url);
            }

            // Bootstrap's script runs: the «Administración» drop-down opens.
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Button, new() { Name = "Administración" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Auditoría", Exact = true })).ToBeVisibleAsync();
            await AssertNoViolationAsync(page, reported, "/ (menú Administración)");

            // The watch does see a violation when there is one: an inline script added to the page is refused and reported.
            await page.EvaluateAsync("() => { var s = document.createElement('script'); s.textContent = 'window.__inline = 1;'; document.body.appendChild(s); }");
            await page.WaitForFunctionAsync("() => window.__csp.length > 0");
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__inline"));
            Assert.Contains("script-src", string.Join(" ", await page.EvaluateAsync<string[]>("() => window.__csp")));
        });

    [Fact]
    public Task The_api_reference_renders_under_the_policy() =>
        InBrowserAsync(nameof(The_api_reference_renders_under_the_policy), async page =>
        {
            var reported = await WatchAsync(page);
            await SignInAsync(page, Accounts.TalentoHumano);
            var response = await page.GotoAsync("/docs/api/");
            Assert.True(response is { Ok: true }, $"/docs/api/: {response?.Status}");
            // Scalar's script ran (its inline start-up has the answer's nonce) and read the OpenAPI document with the session.
            await Expect(page.GetByText("Sincronizar dependencias y servidores").First).ToBeVisibleAsync();
            await LoadedAsync(page);
            // Scalar's bundle probes eval() once; the policy refuses it (no 'unsafe-eval' anywhere) and the page works
            // without it. Any other report fails.
            var events = await page.EvaluateAsync<string[]>("() => window.__csp || []");
            List<string> all;
            lock (reported) all = [.. reported, .. events];
            var other = all.Where(v => !(v.StartsWith("script-src eval ", StringComparison.Ordinal) && v.Contains("/docs/api/scalar.js", StringComparison.Ordinal))
                && !(v.StartsWith("console: ", StringComparison.Ordinal) && v.Contains("'unsafe-eval'", StringComparison.Ordinal))).ToList();
            Assert.True(other.Count == 0, $"/docs/api/: {string.Join(" | ", other)}");
        });

    [Fact]
    public Task On_a_phone_the_collapsed_menu_opens() =>
        InBrowserAsync(nameof(On_a_phone_the_collapsed_menu_opens), async page =>
        {
            var reported = await WatchAsync(page);
            await SignInAsync(page, Accounts.TalentoHumano);
            await page.GotoAsync("/Dashboard");
            var menuLink = page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Mis pendientes" });
            await Expect(menuLink).ToBeHiddenAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Mostrar u ocultar el menú" }).ClickAsync();
            await Expect(menuLink).ToBeVisibleAsync();
            await AssertNoViolationAsync(page, reported, "/Dashboard (390 px)");
        }, width: 390, height: 844);

    [Fact]
    public Task The_goals_running_total_works_under_the_policy() =>
        InBrowserAsync(nameof(The_goals_running_total_works_under_the_policy), async page =>
        {
            // An evaluado still formulating goals whom no other journey uses; only a draft is saved here.
            var (email, evaluationId) = await EvaluadoFormulatingAsync();
            var reported = await WatchAsync(page);
            await SignInAsync(page, email);
            await page.GotoAsync($"/Evaluations/Goals/{evaluationId}");
            await Expect(page.Locator("#ev-total-value")).ToBeVisibleAsync();
            await page.Locator("#Goals_0__Weight").FillAsync("45");
            await page.Locator("#Goals_1__Weight").FillAsync("30");
            await Expect(page.Locator("#ev-total-value")).ToHaveTextAsync("75");
            // plan-items.js fetched the other dependencias' planes de acción (Evaluations/PlanChoices, allowed by the
            // policy's default-src 'self') and added them to every goal's list, but for the evaluado's own dependencia, whose plan
            // is at the top of the list already: every plan de acción of the period is in the list exactly once.
            var others = page.Locator("#Goals_1__PlanItemId optgroup[label^='Plan de acción — ']");
            await Expect(others.First).ToBeAttachedAsync();
            var actionPlans = await ActionPlansAsync(evaluationId);
            await Expect(page.Locator("#Goals_1__PlanItemId optgroup[label^='Plan de acción']")).ToHaveCountAsync(actionPlans);
            Assert.True(await others.CountAsync() >= actionPlans - 1, $"{await others.CountAsync()} other dependencias' plans of {actionPlans}");

            // An item of another dependencia's plan, chosen and saved as a draft, comes back chosen: the server sends it
            // alone in its group, and the script replaces that group with the whole list without losing the choice.
            var foreign = await page.Locator("#Goals_0__PlanItemId optgroup[label^='Plan de acción — '] option").Last.GetAttributeAsync("value");
            Assert.False(string.IsNullOrEmpty(foreign));
            await page.Locator("#Goals_1__Weight").FillAsync("");
            await page.Locator("#Goals_0__Description").FillAsync("Apoyar la meta de otra dependencia");
            await page.Locator("#Goals_0__PlanItemId").SelectOptionAsync(foreign!);
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar borrador" }).ClickAsync();
            await Expect(page.Locator("#Goals_0__Description")).ToHaveValueAsync("Apoyar la meta de otra dependencia");
            await Expect(page.Locator("#Goals_0__PlanItemId")).ToHaveValueAsync(foreign!);
            await Expect(page.Locator($"#Goals_0__PlanItemId option[value='{foreign}']")).ToHaveCountAsync(1);
            await Expect(page.Locator("#Goals_0__PlanItemId optgroup[data-other]")).ToHaveCountAsync(0);
            await AssertNoViolationAsync(page, reported, "/Evaluations/Goals");
        });

    /// <summary>How many planes de acción (with items) the period of an evaluation has.</summary>
    private async Task<int> ActionPlansAsync(int evaluationId)
    {
        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        var periodId = await db.Evaluations.Where(e => e.Id == evaluationId).Select(e => e.PeriodId).SingleAsync();
        return await db.Set<Egi.Domain.Planning.InstitutionalPlan>()
            .CountAsync(p => p.PeriodId == periodId && p.Kind == Egi.Domain.Planning.PlanKind.Action && p.Items.Count > 0);
    }

    private async Task<(string Email, int EvaluationId)> EvaluadoFormulatingAsync()
    {
        var usedByOtherJourneys = new[] { 20, 21, 23, 28 }.Select(n => DemoData.EmailOf(n).ToUpperInvariant()).ToHashSet();
        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        var candidates = await (from e in db.Evaluations
                                join u in db.Users on e.EvaluadoId equals u.ServantId
                                where e.State == EvaluationState.GoalFormulation
                                orderby e.Id descending
                                select new { u.Email, e.Id }).ToListAsync();
        var chosen = candidates.First(c => c.Email is not null && !usedByOtherJourneys.Contains(c.Email.ToUpperInvariant()));
        return (chosen.Email!, chosen.Id);
    }
}
