using System.Text.RegularExpressions;
using Egi.BrowserTests.Infrastructure;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// The browser app on a calendar that moves: a fake clock that starts on 01/09/2026 10:00 in Bogotá, the demo entity
/// without the demo scenario (the Vigencia 2026 in preparation, with the default windows of SPEC §3). A second app and
/// Chromium, so the other journeys keep the real clock and the demo period around today.
/// </summary>
public sealed class YearBrowserFixture : BrowserFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 9, 1, 15, 0, 0, TimeSpan.Zero));

    public override Task InitializeAsync()
    {
        App.Clock = Clock;
        App.Settings["Egi:DemoScenario"] = "false";
        return base.InitializeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class YearBrowserCollection : ICollectionFixture<YearBrowserFixture>
{
    public const string Name = "BrowserYear";
}

/// <summary>
/// The year of a servant hired in September (issue 13), as people do it in the browser, with the calendar moved forward
/// between the steps: Talento Humano records Camila Salazar's fecha de ingreso (01/09/2026) and opens the Vigencia 2026;
/// she formulates her goals within her own 15 working days, Felipe Navarro approves them, she accepts on 15/09. The first
/// follow-up had closed on 30/06: it does not apply to her («No aplica (ingreso posterior)») and the control points do
/// not count her late. In February 2027 she reports her second follow-up, Felipe approves it and rates her competencies,
/// and she accepts her final rating — nobody reopened anything.
/// </summary>
[Collection(YearBrowserCollection.Name)]
public sealed class LateHireJourneyTests(YearBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Jefe = "felipe.navarro@egi-demo.gov.co";
    private const string CamilaDocument = "1022345987";
    private const string CamilaName = "Camila Andrea Salazar Nieto";

    private FakeTimeProvider Clock => ((YearBrowserFixture)Fixture).Clock;

    /// <summary>10:00 in Bogotá on that day.</summary>
    private void MoveTo(int year, int month, int day) => Clock.SetUtcNow(new DateTimeOffset(year, month, day, 15, 0, 0, TimeSpan.Zero));

    private async Task<int> CamilaIdAsync()
    {
        using var scope = Fixture.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EgiDbContext>().Servants.Where(s => s.DocumentNumber == CamilaDocument).Select(s => s.Id).SingleAsync();
    }

    private static ILocator Menu(IPage page, string link) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true });

    [Fact]
    public Task A_servant_hired_in_September_reaches_a_final_rating() =>
        InBrowserAsync(nameof(A_servant_hired_in_September_reaches_a_final_rating), async page =>
        {
            // 01/09/2026. Talento Humano records her fecha de ingreso and opens the period.
            await SignInAsync(page, Accounts.TalentoHumano);
            await page.GotoAsync($"/Directory/Servants/Edit/{await CamilaIdAsync()}");
            await page.GetByLabel("Fecha de ingreso").FillAsync("2026-09-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar cambios" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Se guardaron los cambios de Camila");
            await page.GotoAsync("/Periods");
            await page.GetByRole(AriaRole.Link, new() { Name = "Vigencia 2026", Exact = true }).ClickAsync();
            await page.GetByLabel("Confirmo que deseo abrir la «Vigencia 2026».").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Abrir vigencia" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Se abrió la «Vigencia 2026».");

            // Camila formulates two goals and sends them to her jefe.
            await SwitchUserAsync(page, Accounts.Evaluado);
            await Menu(page, "Mi evaluación").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Formular mis metas" }).ClickAsync();
            var goals = new[]
            {
                ("Publicar los informes mensuales de demanda de septiembre a diciembre", "60", "Cuatro informes publicados"),
                ("Documentar el modelo de proyección de demanda", "40", "Documento del modelo aprobado"),
            };
            for (var i = 0; i < goals.Length; i++)
            {
                await page.Locator($"#Goals_{i}__Description").FillAsync(goals[i].Item1);
                await page.Locator($"#Goals_{i}__Weight").FillAsync(goals[i].Item2);
                await page.Locator($"#Goals_{i}__AgreedFirstFollowUpPercent").FillAsync("0");
                await page.Locator($"#Goals_{i}__DueDate").FillAsync("2026-12-15");
                await page.Locator($"#Goals_{i}__ExpectedEvidence").FillAsync(goals[i].Item3);
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "Enviar al jefe para aprobación" }).ClickAsync();
            await Expect(page.Locator("#estado-evaluacion")).ToHaveTextAsync("Aprobación de metas");
            var evaluationUrl = page.Url;

            // Felipe approves them.
            await SwitchUserAsync(page, Jefe);
            await Menu(page, "Por aprobar").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Revisar y aprobar las metas de Camila") }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Aprobar las metas" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex($"^{CamilaName}") })).ToContainTextAsync("Aceptación de metas");

            // 15/09, within her 15 working days: she accepts. The first follow-up closed on 30/06: it does not apply.
            MoveTo(2026, 9, 15);
            await SwitchUserAsync(page, Accounts.Evaluado);
            await page.GotoAsync(evaluationUrl);
            await page.GetByRole(AriaRole.Link, new() { Name = "Revisar y aceptar mis metas" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Aceptar", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("quedaron concertadas");
            await Expect(page.Locator("#estado-evaluacion")).ToHaveTextAsync("Autoevaluación II");
            await Expect(page.Locator("#primer-seguimiento-no-aplica")).ToContainTextAsync("No aplica (ingreso posterior)");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("abre el 01/01/2027");

            // Talento Humano's control points of the first follow-up do not count her late (others are).
            await SwitchUserAsync(page, Accounts.TalentoHumano);
            await page.GotoAsync("/Control?etapa=3");
            await Expect(page.Locator("#tabla-atrasados")).ToBeVisibleAsync();
            await Expect(page.Locator("#tabla-atrasados")).Not.ToContainTextAsync(CamilaName);

            // 10/02/2027, inside the second follow-up's window: she reports her progress and sends it.
            MoveTo(2027, 2, 10);
            await SwitchUserAsync(page, Accounts.Evaluado);
            await page.GotoAsync(evaluationUrl);
            await page.GetByRole(AriaRole.Link, new() { Name = "Registrar mi autoevaluación II" }).ClickAsync();
            var progress = new[] { ("100", "Los cuatro informes se publicaron a tiempo."), ("50", "El documento del modelo está en revisión.") };
            for (var i = 0; i < progress.Length; i++)
            {
                await page.Locator($"#Progress_{i}__AchievedPercent").FillAsync(progress[i].Item1);
                await page.Locator($"#Progress_{i}__Narrative").FillAsync(progress[i].Item2);
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "Enviar al jefe" }).ClickAsync();
            await Expect(page.Locator("#estado-evaluacion")).ToHaveTextAsync("Aprobación de la evaluación II");

            // Felipe approves the second follow-up and rates the ten competencies of a profesional: Siempre everywhere.
            await SwitchUserAsync(page, Jefe);
            await Menu(page, "Por aprobar").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Revisar y aprobar el segundo seguimiento de Camila") }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Aprobar el seguimiento" }).ClickAsync();
            await Expect(page.Locator("#estado-evaluacion")).ToHaveTextAsync("Calificación de competencias");
            await Menu(page, "Por aprobar").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Calificar las competencias de Camila") }).ClickAsync();
            var always = page.GetByRole(AriaRole.Radio, new() { Name = "Siempre (4)" });
            await Expect(always).ToHaveCountAsync(10);
            for (var i = 0; i < 10; i++) await always.Nth(i).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrar la calificación" }).ClickAsync();
            await Expect(page.Locator("#estado-evaluacion")).ToHaveTextAsync("Aceptación final");

            // Camila accepts. Goals 60 × 100 % + 40 × 50 % = 80; competencies 100; final 0,85 × 80 + 15 = 83,00.
            await SwitchUserAsync(page, Accounts.Evaluado);
            await page.GotoAsync(evaluationUrl);
            await page.GetByRole(AriaRole.Link, new() { Name = "Revisar y aceptar mi resultado final" }).ClickAsync();
            await Expect(page.Locator("#cr-final")).ToHaveTextAsync("83,00");
            await page.GetByRole(AriaRole.Button, new() { Name = "Aceptar", Exact = true }).ClickAsync();
            await Expect(page.Locator("#estado-evaluacion")).ToHaveTextAsync("Finalizada");
            await page.GetByRole(AriaRole.Link, new() { Name = "Ver e imprimir la hoja de resultado" }).ClickAsync();
            await Expect(page.Locator("#cr-goals")).ToHaveTextAsync("80,00");
            await Expect(page.Locator("#cr-final")).ToHaveTextAsync("83,00");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Satisfactorio");
        });
}
