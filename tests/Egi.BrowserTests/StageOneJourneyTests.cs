using System.Text.RegularExpressions;
using Egi.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>Activities 4–6 through the real pages: the evaluado formulates and submits, the jefe modifies, the evaluado accepts.</summary>
public sealed class StageOneJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string JefeCamila = "felipe.navarro@egi-demo.gov.co";

    [Fact]
    public Task Evaluado_formulates_jefe_modifies_evaluado_accepts() => InBrowserAsync(nameof(Evaluado_formulates_jefe_modifies_evaluado_accepts), async page =>
    {
        // The evaluado formulates three goals and sends them (the demo period is open with the goal window around today).
        await SignInAsync(page, Accounts.Evaluado);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Mi evaluación" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Formular mis metas" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Formular mis metas");
        var goals = new[]
        {
            ("Publicar el informe mensual de demanda de energía", "50", "Doce informes publicados"),
            ("Actualizar el modelo de proyección de demanda", "30", "Modelo documentado y validado"),
            ("Atender las solicitudes de información del sector", "20", "Reporte de respuestas a tiempo"),
        };
        var year = await PeriodYearAsync();
        for (var i = 0; i < goals.Length; i++)
        {
            await page.Locator($"#Goals_{i}__Description").FillAsync(goals[i].Item1);
            await page.Locator($"#Goals_{i}__Weight").FillAsync(goals[i].Item2);
            await page.Locator($"#Goals_{i}__AgreedFirstFollowUpPercent").FillAsync("50");
            await page.Locator($"#Goals_{i}__DueDate").FillAsync($"{year}-12-15");
            await page.Locator($"#Goals_{i}__ExpectedEvidence").FillAsync(goals[i].Item3);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar al jefe para aprobación" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Aprobación de metas");
        var evaluationUrl = page.Url;

        // The jefe modifies one weight pair, justifying each change.
        await SwitchUserAsync(page, JefeCamila);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Por aprobar" }).ClickAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Revisar y aprobar las metas de Camila") }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Aprobación de metas");
        await page.GetByRole(AriaRole.Link, new() { Name = "Modificar las metas" }).ClickAsync();
        await page.Locator("#meta-0-weight").FillAsync("60");
        await page.Locator("#meta-1-weight").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revisar cambios" }).Last.ClickAsync();
        var justifications = page.GetByLabel(new Regex("Justificación del cambio"));
        await Expect(justifications).ToHaveCountAsync(2);
        await justifications.Nth(0).FillAsync("El informe mensual es la prioridad de la subdirección.");
        await justifications.Nth(1).FillAsync("Se reduce para mantener la suma en 100 %.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar modificación" }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Envió la modificación");

        // The evaluado sees before/after with the justification and accepts.
        await SwitchUserAsync(page, Accounts.Evaluado);
        await page.GotoAsync(evaluationUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Revisar y aceptar mis metas" }).ClickAsync();
        var main = page.GetByRole(AriaRole.Main);
        await Expect(main).ToContainTextAsync("El informe mensual es la prioridad de la subdirección.");
        await Expect(main).ToContainTextAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aceptar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("quedaron concertadas");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Autoevaluación I");
    });
}
