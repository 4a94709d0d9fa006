using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Tests.Directory.ImportFiles;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Egi.Web.Tests.Directory;

/// <summary>One application (and database) per test class; each test uses its own servants and documents.</summary>
public abstract class ImportFixture(Db db) : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> clients = [];

    public EgiAppFactory App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = new EgiAppFactory(db);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var c in clients.Values) c.Dispose();
        await App.DisposeAsync();
    }

    public async Task<HttpClient> ClientAsync(string email)
    {
        if (!clients.TryGetValue(email, out var client))
            clients[email] = client = await App.SignedInAsync(email);
        return client;
    }
}

public sealed class ImportSqliteFixture() : ImportFixture(Db.Sqlite);

public sealed class ImportPostgresFixture() : ImportFixture(Db.Postgres);

public abstract partial class ImportTests(ImportFixture fixture)
{
    private const string Page = "/Directory/Import";
    private const string ConfirmUrl = "/Directory/Import?handler=Confirm";
    private const string NotASpreadsheet = "El archivo no es una hoja de cálculo válida (.xlsx o .csv)";

    private EgiAppFactory App => fixture.App;

    private Task<HttpClient> TalentoHumanoAsync() => fixture.ClientAsync(Accounts.TalentoHumano);

    private static async Task<string> TextAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task<(HttpStatusCode Status, string Html)> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        var response = await client.PostFileAsync(Page, Page, "Upload", fileName, content);
        return (response.StatusCode, await TextAsync(response));
    }

    [GeneratedRegex("name=\"Token\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"Fingerprint\" value=\"([^\"]*)\"")]
    private static partial Regex FingerprintField();

    [GeneratedRegex("<tr>\\s*<td>(\\d+)</td>\\s*<td>(.*?)</td>\\s*<td[^>]*>(.*?)</td>\\s*<td>(.*?)</td>\\s*</tr>", RegexOptions.Singleline)]
    private static partial Regex ErrorRow();

    [GeneratedRegex("id=\"(cuenta-[a-z-]+)\">(\\d+)<")]
    private static partial Regex Count();

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string previewHtml, string? token = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Token"] = token ?? TokenField().Match(previewHtml).Groups[1].Value,
            ["Fingerprint"] = FingerprintField().Match(previewHtml).Groups[1].Value,
        };
        return await client.PostFormAsync(ConfirmUrl, fields, getUrl: Page);
    }

    private static List<(int Row, string Column, string Value, string Problem)> ErrorsIn(string html) =>
        ErrorRow().Matches(html).Select(m => (int.Parse(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value)).ToList();

    private static (int Create, int Update, int Unchanged) CountsIn(string html)
    {
        var counts = Count().Matches(html).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
        return (counts["cuenta-crear"], counts["cuenta-actualizar"], counts["cuenta-sin-cambios"]);
    }

    private Task<Servant> ServantAsync(string document) =>
        App.WithDbAsync(db => db.Servants.AsNoTracking().SingleAsync(s => s.DocumentNumber == document));

    private Task<int> ServantCountAsync() => App.WithDbAsync(db => db.Servants.CountAsync());

    private Task<int> UserCountAsync() => App.WithDbAsync(db => db.Users.CountAsync());

    private async Task<string> DependencyCodeAsync(int id) =>
        await App.WithDbAsync(db => db.Dependencies.Where(d => d.Id == id).Select(d => d.Code).SingleAsync());

    private async Task<string?> BossDocumentAsync(Servant s) =>
        s.BossId is { } b ? await App.WithDbAsync(db => db.Servants.Where(x => x.Id == b).Select(x => x.DocumentNumber).SingleAsync()) : null;

    private async Task<string[]> RowOfAsync(string document)
    {
        var s = await ServantAsync(document);
        return ImportFile.RowOf(s, await DependencyCodeAsync(s.DependencyId), await BossDocumentAsync(s));
    }

    [Fact]
    public async Task Page_explains_the_columns_and_offers_the_templates()
    {
        var client = await TalentoHumanoAsync();
        var response = await client.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await TextAsync(response);
        Assert.Contains("<h1 class=\"h3 mb-3\">Importar servidores</h1>", html);
        Assert.Contains("<label for=\"Upload\"", html);
        Assert.Contains("href=\"/Directory/Import?handler=Template\"", html);
        Assert.Contains("href=\"/Directory/Import?handler=TemplateCsv\"", html);
        foreach (var column in ImportFile.Header) Assert.Contains($"<th scope=\"row\">{column}</th>", html);
    }

    [Fact]
    public async Task Good_xlsx_is_previewed_then_applied_with_bosses_from_the_same_file_and_a_second_import_changes_nothing()
    {
        var client = await TalentoHumanoAsync();
        var daniel = await RowOfAsync("1024567890");
        Assert.Equal("17", daniel[6]);
        var danielRow = daniel.Cast<object?>().ToArray();
        danielRow[0] = 1024567890d;                // a document typed as a number
        danielRow[6] = 19d;                        // grade 17 → 19
        danielRow[12] = "1.030.111.222";          // boss: Ana, created by this same file
        object?[][] rows =
        [
            ["1030111222", "Ana María", "Peña Núñez", "Ana.Pena@egi-demo.gov.co", "Profesional Especializado", 2028d, 19d, "Profesional",
             300d, "Libre nombramiento y remoción", new DateTime(2024, 2, 1), null, 80123987d, "Sí", "No"],
            [1.030111223E9, "Luis Carlos", "Núñez Rojas", "luis.nunez@egi-demo.gov.co", "Técnico Administrativo", "3124", "16", "técnico",
             "Subdirección de Energía", "LNR", "15/03/2025", null, "1.030.111.222", null, "N"],
            ["1030111224", "Eva", "Suárez", "eva.suarez@egi-demo.gov.co", "Auxiliar Administrativo", 4044d, 8d, "Asistencial",
             "300", "Provisional", "5/3/2024", "", 1030111223d, "", ""],
            danielRow,
        ];
        var file = ImportFile.Xlsx(rows);
        var servantsBefore = await ServantCountAsync();

        var (status, preview) = await UploadAsync(client, "servidores.xlsx", file);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((3, 1, 0), CountsIn(preview));
        Assert.Contains("Ana María Peña Núñez", preview);
        Assert.Contains("Felipe Antonio Navarro Restrepo (80123987)", preview);
        Assert.Contains("<span class=\"fw-semibold\">Grado:</span> 17 → 19", preview);
        Assert.Contains("<span class=\"fw-semibold\">Jefe inmediato:</span> Adriana Marcela Forero Cano (53123456) → Ana María Peña Núñez (1030111222)", preview);
        Assert.Contains("Confirmar importación", preview);
        Assert.Equal(servantsBefore, await ServantCountAsync()); // the preview writes nothing

        var confirmed = await ConfirmAsync(client, preview);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var after = await TextAsync(await client.GetAsync(confirmed.Headers.Location));
        Assert.Contains("Importación de «servidores.xlsx» aplicada. Servidores creados: 3; actualizados: 1; sin cambios: 0.", after);

        Assert.Equal(servantsBefore + 3, await ServantCountAsync());
        var ana = await ServantAsync("1030111222");
        var luis = await ServantAsync("1030111223");
        var eva = await ServantAsync("1030111224");
        var updated = await ServantAsync("1024567890");
        Assert.Equal("ana.pena@egi-demo.gov.co", ana.Email);
        Assert.Equal(new DateOnly(2024, 2, 1), ana.HireDate);
        Assert.Equal(("2028", "19"), (ana.JobCode, ana.JobGrade));
        Assert.True(ana.HasStaff);
        Assert.Equal(EmploymentType.FreeAppointment, ana.EmploymentType);
        Assert.Equal((await ServantAsync("80123987")).Id, ana.BossId);
        Assert.Equal(ana.Id, luis.BossId);
        Assert.Equal(HierarchyLevel.Tecnico, luis.Level);
        Assert.Equal(luis.Id, eva.BossId);
        Assert.Equal(("4044", "08", new DateOnly(2024, 3, 5)), (eva.JobCode, eva.JobGrade, eva.HireDate));
        Assert.Equal(ana.DependencyId, luis.DependencyId);
        Assert.Equal("19", updated.JobGrade);
        Assert.Equal(ana.Id, updated.BossId);

        var accounts = await App.WithDbAsync(db => db.Users.Where(u => u.ServantId == ana.Id || u.ServantId == luis.Id || u.ServantId == eva.Id)
            .Select(u => u.Email).OrderBy(e => e).ToListAsync());
        Assert.Equal(["ana.pena@egi-demo.gov.co", "eva.suarez@egi-demo.gov.co", "luis.nunez@egi-demo.gov.co"], accounts);
        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "Importar").Select(a => a.Summary).ToListAsync());
        Assert.Contains(audit, s => s.StartsWith("3 creados, 1 actualizados", StringComparison.Ordinal));

        // The same file again: everything is "Sin cambios" and confirming writes no servant.
        var servantAudit = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Servidor" && a.Action != "Importar"));
        var (_, again) = await UploadAsync(client, "servidores.xlsx", file);
        Assert.Equal((0, 0, 4), CountsIn(again));
        Assert.Contains("El archivo no trae cambios", again);
        var second = await ConfirmAsync(client, again);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(servantsBefore + 3, await ServantCountAsync());
        Assert.Equal(servantAudit, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Servidor" && a.Action != "Importar")));
    }

    [Fact]
    public async Task Csv_saved_by_a_spanish_excel_in_windows_1252_with_semicolons_and_thousands_dots_is_imported()
    {
        var client = await TalentoHumanoAsync();
        var juan = await RowOfAsync("1020456789");
        Assert.Equal("100", juan[8]);
        juan[0] = "1.020.456.789";
        juan[8] = "110";
        string[] pena = ["52.999.111", "María José", "Peña Núñez", "maria.pena@egi-demo.gov.co", "Profesional Especializado; coordinación", "2028", "21",
            "Profesional", "Oficina Asesora de Planeación", "Nombramiento provisional", "01/02/2023", "", "80.234.561", "Sí", "No"];
        var file = ImportFile.Csv([pena, juan], ImportFile.Windows1252);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(file)); // really not UTF-8

        var (_, preview) = await UploadAsync(client, "planta.csv", file);
        Assert.Equal((1, 1, 0), CountsIn(preview));
        Assert.Contains("María José Peña Núñez", preview);
        Assert.Contains("<span class=\"fw-semibold\">Dependencia:</span> 100 — Dirección General → 110 — Oficina Asesora de Planeación", preview);

        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, preview)).StatusCode);
        var maria = await ServantAsync("52999111");
        Assert.Equal(("María José", "Peña Núñez", "Profesional Especializado; coordinación"), (maria.FirstNames, maria.LastNames, maria.JobTitle));
        Assert.Equal((await ServantAsync("80234561")).Id, maria.BossId);
        Assert.Equal(new DateOnly(2023, 2, 1), maria.HireDate);
        var moved = await ServantAsync("1020456789");
        Assert.Equal("110", await DependencyCodeAsync(moved.DependencyId));
        Assert.Equal(1, await App.WithDbAsync(db => db.Servants.CountAsync(s => s.DocumentNumber == "1020456789")));
    }

    [Fact]
    public async Task Csv_in_utf8_with_bom_and_commas_is_imported()
    {
        var client = await TalentoHumanoAsync();
        string[] row = ["1.040.555.666", "Íngrid", "Ñáñez Güiza", "ingrid.nanez@egi-demo.gov.co", "Profesional Universitario, grupo TI", "2044", "8",
            "Profesional", "310", "Provisional", "03/11/2025", "", "", "", ""];
        var file = ImportFile.Csv([row], Encoding.UTF8, separator: ',', bom: true);

        var (_, preview) = await UploadAsync(client, "export.csv", file);
        Assert.Equal((1, 0, 0), CountsIn(preview));
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, preview)).StatusCode);

        var ingrid = await ServantAsync("1040555666");
        Assert.Equal(("Íngrid", "Ñáñez Güiza", "Profesional Universitario, grupo TI", "08"), (ingrid.FirstNames, ingrid.LastNames, ingrid.JobTitle, ingrid.JobGrade));
    }

    [Fact]
    public async Task File_with_bad_rows_lists_every_error_by_row_and_column_and_writes_nothing()
    {
        var client = await TalentoHumanoAsync();
        string[] Row(string doc, string name, string email, string dependency = "300", string hire = "01/02/2024", string boss = "") =>
            [doc, name, "Prueba", email, "Profesional Universitario", "2044", "08", "Profesional", dependency, "Provisional", hire, "", boss, "No", "No"];
        var file = ImportFile.Csv(
        [
            Row("1050000001", "Ana", "ana@@egi-demo"),                                   // 2: e-mail
            Row("1050000002", "Beto", "beto@egi-demo.gov.co", dependency: "999"),         // 3: dependencia
            Row("1050000003", "Ciro", "ciro@egi-demo.gov.co", hire: "31/02/2026"),        // 4: date
            Row("1050000003", "Dora", "dora@egi-demo.gov.co"),                            // 5: repeated document
            Row("1050000005", "Elsa", "elsa@egi-demo.gov.co", boss: "123456"),            // 6: unknown boss
            Row("1050000006", "Fabio", "fabio@egi-demo.gov.co", boss: "1050000007"),      // 7: cycle
            Row("1050000007", "Gina", "gina@egi-demo.gov.co", boss: "1050000006"),        // 8: cycle
            Row("1050000008", "Hugo", "hugo@egi-demo.gov.co"),                            // 9: fine, but not written either
        ], ImportFile.Windows1252);
        var servants = await ServantCountAsync();
        var users = await UserCountAsync();

        var (status, html) = await UploadAsync(client, "con-errores.csv", file);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("No se importó nada", html);
        var errors = ErrorsIn(html);
        Assert.Contains(errors, e => e is (2, "Correo institucional", "ana@@egi-demo", _));
        Assert.Contains(errors, e => e.Row == 3 && e.Column == "Dependencia" && e.Value == "999" && e.Problem.Contains("No existe una dependencia"));
        Assert.Contains(errors, e => e.Row == 4 && e.Column == "Fecha de ingreso" && e.Value == "31/02/2026" && e.Problem.Contains("no es una fecha válida"));
        Assert.Contains(errors, e => e.Row == 5 && e.Column == "Número de documento" && e.Problem.Contains("ya aparece en la fila 4"));
        Assert.Contains(errors, e => e.Row == 6 && e.Column == "Documento del jefe inmediato" && e.Problem.Contains("No hay ningún servidor con documento 123456"));
        Assert.Contains(errors, e => e.Row == 7 && e.Column == "Documento del jefe inmediato" && e.Problem.Contains("ciclo de jefes"));
        Assert.Contains(errors, e => e.Row == 8 && e.Column == "Documento del jefe inmediato" && e.Problem.Contains("ciclo de jefes"));
        Assert.DoesNotContain(errors, e => e.Row == 9);
        Assert.DoesNotContain("Confirmar importación", html);
        Assert.DoesNotContain("name=\"Token\"", html);

        Assert.Equal(servants, await ServantCountAsync());
        Assert.Equal(users, await UserCountAsync());
        Assert.False(await App.WithDbAsync(db => db.Servants.AnyAsync(s => s.DocumentNumber == "1050000008")));
    }

    [Fact]
    public async Task Missing_columns_are_named_in_one_message()
    {
        var client = await TalentoHumanoAsync();
        var file = ImportFile.Csv([["1", "Ana", "Pérez"]], Encoding.UTF8, header: ["Cédula", "Nombres", "Apellidos"]);
        var (status, html) = await UploadAsync(client, "incompleto.csv", file);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Faltan columnas obligatorias: «Correo institucional», «Denominación del empleo», «Nivel jerárquico», «Dependencia», «Tipo de vinculación», «Fecha de ingreso»", html);
    }

    public static TheoryData<string, byte[]> NotSpreadsheets => new()
    {
        { "foto.xlsx", ImportFile.Png },
        { "vacio.xlsx", [] },
        { "vacio.csv", [] },
        { "danado.xlsx", ImportFile.CorruptZip },
        { "informe.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n") },
    };

    [Theory]
    [MemberData(nameof(NotSpreadsheets))]
    public async Task A_file_that_is_not_a_spreadsheet_gets_a_spanish_message_not_an_error_page(string name, byte[] content)
    {
        var client = await TalentoHumanoAsync();
        var servants = await ServantCountAsync();
        var (status, html) = await UploadAsync(client, name, content);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(NotASpreadsheet, html);
        Assert.Contains("<label for=\"Upload\"", html); // the form is there to try again
        Assert.Equal(servants, await ServantCountAsync());
    }

    [Fact]
    public async Task A_file_over_20_mb_is_refused_with_the_limit()
    {
        var client = await TalentoHumanoAsync();
        var big = Encoding.ASCII.GetBytes(string.Join(";", ImportFile.Header) + "\r\n" + new string('x', 20 * 1024 * 1024 + 100));
        var (status, html) = await UploadAsync(client, "enorme.csv", big);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("el máximo es 20 MB", html);
    }

    [Fact]
    public async Task An_old_xls_file_is_told_how_to_save_it()
    {
        var client = await TalentoHumanoAsync();
        var (status, html) = await UploadAsync(client, "planta.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Excel 97-2003 (.xls)", html);
    }

    [Fact]
    public async Task Xlsx_template_is_a_real_workbook_that_imports_as_it_is_and_once_filled_in()
    {
        var client = await TalentoHumanoAsync();
        var response = await client.GetAsync($"{Page}?handler=Template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("plantilla-servidores.xlsx", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var template = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(["Servidores", "Instrucciones", "Valores"], MiniExcel.GetSheetNames(new MemoryStream(template)));
        var columns = MiniExcel.GetColumns(new MemoryStream(template), useHeaderRow: true, sheetName: "Servidores").ToArray();
        Assert.Equal(ImportFile.Header, columns);
        var values = MiniExcel.Query(new MemoryStream(template), useHeaderRow: true, sheetName: "Valores")
            .Cast<IDictionary<string, object?>>().Select(r => $"{r["Lista"]}: {r["Valor"]}").ToList();
        Assert.Contains("Nivel jerárquico: Técnico", values);
        Assert.Contains("Dependencia: 300", values);

        // As downloaded: the two example rows are valid (the second reports to the first).
        var (_, asIs) = await UploadAsync(client, "plantilla-servidores.xlsx", template);
        Assert.Equal((2, 0, 0), CountsIn(asIs));
        Assert.Contains("Ana María Pérez Gómez (1000000001)", asIs);

        // Filled in: the template's header with one servant of ours instead of the examples.
        var filled = MiniExcel.Query(new MemoryStream(template), useHeaderRow: true, sheetName: "Servidores")
            .Cast<IDictionary<string, object?>>().Take(1).Select(r => new Dictionary<string, object?>(r)).ToList();
        var row = filled[0];
        row["Número de documento"] = "1.060.777.888";
        row["Nombres"] = "Tomás";
        row["Apellidos"] = "Ibáñez";
        row["Correo institucional"] = "tomas.ibanez@egi-demo.gov.co";
        row["Documento del jefe inmediato"] = "80123987";
        row["Dependencia"] = "300";
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, filled, sheetName: "Servidores");

        var (_, preview) = await UploadAsync(client, "plantilla-llena.xlsx", stream.ToArray());
        Assert.Equal((1, 0, 0), CountsIn(preview));
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, preview)).StatusCode);
        var tomas = await ServantAsync("1060777888");
        Assert.Equal("Tomás Ibáñez", tomas.FullName);
        Assert.False(await App.WithDbAsync(db => db.Servants.AnyAsync(s => s.DocumentNumber == "1000000001")));
    }

    [Fact]
    public async Task Csv_template_uses_semicolons_with_a_bom_and_imports()
    {
        var client = await TalentoHumanoAsync();
        var response = await client.GetAsync($"{Page}?handler=TemplateCsv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith(string.Join(';', ImportFile.Header) + "\r\n", text);

        var (_, preview) = await UploadAsync(client, "plantilla-servidores.csv", bytes);
        Assert.Equal((2, 0, 0), CountsIn(preview));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..%2F..%2Fegi.db")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("")]
    public async Task A_tampered_or_unknown_token_is_refused_and_nothing_is_written(string token)
    {
        var client = await TalentoHumanoAsync();
        var row = await RowOfAsync("1015678234");
        row[6] = "11";
        var (_, preview) = await UploadAsync(client, "valentina.csv", ImportFile.Csv([row], Encoding.UTF8));
        Assert.Equal((0, 1, 0), CountsIn(preview));

        var response = await ConfirmAsync(client, preview, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La importación que intenta confirmar no existe o ya venció", await TextAsync(response));
        Assert.Equal("09", (await ServantAsync("1015678234")).JobGrade);
    }

    [Fact]
    public async Task A_directory_changed_after_the_preview_shows_a_new_preview_instead_of_applying()
    {
        var client = await TalentoHumanoAsync();
        var row = await RowOfAsync("1033456712");
        row[4] = "Auxiliar Administrativo (archivo)";
        var (_, preview) = await UploadAsync(client, "leidy.csv", ImportFile.Csv([row], Encoding.UTF8));
        Assert.Equal((0, 1, 0), CountsIn(preview));

        await App.WithDbAsync(async db =>
        {
            var s = await db.Servants.SingleAsync(x => x.DocumentNumber == "1033456712");
            s.JobGrade = "16";
            await db.SaveChangesAsync();
        });

        var response = await ConfirmAsync(client, preview);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await TextAsync(response);
        Assert.Contains("el directorio cambió desde la vista previa", html);
        Assert.Contains("<span class=\"fw-semibold\">Grado:</span> 16 → 14", html);
        Assert.Equal("Auxiliar Administrativo", (await ServantAsync("1033456712")).JobTitle);

        // Confirming the new preview applies it.
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, html)).StatusCode);
        var leidy = await ServantAsync("1033456712");
        Assert.Equal(("Auxiliar Administrativo (archivo)", "14"), (leidy.JobTitle, leidy.JobGrade));
    }

    [Fact]
    public async Task Cancel_forgets_the_file()
    {
        var client = await TalentoHumanoAsync();
        var row = await RowOfAsync("1017234890");
        row[6] = "12";
        var (_, preview) = await UploadAsync(client, "cristian.csv", ImportFile.Csv([row], Encoding.UTF8));
        var token = TokenField().Match(preview).Groups[1].Value;
        var folder = Path.Combine(App.DataFolder, "imports");
        Assert.True(File.Exists(Path.Combine(folder, token + ".upload")));

        var cancel = await client.PostFormAsync($"{Page}?handler=Cancel", new() { ["Token"] = token }, getUrl: Page);
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.False(File.Exists(Path.Combine(folder, token + ".upload")));
        Assert.Contains("La importación que intenta confirmar no existe", await TextAsync(await ConfirmAsync(client, preview)));
        Assert.Equal("11", (await ServantAsync("1017234890")).JobGrade);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?handler=Template")]
    public async Task Anonymous_user_is_sent_to_sign_in(string query)
    {
        var client = App.NewClient();
        var get = await client.GetAsync(Page + query);
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.StartsWith("/Account/Login", get.Headers.Location!.PathAndQuery);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(ImportFile.Png), "Upload", "x.xlsx" } };
        var post = await client.PostAsync(Page, form);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/Account/Login", post.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData(Accounts.Consulta)]
    [InlineData(Accounts.Planeacion)]
    [InlineData("evaluado")]
    public async Task Users_without_talento_humano_get_403_on_every_handler(string account)
    {
        var client = await fixture.ClientAsync(account == "evaluado" ? Accounts.Evaluado : account);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Page}?handler=Template")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Page}?handler=TemplateCsv")).StatusCode);

        var servants = await ServantCountAsync();
        var file = ImportFile.Csv([["1070000001", "Ana", "Pérez", "ana.x@egi-demo.gov.co", "Asesor", "1020", "12", "Asesor", "100", "LNR", "01/01/2025", "", "", "", ""]], Encoding.UTF8);
        // A valid antiforgery token of this user, taken from a page they may open.
        var upload = await client.PostFileAsync(Page, "/Account/ChangePassword", "Upload", "x.csv", file);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        var confirm = await client.PostFormAsync(ConfirmUrl, new() { ["Token"] = Guid.NewGuid().ToString("N") }, getUrl: "/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.Forbidden, confirm.StatusCode);
        Assert.Equal(servants, await ServantCountAsync());
    }
}

public sealed class ImportTestsSqlite(ImportSqliteFixture fixture) : ImportTests(fixture), IClassFixture<ImportSqliteFixture>;

public sealed class ImportTestsPostgres(ImportPostgresFixture fixture) : ImportTests(fixture), IClassFixture<ImportPostgresFixture>;
