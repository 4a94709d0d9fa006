using System.Net;
using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Egi.Web.Features.Sessions;
using Egi.Web.Features.WorkPlan;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Egi.Web.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Egi.Web.Tests.Process;

public abstract class WorkPlanTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync()
    {
        return host.StartTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<int> PeriodIdAsync() => app.WithDbAsync(d => d.Periods.Where(p => p.Year == 2026).Select(p => p.Id).SingleAsync());

    private async Task<HttpClient> CreatedPlanAsync()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var periodId = await PeriodIdAsync();
        var created = await hr.PostFormAsync($"/WorkPlan?handler=Create&periodId={periodId}", new(), getUrl: "/WorkPlan");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return hr;
    }

    private static IReadOnlyList<IReadOnlyList<string>> Rows(string html) => HtmlTables.Rows(WebUtility.HtmlDecode(html), "plan");

    [Fact]
    public async Task The_plan_is_created_with_the_twenty_activities_dated_from_the_period_calendar()
    {
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Year == 2026);
            Assert.Empty(p.SetWindows(p.Windows.Select(w => w.Stage == Stage.FirstFollowUp ? w with { Start = new(2026, 5, 4), End = new(2026, 7, 17) } : w).ToList()));
            await d.SaveChangesAsync();
        });
        var hr = await CreatedPlanAsync();
        var rows = Rows(await hr.GetStringAsync("/WorkPlan"));
        Assert.Equal(20, rows.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => n.ToString()), rows.Select(r => r[0]));
        Assert.Equal(["8", ProcedureActivities.Of(8).Name, "Evaluado", "04/05/2026", "17/07/2026", "Pendiente", "0 %"], rows[7].Take(7));
        Assert.Equal(["1", ProcedureActivities.Of(1).Name, "Planeación", "01/01/2026", "28/02/2026"], rows[0].Take(5));
        Assert.Equal(["16", ProcedureActivities.Of(16).Name, "Talento Humano", "01/01/2027", "30/06/2027"], rows[15].Take(5));
        Assert.Equal(20, await app.WithDbAsync(d => d.Set<WorkPlanActivity>().CountAsync()));

        // A second "create" does not duplicate it.
        var periodId = await PeriodIdAsync();
        await hr.PostFormAsync($"/WorkPlan?handler=Create&periodId={periodId}", new(), getUrl: "/WorkPlan?periodId=" + periodId + "&x=1");
        Assert.Equal(20, await app.WithDbAsync(d => d.Set<WorkPlanActivity>().CountAsync()));
    }

    [Fact]
    public async Task Talento_humano_changes_adds_and_removes_activities_and_bad_input_is_explained()
    {
        var hr = await CreatedPlanAsync();
        var activityId = await app.WithDbAsync(d => d.Set<WorkPlanActivity>().Where(a => a.ProcedureNumber == 3).Select(a => a.Id).SingleAsync());

        var bad = await hr.PostFormAsync($"/WorkPlan/Edit?id={activityId}", new()
        {
            ["Input.Name"] = "Elaborar el plan",
            ["Input.Responsible"] = "Talento Humano",
            ["Input.Start"] = "2026-01-10",
            ["Input.End"] = "2026-01-05",
            ["Input.Status"] = ((int)WorkPlanStatus.InProgress).ToString(),
            ["Input.PercentDone"] = "ciento",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("no puede ser anterior a la de inicio (10/01/2026)", html);
        Assert.Contains("El «% de avance» «ciento» no es un número entero entre 0 y 100.", html);
        Assert.Equal(WorkPlanStatus.Pending, await app.WithDbAsync(d => d.Set<WorkPlanActivity>().Where(a => a.Id == activityId).Select(a => a.Status).SingleAsync()));

        var ok = await hr.PostFormAsync($"/WorkPlan/Edit?id={activityId}", new()
        {
            ["Input.Name"] = "Elaborar el plan anual de trabajo del sistema",
            ["Input.Responsible"] = "Talento Humano",
            ["Input.Start"] = "2026-01-05",
            ["Input.End"] = "2026-01-30",
            ["Input.Status"] = ((int)WorkPlanStatus.Done).ToString(),
            ["Input.PercentDone"] = "100",
            ["Input.Observations"] = "Aprobado en comité",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var added = await hr.PostFormAsync($"/WorkPlan/Edit?planId={await app.WithDbAsync(d => d.Set<AnnualWorkPlan>().Select(p => p.Id).SingleAsync())}", new()
        {
            ["Input.Name"] = "Capacitación en evidencias",
            ["Input.Responsible"] = "Talento Humano",
            ["Input.Start"] = "15/03/2026",
            ["Input.End"] = "20/03/2026",
            ["Input.Status"] = ((int)WorkPlanStatus.InProgress).ToString(),
            ["Input.PercentDone"] = "40",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var rows = Rows(await hr.GetStringAsync("/WorkPlan"));
        Assert.Equal(21, rows.Count);
        Assert.Equal(["3", "Elaborar el plan anual de trabajo del sistema", "Talento Humano", "05/01/2026", "30/01/2026", "Terminada", "100 %"], rows[2].Take(7));
        Assert.Equal(["—", "Capacitación en evidencias", "Talento Humano", "15/03/2026", "20/03/2026", "En curso", "40 %"], rows[20].Take(7));

        var removeId = await app.WithDbAsync(d => d.Set<WorkPlanActivity>().Where(a => a.ProcedureNumber == 17).Select(a => a.Id).SingleAsync());
        var removed = await hr.PostFormAsync($"/WorkPlan?handler=Delete&activityId={removeId}", new(), getUrl: "/WorkPlan");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain(Rows(await hr.GetStringAsync("/WorkPlan")), r => r[0] == "17");
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == Egi.Web.Features.WorkPlan.IndexModel.ActivityAuditEntity && a.Action == "Modificar" && a.Summary.Contains("Terminada"))));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == Egi.Web.Features.WorkPlan.IndexModel.ActivityAuditEntity && a.Action == "Eliminar")));
    }

    [Fact]
    public async Task Live_progress_comes_from_the_evaluations_and_sessions_and_the_xlsx_equals_the_screen()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var evaluations = await app.WithDbAsync(d => d.Evaluations.CountAsync(e => e.PeriodId == scenario.PeriodId));
        Assert.True(evaluations >= 4);
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        await scenario.ActAsync(EvaluationScenario.Santiago, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(100), p.Context));

        // One socialization session held (20/11), one still to come (10/12).
        await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.SingleAsync(p => p.Id == scenario.PeriodId);
            foreach (var date in new[] { new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 10) })
                d.Add(Session.Schedule(period, new SessionEditor(IsTalentoHumano: true, IsPlaneacion: false),
                    new SessionInput(SessionKind.Socialization, "Uso de EGI", date, new(9, 0), new(10, 0), "Auditorio", null, SessionAudience.Everyone, null, null),
                    Accounts.TalentoHumano, "Talento Humano", DateTime.UtcNow).Session!);
            await d.SaveChangesAsync();
        });

        var hr = await CreatedPlanAsync();
        app.Queries.Reset();
        var html = await hr.GetStringAsync("/WorkPlan");
        // The evaluations and the improvement plans are counted per state in the database, not read one by one.
        var counting = app.Queries.Texts.Where(t => t.Contains("FROM \"Evaluations\"", StringComparison.Ordinal) || t.Contains("FROM \"ImprovementPlans\"", StringComparison.Ordinal)).ToList();
        Assert.True(counting.Count == 2 && counting.All(t => t.Contains("GROUP BY", StringComparison.Ordinal)), string.Join("\n----\n", app.Queries.Texts));
        var rows = Rows(html);
        string Live(int n) => rows[n - 1][7];
        string Pct(int part) => (100m * part / evaluations).ToString("0.0", System.Globalization.CultureInfo.GetCultureInfo("es-CO")) + " %";
        Assert.Equal($"{Pct(2)} 2 de {evaluations} evaluaciones pasaron este paso", Live(4));
        Assert.Equal($"{Pct(1)} 1 de {evaluations} evaluaciones pasaron este paso", Live(5));
        Assert.Equal($"{Pct(1)} 1 de {evaluations} evaluaciones pasaron este paso", Live(6));
        Assert.Equal($"{Pct(1)} 1 de {evaluations} evaluaciones pasaron este paso; informe de avance I sin emitir", Live(7));
        Assert.Equal($"0,0 % 0 de {evaluations} evaluaciones pasaron este paso", Live(8));
        Assert.Equal("50,0 % 1 de 2 sesiones realizadas", Live(2));
        Assert.Equal("— Sin sesiones de divulgación programadas", Live(1));
        Assert.StartsWith("100,0 % Plan elaborado el 24/11/2026", Live(3));
        Assert.Equal("— Sin planes de mejoramiento requeridos", Live(18));

        var download = await hr.GetAsync($"/WorkPlan?handler=Xlsx&periodId={scenario.PeriodId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var file = new MemoryStream(await download.Content.ReadAsByteArrayAsync());
        var sheet = file.Query(useHeaderRow: true, sheetName: "Plan de trabajo").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(rows.Count, sheet.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i][0], Convert.ToString(sheet[i]["N.º del procedimiento"]));
            Assert.Equal(rows[i][1], sheet[i]["Actividad"]);
            Assert.Equal(rows[i][3], ((DateTime)sheet[i]["Inicio"]!).ToString("dd/MM/yyyy"));
            Assert.Equal(rows[i][4], ((DateTime)sheet[i]["Fin"]!).ToString("dd/MM/yyyy"));
            Assert.Equal(rows[i][5], sheet[i]["Estado"]);
            Assert.EndsWith(Convert.ToString(sheet[i]["Detalle del avance en el sistema"]) ?? "", rows[i][7]);
        }
        Assert.Equal((double)(2m / evaluations), Convert.ToDouble(sheet[3]["Avance en el sistema"]), 3);
    }

    [Fact]
    public async Task Only_talento_humano_edits_planeacion_and_consulta_read_evaluado_and_anonymous_are_refused()
    {
        var periodId = await PeriodIdAsync();
        foreach (var who in new[] { Accounts.Planeacion, Accounts.Consulta })
        {
            var client = await app.SignedInAsync(who);
            var page = WebUtility.HtmlDecode(await client.GetStringAsync("/WorkPlan"));
            Assert.Contains("aún no tiene plan de trabajo", page);
            Assert.DoesNotContain("Crear el plan de trabajo", page);
            var post = await client.PostFormAsync($"/WorkPlan?handler=Create&periodId={periodId}", new(), getUrl: "/Account/ChangePassword");
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<AnnualWorkPlan>().CountAsync()));

        await CreatedPlanAsync();
        var activityId = await app.WithDbAsync(d => d.Set<WorkPlanActivity>().Select(a => a.Id).FirstAsync());
        foreach (var who in new[] { Accounts.Planeacion, Accounts.Consulta })
        {
            var client = await app.SignedInAsync(who);
            var page = WebUtility.HtmlDecode(await client.GetStringAsync("/WorkPlan"));
            Assert.Equal(20, Rows(page).Count);
            Assert.DoesNotContain("Agregar actividad", page);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/WorkPlan/Edit?id={activityId}")).StatusCode);
            var edit = await client.PostFormAsync($"/WorkPlan/Edit?id={activityId}", new() { ["Input.Name"] = "x" }, getUrl: "/Account/ChangePassword");
            Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
            var delete = await client.PostFormAsync($"/WorkPlan?handler=Delete&activityId={activityId}", new(), getUrl: "/Account/ChangePassword");
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/WorkPlan?handler=Xlsx&periodId={periodId}")).StatusCode);
        }
        Assert.Equal(20, await app.WithDbAsync(d => d.Set<WorkPlanActivity>().CountAsync()));

        var evaluado = await app.SignedInAsync(Accounts.Evaluado);
        Assert.Equal(HttpStatusCode.Forbidden, (await evaluado.GetAsync("/WorkPlan")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await evaluado.GetAsync($"/WorkPlan/Edit?id={activityId}")).StatusCode);
        foreach (var url in new[] { "/WorkPlan", $"/WorkPlan/Edit?id={activityId}" })
            Assert.StartsWith("/Account/Login", (await app.NewClient().GetAsync(url)).Headers.Location!.PathAndQuery);
    }
}

public sealed class WorkPlanTestsSqlite(SqliteHost host) : WorkPlanTests(host), IClassFixture<SqliteHost>;

public sealed class WorkPlanTestsPostgres(PostgresHost host) : WorkPlanTests(host), IClassFixture<PostgresHost>;
