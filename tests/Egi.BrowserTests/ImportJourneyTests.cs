using Egi.BrowserTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// SPEC §2 through the real pages: Talento Humano downloads the template, fills it in a spreadsheet and uploads it. One
/// row has an impossible date: the page names the row and the column and nothing is saved. The corrected file shows the
/// preview of what will be created; confirmed, the two new servants are in the directory.
/// </summary>
public sealed class ImportJourneyTests(JourneyBrowserFixture fixture, ITestOutputHelper output) : JourneyTest(fixture, output)
{
    private const string MarcelaDocument = "1040111222";
    private const string JorgeDocument = "1040333444";

    /// <summary>Two new servants of the Subdirección de Minería (code 400), the second reporting to Ricardo Zapata.</summary>
    private static byte[] ServantsXlsx(string jorgeHireDate)
    {
        static Dictionary<string, object?> Row(string document, string names, string lastNames, string email, string job, string level,
            string type, string hire, string boss) => new()
            {
                ["Número de documento"] = document,
                ["Nombres"] = names,
                ["Apellidos"] = lastNames,
                ["Correo institucional"] = email,
                ["Denominación del empleo"] = job,
                ["Nivel jerárquico"] = level,
                ["Dependencia"] = "400",
                ["Tipo de vinculación"] = type,
                ["Fecha de ingreso"] = hire,
                ["Documento del jefe inmediato"] = boss,
            };
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            Row(MarcelaDocument, "Marcela Andrea", "Villamizar Rozo", "marcela.villamizar@egi-demo.gov.co", "Profesional Universitario", "Profesional",
                "Nombramiento provisional", "01/10/2026", "71234567"),
            Row(JorgeDocument, "Jorge Iván", "Villamizar Peña", "jorge.villamizar@egi-demo.gov.co", "Técnico Operativo", "Técnico",
                "Carrera administrativa", jorgeHireDate, "71234567"),
        }, sheetName: "Servidores");
        return stream.ToArray();
    }

    private static FilePayload Xlsx(string name, byte[] content) => new()
    {
        Name = name,
        MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Buffer = content,
    };

    [Fact]
    public Task Talento_humano_downloads_the_template_fixes_a_bad_row_and_imports_two_servants() =>
        OnTheCalendarAsync(nameof(Talento_humano_downloads_the_template_fixes_a_bad_row_and_imports_two_servants), async page =>
        {
            await SignInAsync(page, Accounts.TalentoHumano);
            await page.GotoAsync("/Directory/Import");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Importar servidores");

            // The template: an Excel workbook whose first sheet has the accepted headers.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "plantilla de Excel (.xlsx)" }).ClickAsync());
            Assert.Equal("plantilla-servidores.xlsx", download.SuggestedFilename);
            var template = await File.ReadAllBytesAsync(await download.PathAsync());
            Assert.Equal("PK"u8.ToArray(), template[..2]); // an .xlsx is a zip
            using (var stream = new MemoryStream(template))
            {
                Assert.Equal("Servidores", stream.GetSheetNames()[0]);
                var headers = ((IDictionary<string, object?>)stream.Query(useHeaderRow: true, sheetName: "Servidores").First()).Keys.ToList();
                Assert.Contains("Número de documento", headers);
                Assert.Contains("Documento del jefe inmediato", headers);
            }

            // A file with an impossible date in Jorge's row (row 3 in Excel): errors by row and column, nothing saved.
            var upload = page.GetByLabel("Archivo con los servidores (.xlsx o .csv)");
            await upload.SetInputFilesAsync(Xlsx("nuevos-mineria.xlsx", ServantsXlsx(jorgeHireDate: "31/02/2026")));
            await page.GetByRole(AriaRole.Button, new() { Name = "Revisar el archivo" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No se importó nada: el archivo «nuevos-mineria.xlsx» tiene errores" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Hay 1 problema (filas con problemas: 1 de 2)");
            var errors = page.Locator("#errores tbody tr");
            await Expect(errors).ToHaveCountAsync(1);
            await Expect(errors.Locator("td").Nth(0)).ToHaveTextAsync("3");
            await Expect(errors.Locator("td").Nth(1)).ToHaveTextAsync("Fecha de ingreso");
            await Expect(errors.Locator("td").Nth(2)).ToHaveTextAsync("31/02/2026");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirmar importación" })).ToHaveCountAsync(0);
            Assert.False(await DbAsync(db => db.Servants.AnyAsync(s => s.DocumentNumber == MarcelaDocument || s.DocumentNumber == JorgeDocument)));

            // The corrected file: the preview of the two servants to create, then the confirmation.
            await page.GotoAsync("/Directory/Import");
            await upload.SetInputFilesAsync(Xlsx("nuevos-mineria.xlsx", ServantsXlsx(jorgeHireDate: "05/10/2026")));
            await page.GetByRole(AriaRole.Button, new() { Name = "Revisar el archivo" }).ClickAsync();
            await Expect(page.Locator("#cuenta-crear")).ToHaveTextAsync("2");
            await Expect(page.Locator("#cuenta-actualizar")).ToHaveTextAsync("0");
            var toCreate = page.Locator("#se-crearan tbody tr");
            await Expect(toCreate).ToHaveCountAsync(2);
            await Expect(toCreate.Nth(0)).ToContainTextAsync("Marcela Andrea Villamizar Rozo");
            await Expect(toCreate.Nth(1)).ToContainTextAsync("Jorge Iván Villamizar Peña");
            await Expect(toCreate.Nth(1)).ToContainTextAsync("Ricardo León Zapata Henao");
            Assert.False(await DbAsync(db => db.Servants.AnyAsync(s => s.DocumentNumber == MarcelaDocument)));
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar importación" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First)
                .ToContainTextAsync("Importación de «nuevos-mineria.xlsx» aplicada. Servidores creados: 2; actualizados: 0; sin cambios: 0.");

            // The directory lists them.
            await Menu(page, "Servidores").ClickAsync();
            await page.GetByLabel("Buscar", new() { Exact = true }).FillAsync("Villamizar");
            await page.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
            await Expect(page.Locator("#resultados")).ToContainTextAsync("Se encontraron 2 servidores.");
            var rows = page.GetByRole(AriaRole.Table).Locator("tbody tr");
            await Expect(rows.Filter(new() { HasText = MarcelaDocument })).ToContainTextAsync("Subdirección de Minería");
            await Expect(rows.Filter(new() { HasText = JorgeDocument })).ToContainTextAsync("Ricardo León Zapata Henao");
        });
}
