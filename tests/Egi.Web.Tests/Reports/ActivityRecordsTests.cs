using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Common;
using Egi.Domain.Competencies;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Evaluations;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Egi.Web.Tests.Reports.RecordsApp;

namespace Egi.Web.Tests.Reports;

/// <summary>
/// The year the record tests read: Camila's whole evaluation with a modification of her goals, a modification of her
/// first follow-up, a rejection of her second and her competencies rated; Laura's goals rejected and sent again. Texts
/// that a spreadsheet would take for a formula are written in a goal, a narrative, a justification, a reason and a comment.
/// </summary>
public abstract class RecordsApp(Db db) : IAsyncLifetime
{
    public const string Camila = EvaluationScenario.Camila;
    public const string Laura = EvaluationScenario.Laura;
    public const string Felipe = "Felipe Antonio Navarro Restrepo";
    public const string GoalProbe = "=1+1 Elaborar el informe anual de la dependencia";
    public const string NarrativeProbe = "@SUM(1) avance con actas y soportes";
    public const string JustificationProbe = "+Los soportes no alcanzan el 30 %";
    public const string ReasonProbe = "-Falta la evidencia de la meta 2";
    public const string CommentProbe = "=HYPERLINK(\"http://x.example/\",\"clic\")";
    public static readonly DateTime Day = new(2026, 11, 24);

    private static readonly Actor TalentoHumano = new("th-prueba", null, "Talento Humano (prueba)", IsTalentoHumano: true);

    public EgiAppFactory App { get; } = new(db);
    public int PeriodId { get; private set; }

    public async Task InitializeAsync()
    {
        var s = await EvaluationScenario.OpenAsync(App);
        PeriodId = s.PeriodId;
        await WalkCamilaAsync(s);

        await s.ActAsync(Laura, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
        await s.ActAsync(Laura, (e, p) => e.RejectGoals(p.Evaluator, ReasonProbe, p.Context));
        await s.ActAsync(Laura, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    private static List<GoalProgress> Progress(int followUp, params (int Achieved, string Narrative)[] goals) =>
        goals.Select((g, i) => new GoalProgress { FollowUp = followUp, GoalNumber = i + 1, AchievedPercent = g.Achieved, Narrative = g.Narrative }).ToList();

    /// <summary>Camila from formulation to the final acceptance, with a modification, a rejection and a modification.</summary>
    public static async Task WalkCamilaAsync(EvaluationScenario s)
    {
        var goals = EvaluationScenario.Goals(60, 40).Select(g => g.Number == 1 ? g with { Description = GoalProbe } : g).ToList();
        await s.ActAsync(Camila, (e, p) => e.SubmitGoals(p.Evaluado, goals, p.Context));
        var modified = goals.Select(g => g with { Weight = g.Number == 1 ? 70 : 30 }).ToList();
        await s.ActAsync(Camila, (e, p) => e.ModifyGoals(p.Evaluator, modified,
            new Dictionary<string, string> { ["1.Weight"] = "La meta 1 es la principal del año", ["2.Weight"] = "Menor alcance" }, p.Context));
        await s.ActAsync(Camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));

        await s.ActAsync(Camila, (e, p) => e.ReopenStep(TalentoHumano, EvaluationStep.FollowUpI, s.Today.AddDays(30), "Prueba: primer seguimiento", p.Context));
        await s.ActAsync(Camila, (e, p) => e.SubmitSelfEvaluation(p.Evaluado, 1, Progress(1, (30, NarrativeProbe), (20, "Avance de la meta 2")), p.Context));
        await s.ActAsync(Camila, (e, p) => e.ModifySelfEvaluation(p.Evaluator, 1, Progress(1, (25, NarrativeProbe), (20, "Avance de la meta 2")),
            new Dictionary<string, string> { ["1.AchievedPercent"] = JustificationProbe }, p.Context));
        await s.ActAsync(Camila, (e, p) => e.AcceptSelfEvaluation(p.Evaluado, p.Context));

        await s.ActAsync(Camila, (e, p) => e.ReopenStep(TalentoHumano, EvaluationStep.FollowUpII, s.Today.AddDays(30), "Prueba: segundo seguimiento", p.Context));
        await s.ActAsync(Camila, (e, p) => e.SubmitSelfEvaluation(p.Evaluado, 2, Progress(2, (90, "Informe publicado"), (75, "Tres de cuatro talleres")), p.Context));
        await s.ActAsync(Camila, (e, p) => e.RejectSelfEvaluation(p.Evaluator, 2, "Adjunte el informe final", p.Context));
        await s.ActAsync(Camila, (e, p) => e.SubmitSelfEvaluation(p.Evaluado, 2, Progress(2, (90, "Informe publicado"), (80, "Tres talleres y el material")), p.Context));
        await s.ActAsync(Camila, (e, p) => e.ApproveSelfEvaluation(p.Evaluator, 2, p.Context));

        var applicable = CompetencyCatalogue.Default().Applicable(HierarchyLevel.Profesional, hasStaff: false).ToList();
        var ratings = applicable.Select(c => new CompetencyScore
        {
            Competency = c,
            Value = c == "Trabajo en equipo" ? 3 : 4,
            Comment = c == "Trabajo en equipo" ? CommentProbe : null,
        }).ToList();
        await s.ActAsync(Camila, (e, p) => e.RateCompetencies(p.Evaluator, ratings, applicable, p.Context));
        await s.ActAsync(Camila, (e, p) => e.AcceptFinal(p.Evaluado, p.Context));
    }

    public Task<int> AuditCountAsync(string action) =>
        App.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == action && a.EntityType == "Reporte Excel del sistema"));

    public async Task<HttpResponseMessage> PostAsync(HttpClient client, string handler) =>
        await client.PostFormAsync($"/Reports/Records?handler={handler}",
            new() { ["vigencia"] = PeriodId.ToString(CultureInfo.InvariantCulture) }, getUrl: "/Reports/Records");

    /// <summary>Downloads a record: its file name and every sheet as rows of header → value, after checking that no sheet has a formula.</summary>
    public async Task<(string Name, Dictionary<string, List<IDictionary<string, object?>>> Sheets)> DownloadAsync(HttpClient client, string handler)
    {
        var response = await PostAsync(client, handler);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "";
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                Assert.DoesNotMatch(new Regex("<(?:\\w+:)?f[\\s>/]"), reader.ReadToEnd());
            }
        }
        using var file = new MemoryStream(bytes);
        var sheets = new Dictionary<string, List<IDictionary<string, object?>>>();
        foreach (var sheet in MiniExcel.GetSheetNames(file))
        {
            file.Position = 0;
            sheets[sheet] = file.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
        }
        return (name, sheets);
    }
}

public sealed class RecordsSqliteApp() : RecordsApp(Db.Sqlite);

public sealed class RecordsPostgresApp() : RecordsApp(Db.Postgres);

/// <summary>
/// Issue 13, item 6: the «Reporte Excel del sistema» of activities 4–6, 8–10 and 12–15 — the agreed goals, the
/// self-evaluations with the evaluator's answer and changes, the competency ratings — per period, as .xlsx, for
/// Talento Humano and Consulta only, every download audited and every text kept as text.
/// </summary>
public abstract class ActivityRecordsTests(RecordsApp fixture)
{
    private EgiAppFactory App => fixture.App;

    private static IDictionary<string, object?> Row(IEnumerable<IDictionary<string, object?>> rows, string document, Func<IDictionary<string, object?>, bool>? where = null) =>
        Assert.Single(rows, r => (string?)r["Documento"] == document && (where is null || where(r)));

    private static decimal Number(object? v) => Convert.ToDecimal(v, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_goals_record_has_each_agreed_goal_every_round_and_every_change_of_the_evaluator()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var exports = await fixture.AuditCountAsync("Exportar");
        var (name, sheets) = await fixture.DownloadAsync(hr, "Goals");
        Assert.Equal("registro-metas-2026.xlsx", name);
        Assert.Equal(exports + 1, await fixture.AuditCountAsync("Exportar"));
        Assert.Equal(["Metas", "Rondas", "Cambios del evaluador"], sheets.Keys);

        // Only the goals that were sent: Camila's (agreed) and Laura's (sent twice), two goals each.
        var goals = sheets["Metas"];
        Assert.Equal([Camila, Camila, Laura, Laura], goals.Select(r => (string)r["Documento"]!).Order());
        var first = Row(goals, Camila, r => Number(r["Meta n.º"]) == 1);
        Assert.Equal(GoalProbe, first["Meta"]);
        Assert.Equal(0.7m, Number(first["Peso"]));
        Assert.Equal(0.4m, Number(first["% pactado para el primer seguimiento"]));
        Assert.Equal(new DateTime(2026, 12, 10), first["Fecha de cumplimiento"]);
        Assert.Equal(Felipe, first["Evaluador"]);
        Assert.Equal("Finalizada", first["Estado"]);
        Assert.Equal("Modificación del evaluador", first["Versión vigente"]);
        Assert.Equal(1m, Number(first["Rondas"]));
        Assert.Equal(("Modificación", "Aceptación"), (first["Respuesta del evaluador"], first["Respuesta del evaluado"]));
        Assert.Equal([RecordsApp.Day, RecordsApp.Day, RecordsApp.Day], new[] { "Fecha de envío", "Fecha de aprobación o modificación", "Fecha de concertación" }.Select(c => first[c]));
        var laura = Row(goals, Laura, r => Number(r["Meta n.º"]) == 2);
        Assert.Equal(("Propuesta del evaluado", 2m, "Sin revisar", "Sin respuesta"),
            (laura["Versión vigente"], Number(laura["Rondas"]), laura["Respuesta del evaluador"], laura["Respuesta del evaluado"]));
        Assert.Null(laura["Fecha de concertación"]);

        var rounds = sheets["Rondas"];
        IEnumerable<(decimal, object?)> Actions(string document) => rounds.Where(r => (string?)r["Documento"] == document).Select(r => (Number(r["Ronda"]), r["Acción"]));
        Assert.Equal([(1m, "Enviar"), (1m, "Modificar"), (1m, "Aceptar")], Actions(Camila));
        Assert.Equal([(1m, "Enviar"), (1m, "Rechazar"), (2m, "Enviar")], Actions(Laura));
        var rejection = Row(rounds, Laura, r => (string?)r["Acción"] == "Rechazar");
        Assert.Equal((ReasonProbe, "Evaluador", RecordsApp.Day), (rejection["Motivo o comentario"], rejection["En calidad de"], rejection["Fecha"]));

        var changes = sheets["Cambios del evaluador"];
        Assert.Equal(
            [(1m, "Peso", "60 %", "70 %", "La meta 1 es la principal del año"), (2m, "Peso", "40 %", "30 %", "Menor alcance")],
            changes.Select(r => (Number(r["Meta n.º"]), r["Campo"], r["Antes"], r["Después"], r["Justificación"])));
        Assert.All(changes, r => Assert.Equal((Camila, Felipe, "Modificación del evaluador"), (r["Documento"], r["Quién"], r["Tipo de versión"])));
    }

    [Fact]
    public async Task The_self_evaluation_record_has_what_the_evaluado_sent_what_the_evaluator_changed_and_why()
    {
        var consulta = await App.SignedInAsync(Accounts.Consulta);
        var exports = await fixture.AuditCountAsync("Exportar");
        var (name, sheets) = await fixture.DownloadAsync(consulta, "SelfEvaluations");
        Assert.Equal("registro-autoevaluaciones-2026.xlsx", name);
        Assert.Equal(exports + 1, await fixture.AuditCountAsync("Exportar"));
        Assert.Equal(["Autoevaluaciones", "Rondas", "Cambios del evaluador"], sheets.Keys);

        var rows = sheets["Autoevaluaciones"];
        Assert.Equal(4, rows.Count); // Camila: two goals in each follow-up; Laura has not reached them
        var first = Row(rows, Camila, r => (string?)r["Seguimiento"] == "Primer seguimiento" && Number(r["Meta n.º"]) == 1);
        Assert.Equal((GoalProbe, 0.7m, 0.4m), (first["Meta"], Number(first["Peso"]), Number(first["% pactado para el primer seguimiento"])));
        Assert.Equal((0.3m, NarrativeProbe, 0.25m, NarrativeProbe),
            (Number(first["% logrado según el evaluado"]), first["Relato del evaluado"], Number(first["% logrado aprobado"]), first["Relato aprobado"]));
        Assert.Equal(("Modificación", "% logrado: " + JustificationProbe, "Aceptación"),
            (first["Respuesta del evaluador"], first["Justificación de los cambios"], first["Respuesta del evaluado"]));
        Assert.Equal([RecordsApp.Day, RecordsApp.Day, RecordsApp.Day], new[] { "Fecha de envío", "Fecha de aprobación o modificación", "Fecha de aceptación" }.Select(c => first[c]));
        var second = Row(rows, Camila, r => (string?)r["Seguimiento"] == "Segundo seguimiento" && Number(r["Meta n.º"]) == 2);
        Assert.Equal((0.8m, "Tres talleres y el material", 0.8m, "Aprobación", (string?)null, "Aceptación"),
            (Number(second["% logrado según el evaluado"]), second["Relato del evaluado"], Number(second["% logrado aprobado"]),
             second["Respuesta del evaluador"], second["Justificación de los cambios"], second["Respuesta del evaluado"]));

        var rounds = sheets["Rondas"].Select(r => ((string?)r["Seguimiento"], Number(r["Ronda"]), (string?)r["Acción"])).ToList();
        Assert.Equal(
            [("Primer seguimiento", 1m, "Enviar"), ("Primer seguimiento", 1m, "Modificar"), ("Primer seguimiento", 1m, "Aceptar"),
             ("Segundo seguimiento", 1m, "Enviar"), ("Segundo seguimiento", 1m, "Rechazar"), ("Segundo seguimiento", 2m, "Enviar"),
             ("Segundo seguimiento", 2m, "Aprobar"), ("Segundo seguimiento", 2m, "Calificar competencias"), ("Segundo seguimiento", 2m, "Aceptar")],
            rounds);
        Assert.Equal("Adjunte el informe final", Row(sheets["Rondas"], Camila, r => (string?)r["Acción"] == "Rechazar")["Motivo o comentario"]);

        var change = Assert.Single(sheets["Cambios del evaluador"]);
        Assert.Equal(("Primer seguimiento", 1m, "% logrado", "30 %", "25 %", JustificationProbe, Felipe),
            (change["Seguimiento"], Number(change["Meta n.º"]), change["Campo"], change["Antes"], change["Después"], change["Justificación"], change["Quién"]));
    }

    [Fact]
    public async Task The_competency_record_has_each_rating_with_the_scale_level_the_comment_who_rated_and_when()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var (name, sheets) = await fixture.DownloadAsync(hr, "Competencies");
        Assert.Equal("registro-competencias-2026.xlsx", name);
        var rows = Assert.Single(sheets).Value;
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.Equal((Camila, Felipe, RecordsApp.Day, "Aceptación"), (r["Documento"], r["Calificada por"], r["Fecha de calificación"], r["Respuesta del evaluado"])));
        var team = Row(rows, Camila, r => (string?)r["Competencia"] == "Trabajo en equipo");
        Assert.Equal((3m, "Frecuentemente", CommentProbe), (Number(team["Calificación"]), team["Nivel de la escala"], team["Comentario"]));
        Assert.Equal(9, rows.Count(r => (string?)r["Nivel de la escala"] == "Siempre" && r["Comentario"] is null));
    }

    [Fact]
    public async Task The_page_is_in_the_reports_menu_and_counts_what_each_record_covers()
    {
        var consulta = await App.SignedInAsync(Accounts.Consulta);
        var response = await consulta.GetAsync("/Reports/Stage1");
        Assert.Contains("href=\"/Reports/Records\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var html = WebUtility.HtmlDecode(await (await consulta.GetAsync("/Reports/Records")).Content.ReadAsStringAsync());
        Assert.Contains("<h1 class=\"h3 mb-3\">Reporte Excel del sistema</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Metas enviadas: 2", html, StringComparison.Ordinal);
        Assert.Contains("Metas concertadas: 1", html, StringComparison.Ordinal);
        Assert.Contains("Con competencias calificadas: 1", html, StringComparison.Ordinal);
        foreach (var handler in new[] { "Goals", "SelfEvaluations", "Competencies" })
            Assert.Contains($"?handler={handler}", html, StringComparison.Ordinal);

        var bad = await consulta.PostFormAsync("/Reports/Records?handler=Goals", new() { ["vigencia"] = "abc" }, getUrl: "/Reports/Records");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("La «Vigencia» elegida no existe: elija una de la lista.", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_is_sent_to_sign_in_and_evaluados_jefes_and_planeacion_get_403_without_an_audit_line()
    {
        var anonymous = App.NewClient();
        var get = await anonymous.GetAsync("/Reports/Records");
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.StartsWith("/Account/Login", get.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));

        var exports = await fixture.AuditCountAsync("Exportar");
        foreach (var email in new[] { Accounts.Evaluado, Accounts.Jefe, Accounts.Planeacion })
        {
            var client = await App.SignedInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Reports/Records")).StatusCode);
            foreach (var handler in new[] { "Goals", "SelfEvaluations", "Competencies" })
            {
                var post = await client.PostAsync($"/Reports/Records?handler={handler}",
                    new FormUrlEncodedContent(new Dictionary<string, string> { ["vigencia"] = fixture.PeriodId.ToString(CultureInfo.InvariantCulture) }));
                Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
            }
        }
        Assert.Equal(exports, await fixture.AuditCountAsync("Exportar"));
    }
}

public sealed class ActivityRecordsTestsSqlite(RecordsSqliteApp fixture) : ActivityRecordsTests(fixture), IClassFixture<RecordsSqliteApp>;

public sealed class ActivityRecordsTestsPostgres(RecordsPostgresApp fixture) : ActivityRecordsTests(fixture), IClassFixture<RecordsPostgresApp>;

/// <summary>
/// The records are read a batch of evaluations at a time, with set-based queries: each download costs the same number of
/// SQL commands with Camila alone as with <see cref="Added"/> more evaluations that have goals, both follow-ups and
/// competencies (no query per evaluation).
/// </summary>
public abstract class ActivityRecordsQueryCountTests(SharedHost host) : IAsyncLifetime
{
    private const int Added = 40;
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        await RecordsApp.WalkCamilaAsync(scenario);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Dictionary<string, (int Commands, long Bytes)>> CountAsync(HttpClient client)
    {
        var counts = new Dictionary<string, (int, long)>();
        foreach (var handler in new[] { "Goals", "SelfEvaluations", "Competencies" })
        {
            app.Queries.Reset();
            var response = await client.PostFormAsync($"/Reports/Records?handler={handler}",
                new() { ["vigencia"] = scenario.PeriodId.ToString(CultureInfo.InvariantCulture) }, getUrl: "/Reports/Records");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts[handler] = (app.Queries.Count, (await response.Content.ReadAsByteArrayAsync()).LongLength);
        }
        return counts;
    }

    [Fact]
    public async Task Each_download_costs_the_same_number_of_queries_with_many_more_evaluations()
    {
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        await CountAsync(th); // warm up
        var before = await CountAsync(th);

        await GrowAsync();
        var after = await CountAsync(th);
        foreach (var (handler, (n, bytes)) in before)
        {
            Assert.True(after[handler].Commands == n, $"{handler}: {n} SQL commands with one evaluation, {after[handler].Commands} with {Added} more");
            Assert.True(after[handler].Bytes > bytes, $"{handler}: the file should have grown with the added evaluations");
        }
    }

    /// <summary>
    /// Each record lists its evaluations in the order of the consolidation reports (dependencia, «apellidos, nombres»):
    /// the added «De Registro, Persona N» sort 0, 1, 10, 11… — not the order of their ids, which a query that lost the
    /// report's ordering would give.
    /// </summary>
    [Fact]
    public async Task Each_record_lists_its_evaluations_in_the_order_of_the_consolidation_reports()
    {
        await GrowAsync();
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var vigencia = scenario.PeriodId.ToString(CultureInfo.InvariantCulture);
        var report = await th.PostFormAsync("/Reports/Stage1?handler=Xlsx", new() { ["vigencia"] = vigencia }, getUrl: "/Reports/Stage1");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var order = Documents(await report.Content.ReadAsByteArrayAsync(), "Servidores");
        foreach (var (handler, sheet) in new[] { ("Goals", "Metas"), ("SelfEvaluations", "Autoevaluaciones"), ("Competencies", "Competencias") })
        {
            var response = await th.PostFormAsync($"/Reports/Records?handler={handler}", new() { ["vigencia"] = vigencia }, getUrl: "/Reports/Records");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var listed = Documents(await response.Content.ReadAsByteArrayAsync(), sheet);
            Assert.True(listed.Count > Added, $"{handler}: {listed.Count} evaluations listed");
            Assert.Equal(order.Where(listed.Contains), listed);
        }
    }

    /// <summary>The documents of a sheet, each once, in the order they first appear.</summary>
    private static List<string> Documents(byte[] xlsx, string sheet)
    {
        using var file = new MemoryStream(xlsx);
        return file.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()
            .Select(r => Convert.ToString(r["Documento"], CultureInfo.InvariantCulture)!).Distinct().ToList();
    }

    /// <summary>Adds servants under Felipe Navarro and walks each one's evaluation through the domain to the end.</summary>
    private async Task GrowAsync()
    {
        var felipe = await scenario.AddEvaluadosAsync(Added, "De Registro", 910000000, "registro");
        await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            var added = await d.Evaluations.Where(e => e.PeriodId == period.Id && e.EvaluatorId == felipe)
                .Join(d.Servants.Where(s => s.LastNames == "De Registro"), e => e.EvaluadoId, s => s.Id, (e, s) => e).ToListAsync();
            Assert.Equal(Added, added.Count);
            var ctx = new EvaluationContext(scenario.Today, app.Clock.GetUtcNow().UtcDateTime, period, new DateOnly(2020, 1, 1));
            var jefe = new Actor("", felipe, "Felipe Navarro");
            var th = new Actor("th-prueba", null, "Talento Humano (prueba)", IsTalentoHumano: true);
            var applicable = CompetencyCatalogue.Default().Applicable(HierarchyLevel.Profesional, hasStaff: false).ToList();
            foreach (var e in added)
            {
                var evaluado = new Actor("", e.EvaluadoId, "Persona");
                List<GoalProgress> Progress(int f) => [new() { FollowUp = f, GoalNumber = 1, AchievedPercent = 50, Narrative = "Avance" }, new() { FollowUp = f, GoalNumber = 2, AchievedPercent = 60, Narrative = "Avance" }];
                var steps = new Func<Outcome>[]
                {
                    () => e.SubmitGoals(evaluado, EvaluationScenario.Goals(50, 50), ctx),
                    () => e.ApproveGoals(jefe, ctx),
                    () => e.AcceptGoals(evaluado, ctx),
                    () => e.ReopenStep(th, EvaluationStep.FollowUpI, scenario.Today.AddDays(30), "Prueba", ctx),
                    () => e.SubmitSelfEvaluation(evaluado, 1, Progress(1), ctx),
                    () => e.ApproveSelfEvaluation(jefe, 1, ctx),
                    () => e.AcceptSelfEvaluation(evaluado, ctx),
                    () => e.ReopenStep(th, EvaluationStep.FollowUpII, scenario.Today.AddDays(30), "Prueba", ctx),
                    () => e.SubmitSelfEvaluation(evaluado, 2, Progress(2), ctx),
                    () => e.ApproveSelfEvaluation(jefe, 2, ctx),
                    () => e.RateCompetencies(jefe, applicable.Select(c => new CompetencyScore { Competency = c, Value = 3 }).ToList(), applicable, ctx),
                    () => e.AcceptFinal(evaluado, ctx),
                };
                foreach (var step in steps)
                {
                    var outcome = step();
                    Assert.True(outcome.Succeeded, outcome.ToString());
                }
            }
            await d.SaveChangesAsync();
        });
    }
}

public sealed class ActivityRecordsQueryCountTestsSqlite(QuietSqliteHost host) : ActivityRecordsQueryCountTests(host), IClassFixture<QuietSqliteHost>;

public sealed class ActivityRecordsQueryCountTestsPostgres(QuietPostgresHost host) : ActivityRecordsQueryCountTests(host), IClassFixture<QuietPostgresHost>;
