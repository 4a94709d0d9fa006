using Egi.BrowserTests.Infrastructure;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>Talento Humano's control tower: the dashboard's charts render, a reminder goes out from the control points and is in the record.</summary>
public sealed class DashboardJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Talento_humano_sees_the_charts_reminds_a_late_person_and_finds_the_reminder_in_the_record() =>
        InBrowserAsync(nameof(Talento_humano_sees_the_charts_reminds_a_late_person_and_finds_the_reminder_in_the_record), async page =>
        {
            // Late people: the first follow-up's window closed yesterday (restored afterwards for the other journeys).
            var restore = await SetFirstFollowUpWindowAsync(null);
            try
            {
                await JourneyAsync(page);
            }
            finally
            {
                await SetFirstFollowUpWindowAsync(restore);
            }
        });

    private static async Task JourneyAsync(IPage page)
    {
        await SignInAsync(page, Accounts.TalentoHumano);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Tablero" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Tablero");
        await Expect(page.Locator("figure svg[role=img]")).ToHaveCountAsync(5);
        await Expect(page.Locator("svg[data-chart=avance] rect[data-series]").First).ToBeVisibleAsync();
        await page.Locator("#grafico-avance summary").ClickAsync();
        await Expect(page.Locator("#datos-avance")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Puntos de control" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Puntos de control");
        var stage = ((int)Stage.FirstFollowUp).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Etapa", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = stage });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ver", Exact = true }).ClickAsync();
        // Read the list only once the first follow-up's page has replaced the default stage's page.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]etapa={stage}(&|$)"));
        var late = page.Locator("#tabla-atrasados");
        await Expect(late.Locator("caption")).ToContainTextAsync("Primer seguimiento (autoevaluación I)");
        var firstBox = late.Locator("input[name=seleccion]").First;
        var label = await page.Locator($"label[for='{await firstBox.GetAttributeAsync("id")}']").TextContentAsync();
        var recipient = label!.Replace("Recordar a ", "", StringComparison.Ordinal).Split(" (evaluación", StringSplitOptions.None)[0].Trim();
        await firstBox.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar recordatorio a los seleccionados" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Se envió 1 recordatorio");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ver el registro de recordatorios enviados" }).ClickAsync();
        var record = page.Locator("#recordatorios");
        await Expect(record).ToContainTextAsync("Manual");
        await Expect(record).ToContainTextAsync(recipient);
        await Expect(record).ToContainTextAsync("Primer seguimiento (autoevaluación I)");
    }

    /// <summary>Sets the first follow-up window of the open period (null: ending yesterday); returns the previous one.</summary>
    private async Task<StageWindow> SetFirstFollowUpWindowAsync(StageWindow? window)
    {
        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        var period = await db.Periods.Where(p => p.Status == PeriodStatus.Open).OrderByDescending(p => p.Year).FirstAsync();
        var before = period.Window(Stage.FirstFollowUp);
        // "Yesterday" in Bogotá, where the application counts its days (the machine may be on UTC).
        var yesterday = BogotaTime.Day(DateTime.UtcNow).AddDays(-1);
        var next = window ?? new StageWindow(Stage.FirstFollowUp, new DateOnly(period.Year, 1, 1), yesterday);
        Assert.Empty(period.SetWindows(period.Windows.Select(w => w.Stage == Stage.FirstFollowUp ? next : w).ToList()));
        await db.SaveChangesAsync();
        return before;
    }
}
