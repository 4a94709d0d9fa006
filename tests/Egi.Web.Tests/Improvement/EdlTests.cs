using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Egi.Domain.Directory;
using Egi.Domain.Improvement;
using Egi.Domain.Scoring;
using Egi.Web.Notifications;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Egi.Web.Tests.Improvement.ImprovementKit;

namespace Egi.Web.Tests.Improvement;

/// <summary>
/// Issue 13, item 8: Talento Humano imports the EDL results of career servants (activities 18–19: plans come from EGI and
/// from the EDL), the improvement rule lists career servants below the period's EDL threshold, and the activity-20
/// reminders carry the person's formato de mejoramiento individual. Through the real host, over real SMTP.
/// </summary>
public abstract partial class EdlTests(SmtpHost host) : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = host.Smtp;
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    // Career servants of the demo directory, and Camila (nombramiento provisional).
    private const string Maria = "41678234";   // María Eugenia Castro León
    private const string Diana = "52876123";   // Diana Carolina Moreno Silva
    private const string Jose = "79654123";    // José Vicente Rincón Beltrán
    private const string Camila = EvaluationScenario.Camila;
    private const string Page = "/Improvement/EdlImport";
    private string Candidates => $"/Improvement/Candidates?vigencia={scenario.PeriodId}";

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static byte[] Csv(params string[] lines) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];

    [GeneratedRegex("name=\"Token\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"Fingerprint\" value=\"([0-9A-F]+)\"")]
    private static partial Regex FingerprintField();

    /// <summary>Uploads a file and returns the page (preview or errors).</summary>
    private static async Task<string> UploadAsync(HttpClient client, byte[] content, string fileName = "edl.csv")
    {
        var response = await client.PostFileAsync(Page, Page, "Upload", fileName, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BodyAsync(response);
    }

    /// <summary>Uploads and confirms a valid file; returns the redirect.</summary>
    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] content)
    {
        var preview = await client.PostFileAsync(Page, Page, "Upload", "edl.csv", content);
        var html = await preview.Content.ReadAsStringAsync();
        var token = TokenField().Match(html);
        Assert.True(token.Success, WebUtility.HtmlDecode(Regex.Match(html, "id=\"errores\"[\\s\\S]{0,1500}").Value));
        return await client.PostFormAsync($"{Page}?handler=Confirm",
            new() { ["Token"] = token.Groups[1].Value, ["Fingerprint"] = FingerprintField().Match(html).Groups[1].Value }, getUrl: Page);
    }

    private Task<List<(string Document, int Year, decimal Score, RatingLevel Level)>> ResultsAsync() =>
        app.WithDbAsync(async d => (await (from r in d.Set<EdlResult>().AsNoTracking()
                                           join s in d.Servants on r.ServantId equals s.Id
                                           select new { s.DocumentNumber, r.Year, r.Score, r.Level }).ToListAsync())
            .OrderBy(x => x.DocumentNumber, StringComparer.Ordinal).ThenBy(x => x.Year).Select(x => (x.DocumentNumber, x.Year, x.Score, x.Level)).ToList());

    [Fact]
    public async Task Talento_humano_imports_the_edl_results_with_preview_and_the_level_derived_when_missing()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var page = await HtmlAsync(hr, Page);
        Assert.Contains("Importar resultados de la evaluación de desempeño laboral (EDL)", page);
        Assert.Contains("Calificación", page);

        // As the EDL application exports it: a title row, extra columns, a level in capitals without accents, comma and point.
        var html = await UploadAsync(hr, Csv(
            "Reporte de evaluaciones definitivas;;;;",
            "Cédula;Nombre del evaluado;Periodo evaluado;Calificación definitiva;Nivel de cumplimiento",
            $"{Maria};María Eugenia Castro León;2026;95,20;SOBRESALIENTE",
            $"{Diana};Diana Carolina Moreno Silva;2026;82.5;",
            $"{Jose};José Vicente Rincón Beltrán;2026;60;no satisfactorio"));
        Assert.Contains("Vista previa de «edl.csv»", html);
        Assert.Contains("id=\"cuenta-nuevos\">3<", html);
        Assert.Contains("Satisfactorio (82,50) (nivel calculado de la calificación)", html);
        Assert.Contains("Columnas del archivo que no se importan: «Nombre del evaluado»", html);
        Assert.Empty(await ResultsAsync()); // nothing before confirming

        var confirmed = await ImportAsync(hr, Csv(
            "Cédula;Nombre del evaluado;Periodo evaluado;Calificación definitiva;Nivel de cumplimiento",
            $"{Maria};María Eugenia Castro León;2026;95,20;SOBRESALIENTE",
            $"{Diana};Diana Carolina Moreno Silva;2026;82.5;",
            $"{Jose};José Vicente Rincón Beltrán;2026;60;no satisfactorio"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(
            [(Maria, 2026, 95.2m, RatingLevel.Sobresaliente), (Diana, 2026, 82.5m, RatingLevel.Satisfactorio), (Jose, 2026, 60m, RatingLevel.NoSatisfactorio)],
            await ResultsAsync());
        Assert.Contains("Resultados de la EDL nuevos: 3; reemplazados: 0; sin cambios: 0.", await HtmlAsync(hr, Page));
        var audit = await app.WithDbAsync(d => d.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Resultados EDL").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(2, audit.Count(a => a.Action == "Cargar archivo"));
        var imported = Assert.Single(audit, a => a.Action == "Importar");
        Assert.Contains("3 nuevos, 0 reemplazados", imported.Summary);
        Assert.Contains("Satisfactorio (82,50)", imported.After);
        Assert.Contains(Accounts.TalentoHumano, await app.WithDbAsync(d => d.Set<EdlResult>().Select(r => r.ImportedBy).FirstAsync()));
    }

    [Fact]
    public async Task An_xlsx_file_imports_and_the_templates_download()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var template = await hr.GetAsync($"{Page}?handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        using (var stream = new MemoryStream(await template.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(["Resultados EDL", "Instrucciones", "Niveles"], MiniExcel.GetSheetNames(stream));
            stream.Position = 0;
            var headers = ((IDictionary<string, object>)MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Resultados EDL").First()).Keys;
            Assert.Equal(["Número de documento", "Año", "Calificación", "Nivel"], headers);
        }
        var csv = await hr.GetStringAsync($"{Page}?handler=TemplateCsv");
        Assert.StartsWith("\uFEFFNúmero de documento;Año;Calificación;Nivel", csv);

        using var xlsx = new MemoryStream();
        MiniExcel.SaveAs(xlsx, new[]
        {
            new Dictionary<string, object?> { ["Número de documento"] = 52876123d, ["Año"] = 2026d, ["Calificación"] = 88.75d, ["Nivel"] = "Satisfactorio" },
        });
        var confirmed = await hr.PostFileAsync(Page, Page, "Upload", "edl.xlsx", xlsx.ToArray());
        Assert.Contains("id=\"cuenta-nuevos\">1<", await BodyAsync(confirmed));
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(hr, xlsx.ToArray())).StatusCode);
        Assert.Equal([(Diana, 2026, 88.75m, RatingLevel.Satisfactorio)], await ResultsAsync());
    }

    [Fact]
    public async Task Every_bad_row_is_reported_by_row_and_column_in_spanish_and_nothing_is_saved()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var html = await UploadAsync(hr, Csv(
            "Número de documento;Año;Calificación;Nivel",
            "99999999;2026;80;",                 // 2: unknown document
            $"{Camila};2026;80;",                 // 3: not a career servant
            ";2026;80;",                          // 4: no document
            $"{Maria};;80;",                      // 5: no year
            $"{Maria};26;80;",                    // 6: not a year
            $"{Maria};2026;;",                    // 7: no score
            $"{Maria};2026;ochenta;",             // 8: not a number
            $"{Maria};2026;101;",                 // 9: above 100
            $"{Maria};2026;82,555;",              // 10: three decimals
            $"{Maria};2026;80;Excelente",         // 11: unknown level
            $"{Diana};2026;80;",                  // 12: valid
            $"{Diana};2026;85;",                  // 13: same servant and year again
            "1,02046E+09;2026;80;"));             // 14: document that lost digits
        Assert.Contains("No se importó nada: el archivo «edl.csv» tiene errores", html);
        var rows = Regex.Matches(html, "<tr>\\s*<td>(\\d+)</td>\\s*<td>([^<]+)</td>\\s*<td[^>]*>([^<]*)</td>\\s*<td>([^<]+)</td>")
            .Select(m => (Row: int.Parse(m.Groups[1].Value), Column: m.Groups[2].Value, Message: m.Groups[4].Value)).ToList();
        void Has(int row, string column, string text) =>
            Assert.True(rows.Any(r => r.Row == row && r.Column == column && r.Message.Contains(text, StringComparison.Ordinal)),
                $"Fila {row}, {column}: «{text}» not in {string.Join(" | ", rows)}");
        Has(2, "Número de documento", "No hay ningún servidor con documento 99999999 en el directorio");
        Has(3, "Número de documento", "la evaluación de desempeño laboral (EDL) aplica a los servidores de carrera administrativa");
        Has(3, "Número de documento", "«Nombramiento provisional»");
        Has(4, "Número de documento", "Falta el número de documento");
        Has(5, "Año", "Falta el año del periodo evaluado");
        Has(6, "Año", "«26» no es un año válido");
        Has(7, "Calificación", "Falta la calificación");
        Has(8, "Calificación", "«ochenta» no es una calificación");
        Has(9, "Calificación", "entre 0 y 100");
        Has(10, "Calificación", "máximo dos decimales");
        Has(11, "Nivel", "«Excelente» no es un nivel de la EDL. Valores aceptados: Sobresaliente, Satisfactorio o No satisfactorio");
        Has(13, "Número de documento", "ya tiene un resultado del año 2026 en la fila 12");
        Has(14, "Número de documento", "notación científica");
        Assert.DoesNotContain(rows, r => r.Row == 12);
        Assert.DoesNotContain("name=\"Token\"", html);
        Assert.Empty(await ResultsAsync());

        var missing = await UploadAsync(hr, Csv("Número de documento;Nivel", $"{Maria};Sobresaliente"));
        Assert.Contains("Faltan columnas obligatorias: «Año», «Calificación»", missing);
    }

    [Fact]
    public async Task A_file_with_one_bad_row_saves_nothing_and_keeps_what_was_saved_before()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(hr, Csv("Documento;Año;Calificación", $"{Diana};2026;82,50"))).StatusCode);

        var html = await UploadAsync(hr, Csv("Documento;Año;Calificación", $"{Maria};2026;95", $"{Diana};2026;91", $"{Jose};2026;abc"));
        Assert.Contains("Hay 1 problema", html);
        Assert.Equal([(Diana, 2026, 82.5m, RatingLevel.Satisfactorio)], await ResultsAsync());

        // A kept preview confirmed after the data changed is shown again, not applied.
        var preview = await hr.PostFileAsync(Page, Page, "Upload", "edl.csv", Csv("Documento;Año;Calificación", $"{Maria};2026;95"));
        var previewHtml = await preview.Content.ReadAsStringAsync();
        await app.WithDbAsync(async d =>
        {
            var maria = await d.Servants.SingleAsync(s => s.DocumentNumber == Maria);
            d.Add(new EdlResult { ServantId = maria.Id, Year = 2026, Score = 70m, Level = RatingLevel.Satisfactorio, ImportedBy = "otra persona" });
            await d.SaveChangesAsync();
        });
        var stale = await hr.PostFormAsync($"{Page}?handler=Confirm", new()
        {
            ["Token"] = TokenField().Match(previewHtml).Groups[1].Value,
            ["Fingerprint"] = FingerprintField().Match(previewHtml).Groups[1].Value,
        }, getUrl: Page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("cambiaron desde la vista previa anterior", await BodyAsync(stale));
        Assert.Contains((Maria, 2026, 70m, RatingLevel.Satisfactorio), await ResultsAsync());
    }

    [Fact]
    public async Task Importing_the_same_servant_and_year_again_replaces_the_previous_result()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(hr, Csv("Documento;Año;Calificación", $"{Diana};2026;82,50", $"{Diana};2025;70"))).StatusCode);
        var html = await UploadAsync(hr, Csv("Documento;Año;Calificación;Nivel", $"{Diana};2026;91;Sobresaliente", $"{Diana};2025;70;"));
        Assert.Contains("id=\"cuenta-reemplazar\">1<", html);
        Assert.Contains("id=\"cuenta-sin-cambios\">1<", html);
        Assert.Contains("Reemplaza Satisfactorio (82,50)", html);
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(hr, Csv("Documento;Año;Calificación;Nivel", $"{Diana};2026;91;Sobresaliente", $"{Diana};2025;70;"))).StatusCode);
        Assert.Equal([(Diana, 2025, 70m, RatingLevel.Satisfactorio), (Diana, 2026, 91m, RatingLevel.Sobresaliente)], await ResultsAsync());
        var audit = await app.WithDbAsync(d => d.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Resultados EDL" && a.Action == "Importar").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Contains("Satisfactorio (82,50)", audit[1].Before); // what the import replaced
        Assert.Contains("Sobresaliente (91,00)", audit[1].After);
    }

    [Fact]
    public async Task Only_talento_humano_may_import()
    {
        var anonymous = app.NewClient();
        var r = await anonymous.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Contains("/Account/Login", r.Headers.Location!.ToString());
        foreach (var who in new[] { Accounts.Evaluado, Accounts.Jefe, Accounts.Consulta, Accounts.Planeacion })
        {
            var client = await app.SignedInAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Page)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Page}?handler=Template")).StatusCode);
            // A forged upload (antiforgery token from a page this person may see) is refused too, and nothing is saved.
            var forged = await client.PostFileAsync(Page, "/Improvement", "Upload", "edl.csv", Csv("Documento;Año;Calificación", $"{Diana};2026;80"));
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }
        Assert.Empty(await ResultsAsync());
        Assert.Equal(0, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.EntityType == "Resultados EDL")));
    }

    [Fact]
    public async Task A_career_servant_below_the_edl_threshold_requires_a_plan_with_the_reason_and_the_setting_changes_it()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(hr, Csv("Documento;Año;Calificación;Nivel",
            $"{Maria};2026;95,20;Sobresaliente", $"{Diana};2026;82,50;", $"{Jose};2026;60;", $"{Diana};2025;50;"))).StatusCode);

        var html = await HtmlAsync(hr, Candidates);
        Assert.Contains("Evaluación de desempeño laboral: Satisfactorio (82,50)", html);
        Assert.Contains("Evaluación de desempeño laboral: No satisfactorio (60,00)", html);
        Assert.Contains("Requieren plan (2)", html);
        Assert.DoesNotContain("Evaluación de desempeño laboral: Sobresaliente", html);
        Assert.DoesNotContain("(50,00)", html); // 2025's result is not the 2026 period's
        Assert.Contains("id=\"ca-edl\">3<", html);
        Assert.Contains("href=\"/Improvement/EdlImport\"", html);
        // María may be added by hand: typed in the «Persona» search (the page lists no one else); sent without a reason,
        // the form comes back with her chosen.
        Assert.Contains("name=\"ServantSearch\"", html);
        var maria = await scenario.ServantIdAsync(Maria);
        Assert.DoesNotContain($"<option value=\"{maria}\"", html);
        var noReason = await hr.PostFormAsync($"{Candidates}&handler=Include", new() { ["ServantSearch"] = Maria, ["Reason"] = "" }, getUrl: Candidates);
        var again = await BodyAsync(noReason);
        Assert.Contains("Escriba el «Motivo».", again);
        Assert.Contains($"<option value=\"{maria}\" selected=\"selected\">Castro León, María Eugenia · ", again);

        // A servant who is no longer de carrera is never listed from the EDL.
        await app.WithDbAsync(async d =>
        {
            (await d.Servants.SingleAsync(s => s.DocumentNumber == Jose)).EmploymentType = EmploymentType.Provisional;
            await d.SaveChangesAsync();
        });
        html = await HtmlAsync(hr, Candidates);
        Assert.DoesNotContain("No satisfactorio (60,00)", html);
        Assert.Contains("Requieren plan (1)", html);
        await app.WithDbAsync(async d =>
        {
            (await d.Servants.SingleAsync(s => s.DocumentNumber == Jose)).EmploymentType = EmploymentType.Career;
            await d.SaveChangesAsync();
        });

        // The period setting: only No satisfactorio requires a plan; a value that is not an option is refused.
        var settings = $"/Periods/Settings/{scenario.PeriodId}";
        var form = await SettingsFormAsync(hr, settings);
        Assert.Contains("Plan de mejoramiento para servidores de carrera si el nivel de la EDL queda", await HtmlAsync(hr, settings));
        form["Input.ImprovementEdlLevelBelow"] = "Excelente";
        var refused = await hr.PostFormAsync(settings, form);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Elija una opción de «Plan de mejoramiento para servidores de carrera si el nivel de la EDL queda».", await BodyAsync(refused));
        form["Input.ImprovementEdlLevelBelow"] = "Satisfactorio";
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync(settings, form)).StatusCode);
        Assert.Equal(RatingLevel.Satisfactorio, await app.WithDbAsync(d => d.Periods.Where(p => p.Id == scenario.PeriodId).Select(p => p.Settings.ImprovementEdlLevelBelow).SingleAsync()));
        html = await HtmlAsync(hr, Candidates);
        Assert.DoesNotContain("Satisfactorio (82,50)</li>", html);
        Assert.Contains("Evaluación de desempeño laboral: No satisfactorio (60,00)", html);
        Assert.Contains("Requieren plan (1)", html);
    }

    /// <summary>The sheets «Datos» and «Resultados» of an attached format.</summary>
    private static async Task<(Dictionary<string, string?> Data, List<(string? Kind, string? Result)> Results, int PlanRows, string? FirstAction)> FormatOfAsync(MimeKit.MimeMessage mail, string document)
    {
        var attachment = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal($"formato-mejoramiento-{document}.xlsx", attachment.FileName);
        using var content = new MemoryStream();
        Assert.NotNull(attachment.Content);
        await attachment.Content.DecodeToAsync(content);
        content.Position = 0;
        var data = MiniExcel.Query(content, useHeaderRow: true, sheetName: "Datos").Cast<IDictionary<string, object>>()
            .ToDictionary(r => (string)r["Campo"], r => r["Valor"]?.ToString());
        content.Position = 0;
        var results = MiniExcel.Query(content, useHeaderRow: true, sheetName: "Resultados").Cast<IDictionary<string, object>>()
            .Select(r => (r["Tipo"]?.ToString(), r["Resultado"]?.ToString())).ToList();
        content.Position = 0;
        var plan = MiniExcel.Query(content, useHeaderRow: true, sheetName: "Plan").Cast<IDictionary<string, object>>().ToList();
        return (data, results, plan.Count, plan[0]["Acciones"]?.ToString());
    }

    [Fact]
    public async Task The_format_and_the_activity_20_reminders_carry_the_persons_format_with_the_edl_result()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(hr, Csv("Documento;Año;Calificación", $"{Diana};2026;82,50"))).StatusCode);
        var sent = await hr.PostFormAsync($"/Improvement/Candidates?handler=Send&vigencia={scenario.PeriodId}", new(), getUrl: Candidates);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var plan = (await PlanAsync(app, Diana))!;
        Assert.Equal(PlanStatus.FormatSent, plan.Status);
        Assert.Equal(["Evaluación de desempeño laboral: Satisfactorio (82,50)"], plan.Reasons);
        var diana = await app.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(s => s.DocumentNumber == Diana));
        var formats = await smtp.WaitForAsync(2);
        var format = await FormatOfAsync(Assert.Single(formats, m => m.To.Mailboxes.Single().Address == diana.Email), Diana);
        Assert.Equal("Satisfactorio (82,50)", format.Data["Evaluación de desempeño laboral (EDL)"]);
        Assert.Contains(("EDL", "Satisfactorio (82,50)"), format.Results);

        // The plan of a career servant is filled against the EDL (no EGI goals or competencies).
        await app.WithDbAsync(async d =>
        {
            var tracked = await d.Set<ImprovementPlan>().SingleAsync(p => p.Id == plan.Id);
            var period = await d.Periods.SingleAsync(p => p.Id == tracked.PeriodId);
            var outcome = tracked.SaveAspects(period, new PlanActor(null, "Talento Humano", true),
                [new PlanAspect { Competency = EdlRules.AspectLink, Aspect = "Calidad de los informes", Actions = "Revisión por pares", ExpectedResult = "Informes sin devoluciones",
                    Responsible = "Diana", StartDate = new(2026, 12, 1), EndDate = new(2026, 12, 15) }], [], [EdlRules.AspectLink], DateTime.UtcNow);
            Assert.True(outcome.Succeeded);
            await d.SaveChangesAsync();
        });
        var planPage = await HtmlAsync(hr, $"/Improvement/Plan/{plan.Id}");
        Assert.Contains("Evaluación de desempeño laboral (EDL): Satisfactorio (82,50)", planPage); // the link option

        // Manual reminder (Talento Humano, activity 20): to Diana and her jefe, each with the format as it stands.
        var index = $"/Improvement?vigencia={scenario.PeriodId}";
        var reminded = await hr.PostFormAsync($"/Improvement?handler=Remind&vigencia={scenario.PeriodId}", new() { ["Selected"] = $"{plan.Id}" }, getUrl: index);
        Assert.Equal(HttpStatusCode.Redirect, reminded.StatusCode);
        var all = await smtp.WaitForAsync(4);
        var reminders = all.Except(formats).ToList();
        Assert.Equal(2, reminders.Count);
        foreach (var mail in reminders)
        {
            var f = await FormatOfAsync(mail, Diana);
            Assert.Equal("Satisfactorio (82,50)", f.Data["Evaluación de desempeño laboral (EDL)"]);
            Assert.Equal("Revisión por pares", f.FirstAction); // the aspects agreed so far
            Assert.Equal(1 + Egi.Web.Features.Improvement.ImprovementFormat.EmptyRows, f.PlanRows);
        }

        // Automatic reminder of the action's end date (five working days before 15/12/2026): the format is attached too.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.FromHours(-5)));
        await app.Services.GetRequiredService<Scheduler>().RunDueAsync(default);
        var automatic = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Include(m => m.Attachments)
            .Where(m => m.Kind == nameof(MailKind.ImprovementDeadline)).ToListAsync());
        Assert.NotEmpty(automatic);
        Assert.All(automatic, m => Assert.Equal($"formato-mejoramiento-{Diana}.xlsx", Assert.Single(m.Attachments).FileName));
    }
}

public sealed class EdlTestsSqlite(SmtpSqliteHost host) : EdlTests(host), IClassFixture<SmtpSqliteHost>;

public sealed class EdlTestsPostgres(SmtpPostgresHost host) : EdlTests(host), IClassFixture<SmtpPostgresHost>;
