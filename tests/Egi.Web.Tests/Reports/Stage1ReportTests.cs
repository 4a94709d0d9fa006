using System.Globalization;
using System.Net;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Egi.Web.Tests.Reports;

/// <summary>
/// The demo period open (goal window 01/11–15/12/2026, today 24/11/2026) with stage 1 at different points:
/// Laura Herrera (Planeación) and Daniel Quiroga (Información) agreed — Daniel after a modification he did not
/// accept; Paola Jiménez (Secretaría General) in acceptance; Camila Salazar (Energía) in approval; Santiago
/// Bermúdez (Energía) untouched; Brayan Guzmán (Energía) eligible but without an evaluation (row deleted).
/// </summary>
public abstract class Stage1App(Db db) : IAsyncLifetime
{
    public const string Laura = EvaluationScenario.Laura;
    public const string Daniel = "1024567890";
    public const string Paola = "1019087654";
    public const string Camila = EvaluationScenario.Camila;
    public const string Santiago = EvaluationScenario.Santiago;
    public const string Brayan = "1031234567";

    public EgiAppFactory App { get; } = new(db);
    public int PeriodId { get; private set; }

    public async Task InitializeAsync()
    {
        var scenario = await EvaluationScenario.OpenAsync(App);
        PeriodId = scenario.PeriodId;

        // Each step on its own day of November 2026 (10:00 in Bogotá), so the report's dates can be told apart.
        static EvaluationContext On(EvaluationScenario.Parties p, int day) =>
            p.Context with { Today = new DateOnly(2026, 11, day), Now = new DateTime(2026, 11, day, 15, 0, 0, DateTimeKind.Utc) };
        static List<Goal> Weights(Evaluation e, int first, int second) =>
            e.OrderedGoals.Select(g => g with { Weight = g.Number == 1 ? first : second }).ToList();
        var goals = EvaluationScenario.Goals(60, 40);
        var justified = new Dictionary<string, string> { ["1.Weight"] = "Prioridad del año.", ["2.Weight"] = "Para sumar 100 %." };

        await scenario.ActAsync(Laura, (e, p) => e.SubmitGoals(p.Evaluado, goals, On(p, 3)));
        await scenario.ActAsync(Laura, (e, p) => e.ApproveGoals(p.Evaluator, On(p, 4)));
        await scenario.ActAsync(Laura, (e, p) => e.AcceptGoals(p.Evaluado, On(p, 6)));

        await scenario.ActAsync(Daniel, (e, p) => e.SubmitGoals(p.Evaluado, goals, On(p, 2)));
        await scenario.ActAsync(Daniel, (e, p) => e.ModifyGoals(p.Evaluator, Weights(e, 70, 30), justified, On(p, 5)));
        await scenario.ActAsync(Daniel, (e, p) => e.NotAcceptGoals(p.Evaluado, "Prefiero los pesos iniciales.", On(p, 6)));
        await scenario.ActAsync(Daniel, (e, p) => e.SubmitGoals(p.Evaluado, goals, On(p, 9)));
        await scenario.ActAsync(Daniel, (e, p) => e.ApproveGoals(p.Evaluator, On(p, 10)));
        await scenario.ActAsync(Daniel, (e, p) => e.AcceptGoals(p.Evaluado, On(p, 12)));

        await scenario.ActAsync(Paola, (e, p) => e.SubmitGoals(p.Evaluado, goals, On(p, 17)));
        await scenario.ActAsync(Paola, (e, p) => e.ModifyGoals(p.Evaluator, Weights(e, 50, 50), justified, On(p, 18)));

        await scenario.ActAsync(Camila, (e, p) => e.SubmitGoals(p.Evaluado, goals, On(p, 20)));

        // Eligible, but without an evaluation in the period.
        var brayan = await scenario.EvaluationIdAsync(Brayan);
        await App.WithDbAsync(async d =>
        {
            d.Evaluations.Remove(await d.Evaluations.SingleAsync(e => e.Id == brayan));
            await d.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class Stage1SqliteApp() : Stage1App(Db.Sqlite);

public sealed class Stage1PostgresApp() : Stage1App(Db.Postgres);

/// <summary>Activity 7: the stage-1 consolidation on screen and as .xlsx, for Talento Humano and Consulta only.</summary>
public abstract class Stage1ReportTests(Stage1App fixture)
{
    private const string Url = "/Reports/Stage1";
    private static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-CO");

    private EgiAppFactory App => fixture.App;

    private static string Row(IReadOnlyList<IReadOnlyList<string>> rows, string document, int column) =>
        rows.Single(r => r[0] == document)[column];

    private async Task<string> PageAsync(HttpClient client, string url = Url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<int> AuditCountAsync(string action) =>
        App.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == action && a.EntityType == "Informe etapa 1"));

    [Fact]
    public async Task The_screen_shows_every_eligible_servant_in_their_stage_1_state_with_dates_goals_and_rounds()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await PageAsync(hr);
        var rows = HtmlTables.Rows(html, "servidores");

        // Every servant eligible today, once; nobody else.
        var today = new DateOnly(2026, 11, 24);
        var eligible = await App.WithDbAsync(async d => (await d.Servants.AsNoTracking().ToListAsync()).Where(s => s.EligibilityOn(today).IsEligible).Select(s => s.DocumentNumber).Order().ToList());
        Assert.Equal(eligible, rows.Select(r => r[0]).Order().ToList());
        Assert.DoesNotContain(rows, r => r[0] == "79512340"); // gerente público
        Assert.DoesNotContain(rows, r => r[0] == "79987123"); // carrera administrativa
        Assert.DoesNotContain(rows, r => r[0] == "1021654987"); // retired before the period opened
        Assert.DoesNotContain("Hernán Darío", html, StringComparison.Ordinal);

        // Documento, Nombre, Empleo, Dependencia, Evaluador, Estado, Etapa 1, En espera de, Envío, Aprobación, Aceptación, Metas, Rondas, No aceptar
        Assert.Equal(
            ["1024567890", "Daniel Esteban Quiroga Mora", "Profesional Especializado 2028-17", "Grupo Interno de Trabajo de Información",
             "Adriana Marcela Forero Cano", "Autoevaluación I", "Metas concertadas", "—", "02/11/2026", "10/11/2026", "12/11/2026", "2", "2", "1"],
            rows.Single(r => r[0] == Stage1App.Daniel));
        Assert.Equal(["Aceptación de metas", "En aceptación", "Evaluado", "17/11/2026", "18/11/2026", "—"], rows.Single(r => r[0] == Stage1App.Paola).Skip(5).Take(6));
        Assert.Equal(["Aprobación de metas", "En aprobación", "Evaluador", "20/11/2026", "—", "—", "2", "1", "0"], rows.Single(r => r[0] == Stage1App.Camila).Skip(5));
        Assert.Equal(["Formulación de metas", "En formulación", "Evaluado", "—", "—", "—", "0", "0", "0"], rows.Single(r => r[0] == Stage1App.Santiago).Skip(5));

        // Not started: no evaluation; the jefe who would evaluate is named, and Talento Humano must act.
        Assert.Equal(["Felipe Antonio Navarro Restrepo", "Sin iniciar", "Sin iniciar", "Talento Humano"], rows.Single(r => r[0] == Stage1App.Brayan).Skip(4).Take(4));
        Assert.Equal("Felipe Antonio Navarro Restrepo", Row(rows, Stage1App.Camila, 4));
    }

    [Fact]
    public async Task The_summary_counts_each_state_per_dependencia_with_the_percentage_agreed_and_an_entity_total()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await PageAsync(hr);
        Assert.Equal(["Dependencia", "Servidores", "Sin iniciar", "Formulación", "Aprobación", "Aceptación", "Concertadas", "Cerradas sin concertar", "% concertadas"],
            HtmlTables.Headers(html, "resumen"));
        var summary = HtmlTables.Rows(html, "resumen");
        IReadOnlyList<string> Line(string dependency) => summary.Single(r => r[0] == dependency);

        // Planeación: Carlos Suárez, Laura (agreed), Jhon Ramírez — Diana Moreno is de carrera. 1 of 3 = 33,3 %.
        Assert.Equal(["Oficina Asesora de Planeación", "3", "0", "2", "0", "0", "1", "0", "33,3 %"], Line("Oficina Asesora de Planeación"));
        // Energía: Felipe, Ana María, Santiago (formulación), Camila (aprobación), Brayan (sin iniciar); Hernán is de carrera.
        Assert.Equal(["Subdirección de Energía", "5", "1", "3", "1", "0", "0", "0", "0,0 %"], Line("Subdirección de Energía"));
        // Información: Adriana, Daniel (agreed), Valentina, Leidy, Sara (new); Édgar is de carrera. 1 of 5 = 20,0 %.
        Assert.Equal(["Grupo Interno de Trabajo de Información", "5", "0", "4", "0", "0", "1", "0", "20,0 %"], Line("Grupo Interno de Trabajo de Información"));
        Assert.Equal("1", Line("Secretaría General")[5]); // Paola, in acceptance

        // The entity: the 29 eligible servants of the demo, 2 agreed = 6,9 %.
        var total = summary[^1];
        Assert.Equal(["Total entidad", "29", "1", "24", "1", "1", "2", "0", "6,9 %"], total);
        // The lines add up to the total.
        for (var c = 1; c <= 7; c++)
            Assert.Equal(int.Parse(total[c], Es), summary.Take(summary.Count - 1).Sum(r => int.Parse(r[c], Es)));
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_the_dependencia_filter_also_the_summary()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var energia = await App.WithDbAsync(d => d.Dependencies.Where(x => x.Code == "300").Select(x => x.Id).SingleAsync());

        var notStarted = HtmlTables.Rows(await PageAsync(hr, $"{Url}?estado=sin-iniciar"), "servidores");
        Assert.Equal([Stage1App.Brayan], notStarted.Select(r => r[0]));

        var byText = HtmlTables.Rows(await PageAsync(hr, $"{Url}?q=salazar"), "servidores");
        Assert.Equal([Stage1App.Camila], byText.Select(r => r[0]));
        var byDocument = HtmlTables.Rows(await PageAsync(hr, $"{Url}?q=1.024.567.890"), "servidores");
        Assert.Equal([Stage1App.Daniel], byDocument.Select(r => r[0]));

        var html = await PageAsync(hr, $"{Url}?dependencia={energia}");
        Assert.Equal(5, HtmlTables.Rows(html, "servidores").Count);
        Assert.All(HtmlTables.Rows(html, "servidores"), r => Assert.Equal("Subdirección de Energía", r[3]));
        var summary = HtmlTables.Rows(html, "resumen");
        Assert.Equal(2, summary.Count);
        Assert.Equal(["Total", "5", "1", "3", "1", "0", "0", "0", "0,0 %"], summary[1]);

        var none = await PageAsync(hr, $"{Url}?dependencia={energia}&estado=concertadas");
        Assert.Contains("Ningún servidor cumple los filtros.", HtmlTables.Text(none), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_xlsx_has_the_same_rows_and_summary_as_the_screen_and_the_export_is_audited()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        foreach (var query in new[] { "", "?estado=formulacion", "?q=rodriguez" })
        {
            var html = await PageAsync(hr, Url + query);
            var screenRows = HtmlTables.Rows(html, "servidores");
            var screenSummary = HtmlTables.Rows(html, "resumen");
            Assert.NotEmpty(screenRows);

            var exportsBefore = await AuditCountAsync("Exportar");
            var fields = new Dictionary<string, string> { ["vigencia"] = fixture.PeriodId.ToString(CultureInfo.InvariantCulture) };
            foreach (var (k, v) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)) fields[k] = v.ToString();
            var response = await hr.PostFormAsync($"{Url}?handler=Xlsx", fields, getUrl: Url + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("etapa1-2026.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal(exportsBefore + 1, await AuditCountAsync("Exportar"));

            using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(["Servidores", "Resumen por dependencia"], MiniExcel.GetSheetNames(file));

            var sheetRows = file.Query(useHeaderRow: true, sheetName: "Servidores").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(screenRows.Count, sheetRows.Count);
            for (var i = 0; i < screenRows.Count; i++)
                Assert.Equal(screenRows[i], ServantCells(sheetRows[i]));

            var sheetSummary = file.Query(useHeaderRow: true, sheetName: "Resumen por dependencia").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(screenSummary.Count, sheetSummary.Count);
            for (var i = 0; i < screenSummary.Count; i++)
                Assert.Equal(screenSummary[i], SummaryCells(sheetSummary[i]));
        }

        var exported = await App.WithDbAsync(d => d.AuditEntries.Where(a => a.Action == "Exportar" && a.EntityType == "Informe etapa 1").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(fixture.PeriodId.ToString(CultureInfo.InvariantCulture), exported.EntityId);
        Assert.Contains("búsqueda «rodriguez»", exported.Summary, StringComparison.Ordinal);
        Assert.Equal(Accounts.TalentoHumano, exported.UserName);
    }

    /// <summary>A row of the sheet «Servidores» written the way the screen shows it.</summary>
    private static IReadOnlyList<string> ServantCells(IDictionary<string, object?> r)
    {
        static string Date(object? v) => v is DateTime d ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : v is null ? "—" : $"no es fecha: {v}";
        static string Int(object? v) => v is double or long or int or decimal && Convert.ToDecimal(v, CultureInfo.InvariantCulture) is var d && d == decimal.Truncate(d)
            ? ((int)d).ToString(Es) : $"no es número: {v} ({v?.GetType().Name})";
        return
        [
            (string)r["Documento"]!, (string)r["Nombre"]!, (string)r["Empleo"]!, (string)r["Dependencia"]!, (string)r["Evaluador"]!,
            (string)r["Estado"]!, (string)r["Etapa 1"]!, r["En espera de"] as string ?? "—",
            Date(r["Fecha de envío de metas"]), Date(r["Fecha de aprobación o modificación"]), Date(r["Fecha de aceptación"]),
            Int(r["Número de metas"]), Int(r["Rondas"]), Int(r["No aceptar"]),
        ];
    }

    /// <summary>A line of the sheet «Resumen por dependencia»; the percentage is a number (0,333 = 33,3 %).</summary>
    private static IReadOnlyList<string> SummaryCells(IDictionary<string, object?> r)
    {
        static string Int(object? v) => v is double or long or int or decimal && Convert.ToDecimal(v, CultureInfo.InvariantCulture) is var d && d == decimal.Truncate(d)
            ? ((int)d).ToString(Es) : $"no es número: {v} ({v?.GetType().Name})";
        var percent = r["% concertadas"] is double p ? ((decimal)p * 100m).ToString("0.0", Es) + " %" : $"no es número: {r["% concertadas"]}";
        return
        [
            (string)r["Dependencia"]!, Int(r["Servidores"]), Int(r["Sin iniciar"]), Int(r["Formulación"]), Int(r["Aprobación"]),
            Int(r["Aceptación"]), Int(r["Concertadas"]), Int(r["Cerradas sin concertar"]), percent,
        ];
    }

    [Fact]
    public async Task Each_view_of_the_report_is_audited_and_Consulta_may_read_and_download()
    {
        var before = await AuditCountAsync("Consultar");
        var consulta = await App.SignedInAsync(Accounts.Consulta);
        var html = await PageAsync(consulta);
        Assert.Contains("Descargar .xlsx", html, StringComparison.Ordinal);
        Assert.Equal(before + 1, await AuditCountAsync("Consultar"));
        var read = await App.WithDbAsync(d => d.AuditEntries.Where(a => a.Action == "Consultar" && a.EntityType == "Informe etapa 1").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(Accounts.Consulta, read.UserName);
        Assert.Equal(fixture.PeriodId.ToString(CultureInfo.InvariantCulture), read.EntityId);

        var response = await consulta.PostFormAsync($"{Url}?handler=Xlsx", new() { ["vigencia"] = fixture.PeriodId.ToString(CultureInfo.InvariantCulture) }, getUrl: Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_period_in_preparation_lists_every_eligible_servant_as_not_started()
    {
        var id = await App.WithDbAsync(async d =>
        {
            var p = await d.Periods.FirstOrDefaultAsync(x => x.Year == 2027);
            if (p is null)
            {
                p = Period.CreateWithDefaults(2027);
                d.Periods.Add(p);
                await d.SaveChangesAsync();
            }
            return p.Id;
        });
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);

        // The default is the newest open period, not the newest one.
        Assert.Contains("<strong>Vigencia 2026</strong>", await PageAsync(hr), StringComparison.Ordinal);

        var html = await PageAsync(hr, $"{Url}?vigencia={id}");
        Assert.Contains("<strong>Vigencia 2027</strong>", html, StringComparison.Ordinal);
        var rows = HtmlTables.Rows(html, "servidores");
        Assert.Equal(29, rows.Count);
        Assert.All(rows, r => Assert.Equal("Sin iniciar", r[6]));
        Assert.Equal(["Total entidad", "29", "29", "0", "0", "0", "0", "0", "0,0 %"], HtmlTables.Rows(html, "resumen")[^1]);
    }

    [Theory]
    [InlineData("?vigencia=abc", "La «Vigencia» elegida no existe")]
    [InlineData("?vigencia=99999", "La «Vigencia» elegida no existe")]
    [InlineData("?vigencia=-1", "La «Vigencia» elegida no existe")]
    [InlineData("?dependencia=99999", "La «Dependencia» elegida no existe")]
    [InlineData("?dependencia=%27%3B--", "La «Dependencia» elegida no existe")]
    [InlineData("?estado=terminadas", "El «Estado de la etapa 1» elegido no existe")]
    public async Task A_bad_period_or_filter_shows_a_spanish_message_instead_of_failing(string query, string message)
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var reads = await AuditCountAsync("Consultar");
        var html = await PageAsync(hr, Url + query);
        Assert.Contains(message, HtmlTables.Text(html), StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.False(HtmlTables.HasTable(html, "servidores"));
        Assert.Equal(reads, await AuditCountAsync("Consultar")); // nothing was shown, nothing recorded

        var exports = await AuditCountAsync("Exportar");
        var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        var response = await hr.PostFormAsync($"{Url}?handler=Xlsx", fields, getUrl: Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, HtmlTables.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(exports, await AuditCountAsync("Exportar"));
    }

    [Fact]
    public async Task A_search_text_that_is_too_long_is_refused_with_a_message()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await PageAsync(hr, $"{Url}?q={new string('a', 101)}");
        Assert.Contains("La «Búsqueda» admite máximo 100 caracteres.", HtmlTables.Text(html), StringComparison.Ordinal);
        Assert.False(HtmlTables.HasTable(html, "servidores"));
    }

    [Fact]
    public async Task Anonymous_people_are_sent_to_sign_in()
    {
        var anonymous = App.NewClient();
        var response = await anonymous.GetAsync(Url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        var post = await anonymous.PostAsync($"{Url}?handler=Xlsx", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
    }

    [Theory]
    [InlineData("evaluado")]
    [InlineData("jefe")]
    [InlineData("planeacion")]
    public async Task Evaluados_jefes_and_planeacion_get_403_and_no_data(string who)
    {
        var email = who switch
        {
            "evaluado" => Accounts.Evaluado,
            "jefe" => Accounts.Jefe,
            _ => Accounts.Planeacion,
        };
        var client = await App.SignedInAsync(email);
        var reads = await AuditCountAsync("Consultar");
        var response = await client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(Stage1App.Daniel, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var post = await client.PostAsync($"{Url}?handler=Xlsx", new FormUrlEncodedContent(new Dictionary<string, string> { ["vigencia"] = fixture.PeriodId.ToString(CultureInfo.InvariantCulture) }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(reads, await AuditCountAsync("Consultar"));
    }
}

public sealed class Stage1ReportTestsSqlite(Stage1SqliteApp fixture) : Stage1ReportTests(fixture), IClassFixture<Stage1SqliteApp>;

public sealed class Stage1ReportTestsPostgres(Stage1PostgresApp fixture) : Stage1ReportTests(fixture), IClassFixture<Stage1PostgresApp>;
