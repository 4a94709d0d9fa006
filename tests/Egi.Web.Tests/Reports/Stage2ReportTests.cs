using System.Globalization;
using System.Net;
using Egi.Domain.Competencies;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Egi.Web.Tests.Reports;

/// <summary>
/// The demo period open with: Camila Salazar (Energía) Finalizada (goals 60/40, follow-up I 30/20 of 40/40 agreed,
/// follow-up II 90/75, competencies Siempre except «Trabajo en equipo» Frecuentemente); Laura Herrera (Planeación)
/// with the first follow-up accepted (30/20); Santiago Bermúdez (Energía) in Autoevaluación I; everyone else in
/// Formulación de metas. The first-follow-up score of Camila and Laura is 60×30/40 + 40×20/40 = 65,00.
/// </summary>
public abstract class ConsolidationApp(Db db) : IAsyncLifetime
{
    public const string Camila = EvaluationScenario.Camila;
    public const string Laura = EvaluationScenario.Laura;
    public const string Santiago = EvaluationScenario.Santiago;

    private static readonly Actor TalentoHumano = new("th-prueba", null, "Talento Humano (prueba)", IsTalentoHumano: true);

    public EgiAppFactory App { get; } = new(db);
    public int PeriodId { get; private set; }

    /// <summary>The opened demo period, to move an evaluation further (tests that need the figures to change).</summary>
    public EvaluationScenario Scenario { get; private set; } = null!;

    /// <summary>Camila's scores as <see cref="ScoringPolicy"/> computes them from the saved evaluation.</summary>
    public ScoreBreakdown CamilaScore { get; private set; } = null!;

    public static List<GoalProgress> Progress(int followUp, params int[] achieved) =>
        achieved.Select((a, i) => new GoalProgress { FollowUp = followUp, GoalNumber = i + 1, AchievedPercent = a, Narrative = $"Avance de la meta {i + 1}" }).ToList();

    public async Task InitializeAsync()
    {
        var s = await EvaluationScenario.OpenAsync(App);
        PeriodId = s.PeriodId;
        Scenario = s;

        await CompetencyWalk.ToCompetencyRatingAsync(s, Camila);
        var applicable = CompetencyCatalogue.Default().Applicable(HierarchyLevel.Profesional, hasStaff: false);
        var ratings = applicable.Select(c => new CompetencyScore { Competency = c, Value = c == "Trabajo en equipo" ? 3 : 4 }).ToList();
        await s.ActAsync(Camila, (e, p) => e.RateCompetencies(p.Evaluator, ratings, applicable, p.Context));
        await s.ActAsync(Camila, (e, p) => e.AcceptFinal(p.Evaluado, p.Context));

        await s.ActAsync(Laura, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await s.ActAsync(Laura, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await s.ActAsync(Laura, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        await s.ActAsync(Laura, (e, p) => e.ReopenStep(TalentoHumano, EvaluationStep.FollowUpI, s.Today.AddDays(30), "Prueba: primer seguimiento", p.Context));
        await s.ActAsync(Laura, (e, p) => e.SubmitSelfEvaluation(p.Evaluado, 1, Progress(1, 30, 20), p.Context));
        await s.ActAsync(Laura, (e, p) => e.ApproveSelfEvaluation(p.Evaluator, 1, p.Context));
        await s.ActAsync(Laura, (e, p) => e.AcceptSelfEvaluation(p.Evaluado, p.Context));

        await s.ActAsync(Santiago, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
        await s.ActAsync(Santiago, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await s.ActAsync(Santiago, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        await s.ActAsync(Santiago, (e, p) => e.ReopenStep(TalentoHumano, EvaluationStep.FollowUpI, s.Today.AddDays(30), "Prueba: primer seguimiento", p.Context));

        var camila = await s.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.Finalized, camila.State);
        var period = await App.WithDbAsync(d => d.Periods.AsNoTracking().SingleAsync(p => p.Id == PeriodId));
        CamilaScore = new ScoringPolicy(period.Settings).Score(camila);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-CO");

    public static string Score(decimal v) => v.ToString("0.00", Es);

    public async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public Task<int> AuditCountAsync(string action, string entity) =>
        App.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == action && a.EntityType == entity));

    /// <summary>Downloads the .xlsx and returns its two sheets as the screen shows them (numbers formatted es-CO).</summary>
    public async Task<(List<List<string>> Servants, List<List<string>> Summary, string FileName)> XlsxAsync(HttpClient client, string url, Func<string, object?, string> format)
    {
        var (sheets, name) = await SheetsAsync(client, url, format);
        Assert.Equal(["Servidores", "Resumen por dependencia"], sheets.Keys);
        return (sheets["Servidores"], sheets["Resumen por dependencia"], name);
    }

    /// <summary>Downloads the .xlsx of the report and returns every sheet, in order, as the screen shows it.</summary>
    public async Task<(Dictionary<string, List<List<string>>> Sheets, string FileName)> SheetsAsync(HttpClient client, string url, Func<string, object?, string> format)
    {
        var response = await client.PostFormAsync($"{url}?handler=Xlsx", new() { ["vigencia"] = PeriodId.ToString(CultureInfo.InvariantCulture) }, getUrl: url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "";
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheets = new Dictionary<string, List<List<string>>>();
        foreach (var sheet in MiniExcel.GetSheetNames(file))
        {
            file.Position = 0;
            sheets[sheet] = file.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()
                .Select(r => r.Select(kv => format(kv.Key, kv.Value)).ToList()).ToList();
        }
        return (sheets, name);
    }

    /// <summary>A cell written the way the screen shows it.</summary>
    public static string Cell(object? v, bool percent = false) => v switch
    {
        null => "—",
        string s => s,
        DateTime d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        double p when percent => ((decimal)p * 100m).ToString("0.0", Es) + " %",
        _ => Convert.ToDecimal(v, CultureInfo.InvariantCulture).ToString("0.00", Es),
    };

    public async Task RefusedAsync(string url, string entity)
    {
        var anonymous = App.NewClient();
        var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        var anonymousPost = await anonymous.PostAsync($"{url}?handler=Xlsx", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.Redirect, anonymousPost.StatusCode);

        foreach (var email in new[] { Accounts.Evaluado, Accounts.Jefe, Accounts.Planeacion })
        {
            var client = await App.SignedInAsync(email);
            var reads = await AuditCountAsync("Consultar", entity);
            var get = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
            Assert.DoesNotContain(Laura, await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var post = await client.PostAsync($"{url}?handler=Xlsx", new FormUrlEncodedContent(new Dictionary<string, string> { ["vigencia"] = PeriodId.ToString(CultureInfo.InvariantCulture) }));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
            Assert.Equal(reads, await AuditCountAsync("Consultar", entity));
        }
    }
}

public sealed class ConsolidationSqliteApp() : ConsolidationApp(Db.Sqlite);

public sealed class ConsolidationPostgresApp() : ConsolidationApp(Db.Postgres);

/// <summary>Activity 11: the first follow-up consolidated, on screen and as .xlsx, for Talento Humano and Consulta only.</summary>
public abstract class Stage2ReportTests(ConsolidationApp fixture)
{
    private const string Url = "/Reports/Stage2";
    private const string Entity = "Informe etapa 2";
    private EgiAppFactory App => fixture.App;

    [Fact]
    public async Task The_screen_shows_the_first_follow_up_state_dates_and_score_of_each_servant()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await fixture.PageAsync(hr, Url);
        var rows = HtmlTables.Rows(html, "servidores");
        Assert.Equal(29, rows.Count);

        // Documento, Nombre, Empleo, Dependencia, Evaluador, Estado, Etapa 2, En espera de, Envío, Aprobación, Aceptación,
        // Calificación, Alerta temprana (65,00 is in the No satisfactorio band, ≤ 65: both accepted ones are early warnings)
        var laura = rows.Single(r => r[0] == ConsolidationApp.Laura);
        Assert.Equal("Oficina Asesora de Planeación", laura[3]);
        Assert.Equal(["Autoevaluación II", "Seguimiento I aceptado", "—", "24/11/2026", "24/11/2026", "24/11/2026", "65,00", "Sí"], laura.Skip(5));
        Assert.Equal(["Finalizada", "Seguimiento I aceptado", "—"], rows.Single(r => r[0] == ConsolidationApp.Camila).Skip(5).Take(3));
        Assert.Equal(["65,00", "Sí"], rows.Single(r => r[0] == ConsolidationApp.Camila).Skip(11));
        Assert.Equal(["Autoevaluación I", "Autoevaluación I en curso", "Evaluado", "—", "—", "—", "—", "—"], rows.Single(r => r[0] == ConsolidationApp.Santiago).Skip(5));
        var other = rows.Single(r => r[0] == "1024567890"); // Daniel Quiroga, goals not agreed
        Assert.Equal(["Formulación de metas", "Sin iniciar/Metas sin concertar", "Evaluado", "—", "—", "—", "—", "—"], other.Skip(5));

        Assert.Contains("href=\"/Reports/Stage1\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Reports/Annual\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_counts_each_bucket_per_dependencia_with_the_percentage_accepted_and_the_average_score()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await fixture.PageAsync(hr, Url);
        Assert.Equal(["Dependencia", "Servidores", "Sin iniciar/Metas sin concertar", "Autoevaluación I en curso", "Seguimiento I aceptado", "No aplica (ingreso posterior)", "% seguimiento I aceptado", "Promedio primer seguimiento", "Alertas tempranas"],
            HtmlTables.Headers(html, "resumen"));
        var summary = HtmlTables.Rows(html, "resumen");
        Assert.Equal(["Subdirección de Energía", "5", "3", "1", "1", "0", "20,0 %", "65,00", "1"], summary.Single(r => r[0] == "Subdirección de Energía"));
        Assert.Equal(["Oficina Asesora de Planeación", "3", "2", "0", "1", "0", "33,3 %", "65,00", "1"], summary.Single(r => r[0] == "Oficina Asesora de Planeación"));
        Assert.Equal(["Secretaría General"], summary.Single(r => r[0] == "Secretaría General").Take(1));
        Assert.Equal(["—", "0"], summary.Single(r => r[0] == "Secretaría General").Skip(7));
        Assert.Equal(["Total entidad", "29", "26", "1", "2", "0", "6,9 %", "65,00", "2"], summary[^1]);
    }

    [Fact]
    public async Task The_xlsx_equals_the_screen_and_reads_and_exports_are_audited()
    {
        var consulta = await App.SignedInAsync(Accounts.Consulta);
        var reads = await fixture.AuditCountAsync("Consultar", Entity);
        var html = await fixture.PageAsync(consulta, Url);
        Assert.Equal(reads + 1, await fixture.AuditCountAsync("Consultar", Entity));

        var exports = await fixture.AuditCountAsync("Exportar", Entity);
        var (servants, summary, name) = await fixture.XlsxAsync(consulta, Url, (column, v) =>
            column is "Servidores" or "Sin iniciar/Metas sin concertar" or "Autoevaluación I en curso" or "Seguimiento I aceptado" or "No aplica (ingreso posterior)"
                or "Alertas tempranas"
                ? Convert.ToInt32(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
                : ConsolidationApp.Cell(v, percent: column.StartsWith('%')));
        Assert.Equal("etapa2-2026.xlsx", name);
        Assert.Equal(exports + 1, await fixture.AuditCountAsync("Exportar", Entity));
        Assert.Equal(HtmlTables.Rows(html, "servidores"), servants);
        Assert.Equal(HtmlTables.Rows(html, "resumen"), summary);
    }

    [Theory]
    [InlineData("/Reports/Stage2?vigencia=abc", "La «Vigencia» elegida no existe")]
    [InlineData("/Reports/Annual?vigencia=99999", "La «Vigencia» elegida no existe")]
    [InlineData("/Reports/Stage2?dependencia=%27%3B--", "La «Dependencia» elegida no existe")]
    [InlineData("/Reports/Annual?dependencia=99999", "La «Dependencia» elegida no existe")]
    [InlineData("/Reports/Stage2?alertas=todas", "«Solo alertas tempranas» se marca o se deja sin marcar")]
    public async Task A_bad_period_or_dependencia_shows_a_spanish_message_and_nothing_is_recorded(string url, string message)
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var entity = url.Contains("Annual", StringComparison.Ordinal) ? "Informe anual" : Entity;
        var reads = await fixture.AuditCountAsync("Consultar", entity);
        var html = await fixture.PageAsync(hr, url);
        Assert.Contains(message, HtmlTables.Text(html), StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.False(HtmlTables.HasTable(html, "servidores"));
        Assert.Equal(reads, await fixture.AuditCountAsync("Consultar", entity));
    }

    [Fact]
    public async Task The_dependencia_filter_narrows_the_list_and_the_summary()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var energia = await App.WithDbAsync(d => d.Dependencies.Where(x => x.Code == "300").Select(x => x.Id).SingleAsync());
        var html = await fixture.PageAsync(hr, $"{Url}?dependencia={energia}");
        Assert.All(HtmlTables.Rows(html, "servidores"), r => Assert.Equal("Subdirección de Energía", r[3]));
        Assert.Equal(["Total", "5", "3", "1", "1", "0", "20,0 %", "65,00", "1"], HtmlTables.Rows(html, "resumen")[^1]);
    }

    /// <summary>
    /// SPEC §4, the first follow-up «for early warnings»: «Solo alertas tempranas» lists only the servants whose accepted
    /// first follow-up is in the No satisfactorio band (the stored fact), with the dependencia too; the summary stays the
    /// dependencias' (the check box only narrows the list), and the .xlsx of that view lists the same servants.
    /// </summary>
    [Fact]
    public async Task The_early_warnings_filter_lists_only_them_and_the_download_of_that_view_too()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await fixture.PageAsync(hr, $"{Url}?alertas=1");
        Assert.Equal([ConsolidationApp.Camila, ConsolidationApp.Laura], HtmlTables.Rows(html, "servidores").Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.All(HtmlTables.Rows(html, "servidores"), r => Assert.Equal("Sí", r[12]));
        Assert.Matches(@"Servidores de la Vigencia 2026: 2\s*</caption>", html);
        Assert.Contains("solo alertas tempranas del primer seguimiento", html, StringComparison.Ordinal);
        Assert.Matches("<input[^>]*id=\"alertas\"[^>]*checked", html);
        Assert.Equal("2", HtmlTables.Rows(html, "resumen")[^1][^1]);
        Assert.Equal("29", HtmlTables.Rows(html, "resumen")[^1][1]);

        var energia = await App.WithDbAsync(d => d.Dependencies.Where(x => x.Code == "300").Select(x => x.Id).SingleAsync());
        html = await fixture.PageAsync(hr, $"{Url}?dependencia={energia}&alertas=1");
        Assert.Equal([ConsolidationApp.Camila], HtmlTables.Rows(html, "servidores").Select(r => r[0]));

        var secretaria = await App.WithDbAsync(d => d.Dependencies.Where(x => x.Code == "200").Select(x => x.Id).SingleAsync());
        html = await fixture.PageAsync(hr, $"{Url}?dependencia={secretaria}&alertas=1");
        Assert.False(HtmlTables.HasTable(html, "servidores"));
        Assert.Contains("Ningún servidor cumple los filtros.", html, StringComparison.Ordinal);

        var response = await hr.PostFormAsync($"{Url}?handler=Xlsx", new() { ["vigencia"] = fixture.PeriodId.ToString(CultureInfo.InvariantCulture), ["alertas"] = "1" }, getUrl: Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("etapa2-2026-alertas.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var servants = file.Query(useHeaderRow: true, sheetName: "Servidores").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal([ConsolidationApp.Camila, ConsolidationApp.Laura], servants.Select(r => (string)r["Documento"]!).Order(StringComparer.Ordinal));
        Assert.All(servants, r => Assert.Equal("Sí", r["Alerta temprana"]));
    }

    [Fact]
    public async Task Anonymous_is_sent_to_sign_in_and_evaluados_jefes_and_planeacion_get_403() =>
        await fixture.RefusedAsync(Url, Entity);
}

public sealed class Stage2ReportTestsSqlite(ConsolidationSqliteApp fixture) : Stage2ReportTests(fixture), IClassFixture<ConsolidationSqliteApp>;

public sealed class Stage2ReportTestsPostgres(ConsolidationPostgresApp fixture) : Stage2ReportTests(fixture), IClassFixture<ConsolidationPostgresApp>;
