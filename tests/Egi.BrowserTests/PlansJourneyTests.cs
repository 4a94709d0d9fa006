using System.Text.RegularExpressions;
using Egi.BrowserTests.Infrastructure;
using Egi.Web.Data;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>Activity 1 and SPEC §7 through the real pages: Planeación imports plan items, an evaluado links a goal, the coverage report shows it.</summary>
public sealed class PlansJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>Leidy Johana Caicedo Ríos, Grupo Interno de Trabajo de Información: not used by the other journeys.</summary>
    private static string Leidy => DemoData.EmailOf(28);

    private static byte[] ItemsXlsx()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["Código"] = "IN-03", ["Nombre"] = "Tablero de datos de la transición energética", ["Descripción"] = "Publicado y actualizado cada mes" },
        }, sheetName: "Ítems");
        return stream.ToArray();
    }

    [Fact]
    public Task Planeacion_imports_a_plan_an_evaluado_links_a_goal_and_the_coverage_report_shows_it() =>
        InBrowserAsync(nameof(Planeacion_imports_a_plan_an_evaluado_links_a_goal_and_the_coverage_report_shows_it), async page =>
    {
        // Planeación imports an item into the plan de acción of the Grupo de Información.
        await SignInAsync(page, DemoData.PlaneacionEmail);
        await page.GotoAsync("/Plans");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Planes institucionales");
        var row = page.Locator("#planes tbody tr").Filter(new() { HasText = "Grupo Interno de Trabajo de Información" });
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Importar ítems (.xlsx o .csv)" }).ClickAsync();
        await page.GetByLabel("Archivo con los ítems (.xlsx o .csv)").SetInputFilesAsync(new FilePayload
        {
            Name = "plan-accion-informacion.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = ItemsXlsx(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Revisar el archivo" }).ClickAsync();
        await Expect(page.Locator("#cuenta-crear")).ToHaveTextAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar importación" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ítems creados: 1");
        await Expect(page.Locator("#items")).ToContainTextAsync("Tablero de datos de la transición energética");

        // The evaluado links her goal to the new item: her dependencia's plan de acción comes first in the list.
        await SwitchUserAsync(page, Leidy);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Mi evaluación" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Formular mis metas" }).ClickAsync();
        await page.Locator("#Goals_0__Description").FillAsync("Publicar cada mes el tablero de datos de la transición energética");
        await page.Locator("#Goals_0__Weight").FillAsync("100");
        await page.Locator("#Goals_0__AgreedFirstFollowUpPercent").FillAsync("50");
        await page.Locator("#Goals_0__DueDate").FillAsync($"{await PeriodYearAsync()}-12-15");
        await page.Locator("#Goals_0__ExpectedEvidence").FillAsync("Doce publicaciones del tablero");
        var select = page.GetByLabel("Ítem del plan institucional").First;
        await Expect(select.Locator("optgroup").First).ToHaveAttributeAsync("label", new Regex("^Plan de acción de su dependencia — Grupo Interno de Trabajo de Información"));
        await select.SelectOptionAsync(new SelectOptionValue { Label = "Plan de acción IN-03 — Tablero de datos de la transición energética" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar al jefe para aprobación" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Ítem del plan institucional: Plan de acción IN-03 — Tablero de datos de la transición energética");

        // The coverage report shows the item covered: to Planeación as a count (no names, Ley 1581), to Talento Humano
        // with whose goal it is.
        await SwitchUserAsync(page, DemoData.PlaneacionEmail);
        await page.GotoAsync("/Plans/Coverage");
        var covered = page.Locator("table.cobertura tbody tr").Filter(new() { HasText = "IN-03" });
        await Expect(covered).ToContainTextAsync("Con metas");
        await Expect(covered).Not.ToContainTextAsync("Leidy Johana Caicedo Ríos");
        await SwitchUserAsync(page, DemoData.TalentoHumanoEmail);
        await page.GotoAsync("/Plans/Coverage");
        await Expect(covered).ToContainTextAsync("Leidy Johana Caicedo Ríos");
        await Expect(covered).ToContainTextAsync("Con metas");
    });
}
