using System.Text.RegularExpressions;
using Egi.BrowserTests.Infrastructure;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// The demo entity without the demo scenario (only the Vigencia 2026, in preparation) on 24/11/2026, 10:00 in Bogotá: a
/// period of its own to create, open, close and reopen, which no other journey may see.
/// </summary>
public sealed class PeriodsBrowserFixture : BrowserFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));

    public override Task InitializeAsync()
    {
        App.Clock = Clock;
        App.Settings["Egi:DemoScenario"] = "false";
        return base.InitializeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PeriodsBrowserCollection : ICollectionFixture<PeriodsBrowserFixture>
{
    public const string Name = "BrowserPeriods";
}

/// <summary>
/// SPEC §3 through the real pages: Talento Humano creates the Vigencia 2027 and sees its default windows, changes one of
/// its rules, opens it (its evaluations are created), closes it — the evaluado's evaluation then says it is read-only —
/// and reopens it with a reason, which is recorded and sent to the people with pending evaluations.
/// </summary>
[Collection(PeriodsBrowserCollection.Name)]
public sealed class PeriodsJourneyTests(PeriodsBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const int Year = 2027;
    private const string Name = "Vigencia 2027";

    private static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static string IsoDate(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<T> DbAsync<T>(Func<EgiDbContext, Task<T>> query)
    {
        using var scope = Fixture.App.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<EgiDbContext>());
    }

    [Fact]
    public Task Talento_humano_creates_configures_opens_closes_and_reopens_a_period() =>
        InBrowserAsync(nameof(Talento_humano_creates_configures_opens_closes_and_reopens_a_period), async page =>
        {
            var goals = Stage.GoalSetting.DefaultWindow(Year);
            var improvement = Stage.Improvement.DefaultWindow(Year);

            // Talento Humano: «Crear vigencia», the year typed, the default windows shown before anything is created.
            await SignInAsync(page, Accounts.TalentoHumano);
            await page.GotoAsync("/Periods");
            await page.GetByRole(AriaRole.Link, new() { Name = "Crear vigencia" }).ClickAsync();
            await page.GetByLabel("Año").FillAsync(Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Ver las ventanas de este año" }).ClickAsync();
            await Expect(page.GetByLabel("Nombre")).ToHaveValueAsync(Name);
            var preview = page.GetByRole(AriaRole.Table, new() { Name = "Ventanas predeterminadas que se usarán" });
            var goalRow = preview.GetByRole(AriaRole.Row).Filter(new() { HasText = Stage.GoalSetting.Label() });
            await Expect(goalRow).ToContainTextAsync(Date(goals.Start));
            await Expect(goalRow).ToContainTextAsync(Date(goals.End));
            Assert.False(await DbAsync(db => db.Periods.AnyAsync(p => p.Year == Year)));

            // Created: the windows page, with every date already filled in from the defaults.
            await page.GetByRole(AriaRole.Button, new() { Name = "Crear vigencia" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Se creó la «{Name}» con las ventanas y la configuración predeterminadas");
            await Expect(page.GetByLabel($"Inicio de {Stage.GoalSetting.Label()}")).ToHaveValueAsync(IsoDate(goals.Start));
            await Expect(page.GetByLabel($"Cierre de {Stage.GoalSetting.Label()}")).ToHaveValueAsync(IsoDate(goals.End));
            await Expect(page.GetByLabel($"Cierre de {Stage.Improvement.Label()}")).ToHaveValueAsync(IsoDate(improvement.End));
            var periodId = await DbAsync(db => db.Periods.Where(p => p.Year == Year).Select(p => p.Id).SingleAsync());

            // One rule changed: three rounds of «no aceptar» before the alert instead of two.
            await page.GotoAsync($"/Periods/Details/{periodId}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Editar configuración" }).ClickAsync();
            var rounds = page.GetByLabel("Rondas de desacuerdo antes de alertar");
            await Expect(rounds).ToHaveValueAsync("2");
            await rounds.FillAsync("3");
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar configuración" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Se guardó la configuración de la «{Name}».");
            var roundsRow = page.GetByRole(AriaRole.Table, new() { Name = $"Reglas de la {Name}" })
                .GetByRole(AriaRole.Row).Filter(new() { HasText = "Rondas de desacuerdo antes de alertar" });
            await Expect(roundsRow).ToContainTextAsync("3");
            await Expect(roundsRow).ToContainTextAsync("Modificado");

            // Opened: the evaluations of the period are created, and the count is said.
            await page.GetByLabel($"Confirmo que deseo abrir la «{Name}».").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Abrir vigencia" }).ClickAsync();
            var opened = page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Se abrió la «{Name}»." });
            await Expect(opened).ToBeVisibleAsync();
            var created = await DbAsync(db => db.Evaluations.CountAsync(e => e.PeriodId == periodId));
            Assert.True(created > 0, "Opening the period created no evaluation.");
            await Expect(opened).ToContainTextAsync($"Se abrieron {created} evaluaciones.");
            await Expect(page.Locator(".badge").Filter(new() { HasText = "Abierta" })).ToBeVisibleAsync();

            // Closed: read-only. The evaluado's evaluation of the period says so, and offers no step.
            await page.GetByLabel($"Confirmo que deseo cerrar la «{Name}».").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Cerrar vigencia" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Se cerró la «{Name}»; queda en solo lectura.");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("La vigencia está cerrada y es de solo lectura");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Editar configuración" })).ToHaveCountAsync(0);
            var camila = await DbAsync(db => db.Users.Where(u => u.Email == Accounts.Evaluado).Select(u => u.ServantId).SingleAsync());
            var evaluationId = await DbAsync(db => db.Evaluations.Where(e => e.PeriodId == periodId && e.EvaluadoId == camila).Select(e => e.Id).SingleAsync());
            await SwitchUserAsync(page, Accounts.Evaluado);
            await page.GotoAsync($"/Evaluations/Details/{evaluationId}");
            await Expect(page.Locator("#vigencia-cerrada")).ToContainTextAsync($"La «{Name}» está cerrada: es de solo lectura y no admite cambios.");

            // Reopened with a reason: without one it is refused in Spanish; with it, recorded and sent.
            await SwitchUserAsync(page, Accounts.TalentoHumano);
            await page.GotoAsync($"/Periods/Details/{periodId}");
            await page.GetByLabel($"Confirmo que deseo reabrir la «{Name}».").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Reabrir vigencia" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Escriba el «Motivo» por el que reabre la vigencia.");
            const string reason = "Se cerró por error antes de la concertación de metas.";
            await page.GetByLabel("Motivo de la reapertura").FillAsync(reason);
            await page.GetByLabel($"Confirmo que deseo reabrir la «{Name}».").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Reabrir vigencia" }).ClickAsync();
            var reopened = page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Se reabrió la «{Name}»" });
            await Expect(reopened).ToContainTextAsync(new Regex(@"Se avisó a \d+ persona"));
            await Expect(page.Locator("#reaperturas")).ToContainTextAsync(reason);
            var notified = int.Parse(Regex.Match(await reopened.InnerTextAsync(), @"Se avisó a (\d+) persona").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var notices = await DbAsync(db => db.OutboxMessages.Where(m => m.Kind == nameof(MailKind.PeriodReopened)).Select(m => m.TextBody).ToListAsync());
            Assert.Equal(notified, notices.Count);
            Assert.True(notified > 0, "Nobody was told about the reopening.");
            Assert.All(notices, body => Assert.Contains(reason, body));

            // The evaluado's evaluation admits changes again.
            await SwitchUserAsync(page, Accounts.Evaluado);
            await page.GotoAsync($"/Evaluations/Details/{evaluationId}");
            await Expect(page.Locator("#estado-evaluacion")).ToBeVisibleAsync();
            await Expect(page.Locator("#vigencia-cerrada")).ToHaveCountAsync(0);
        });
}
