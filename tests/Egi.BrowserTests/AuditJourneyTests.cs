using Egi.BrowserTests.Infrastructure;
using Egi.Web.Data;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// SPEC §9 (auditoría) through the real pages, on Thursday 15/10/2026, a day no other journey uses: Ricardo Zapata signs
/// in, Talento Humano corrects Yuly Sánchez's job title. Talento Humano then searches the audit by person, by action and
/// day (and sees the field that changed, before and after), by a day with nothing, and exports what it found to Excel —
/// an export that is itself in the audit.
/// </summary>
public sealed class AuditJourneyTests(JourneyBrowserFixture fixture, ITestOutputHelper output) : JourneyTest(fixture, output)
{
    private const string YulyDocument = "1012987654";
    private static string Ricardo => DemoData.EmailOf(29);

    [Fact]
    public Task Talento_humano_finds_the_actions_by_person_action_and_day_and_exports_them() =>
        OnTheCalendarAsync(nameof(Talento_humano_finds_the_actions_by_person_action_and_day_and_exports_them), async page =>
        {
            MoveTo(2026, 10, 15);

            // The actions: Ricardo signs in; Talento Humano changes Yuly's «Denominación del empleo».
            await SignInAsync(page, Ricardo);
            await SwitchUserAsync(page, Accounts.TalentoHumano);
            await page.GotoAsync($"/Directory/Servants/Edit/{await ServantIdAsync(YulyDocument)}");
            await Expect(page.GetByLabel("Denominación del empleo")).ToHaveValueAsync("Secretario");
            await page.GetByLabel("Denominación del empleo").FillAsync("Secretario Ejecutivo");
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar cambios" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Se guardaron los cambios de Yuly");

            // By person: Ricardo's sign-in, and only his entries.
            await page.GotoAsync("/Audit");
            await page.GetByLabel("Texto (usuario, resumen o id)").FillAsync(Ricardo);
            await page.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
            var rows = page.Locator("tbody tr[data-audit-id]");
            await Expect(rows.Filter(new() { HasText = "Iniciar sesión" }).First).ToContainTextAsync("15/10/2026");
            var mine = await rows.CountAsync();
            await Expect(rows.Filter(new() { HasText = Ricardo })).ToHaveCountAsync(mine);

            // By action, entity and day: the one change of a servant that Thursday, with its field before and after.
            await page.GotoAsync("/Audit");
            await page.GetByLabel("Acción").SelectOptionAsync("Modificar");
            await page.GetByLabel("Entidad").SelectOptionAsync("Servidor");
            await page.GetByLabel("Desde").FillAsync("2026-10-15");
            await page.GetByLabel("Hasta").FillAsync("2026-10-15");
            await page.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Registros" })).ToHaveTextAsync("Registros 1 a 1 de 1, del más reciente al más antiguo.");
            var change = rows.First;
            await Expect(change).ToContainTextAsync(Accounts.TalentoHumano);
            await Expect(change).ToContainTextAsync("Yuly Andrea Sánchez Pérez");
            await change.GetByText("Ver cambios").ClickAsync();
            var field = change.GetByRole(AriaRole.Row).Filter(new() { HasText = "Secretario Ejecutivo" });
            await Expect(field.Locator("td").Nth(0)).ToHaveTextAsync("Secretario");
            await Expect(field.Locator("td").Nth(1)).ToHaveTextAsync("Secretario Ejecutivo");
            var filteredUrl = page.Url;

            // A day with nothing, and days in the wrong order: said in Spanish, nothing to export.
            await page.GetByLabel("Desde").FillAsync("2026-10-16");
            await page.GetByLabel("Hasta").FillAsync("2026-10-16");
            await page.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "No hay registros" })).ToHaveTextAsync("No hay registros que cumplan la búsqueda.");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Exportar .xlsx" })).ToBeDisabledAsync();
            await page.GetByLabel("Hasta").FillAsync("2026-10-14");
            await page.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("La fecha «Hasta» (14/10/2026) no puede ser anterior a la fecha «Desde» (16/10/2026).");

            // The export of the first search: an Excel workbook with that one entry.
            await page.GotoAsync(filteredUrl);
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Exportar .xlsx" }).ClickAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            Assert.StartsWith("auditoria-", download.SuggestedFilename, StringComparison.Ordinal);
            using (var stream = new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync())))
            {
                var exported = stream.Query(useHeaderRow: true, sheetName: "Auditoría").Cast<IDictionary<string, object?>>().ToList();
                var entry = Assert.Single(exported);
                Assert.Equal("Modificar", entry["Acción"]?.ToString());
                Assert.Equal(Accounts.TalentoHumano, entry["Usuario"]?.ToString());
                Assert.Contains("Secretario Ejecutivo", entry["Cambios"]?.ToString(), StringComparison.Ordinal);
            }

            // The export is in the audit too.
            await page.GotoAsync("/Audit?accion=Exportar&entidad=Auditor%C3%ADa&desde=2026-10-15");
            await Expect(rows.First).ToContainTextAsync("1 registro con filtros: acción «Modificar», entidad «Servidor», desde 15/10/2026, hasta 15/10/2026");
            await Expect(rows.First).ToContainTextAsync(Accounts.TalentoHumano);
        });
}
