using System.Globalization;
using System.Net;
using Egi.Domain.Calendar;
using Egi.Domain.Competencies;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Notifications;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// Change of evaluator and retiro (SPEC §4) through the real pages: the outgoing jefe's pending partial evaluation,
/// who may record it, the evaluation page showing it, retirement from the directory, and the weighted final rule.
/// </summary>
public abstract class PartialEvaluationTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private int id;
    private int felipe;
    private int carlos;

    private const string Camila = EvaluationScenario.Camila;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            Assert.Empty(p.SetWindows(p.Windows
                .Select(w => w.Stage is Stage.FirstFollowUp or Stage.SecondFollowUp ? w with { Start = new(2026, 11, 1), End = new(2026, 12, 15) } : w)
                .ToList()));
            await d.SaveChangesAsync();
            return 0;
        });
        await scenario.ActAsync(Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await scenario.ActAsync(Camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await scenario.ActAsync(Camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        id = await scenario.EvaluationIdAsync(Camila);
        felipe = await scenario.ServantIdAsync(EvaluationScenario.Felipe);
        carlos = await scenario.ServantIdAsync(EvaluationScenario.Carlos);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string PartialPage => $"/Evaluations/Partial/{id}";
    private string DetailsPage => $"/Evaluations/Details/{id}";

    private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Rows(params (string Percent, string Observation)[] rows)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < rows.Length; i++)
        {
            fields[$"Goals[{i}].GoalNumber"] = S(i + 1);
            fields[$"Goals[{i}].AchievedPercent"] = rows[i].Percent;
            fields[$"Goals[{i}].Observation"] = rows[i].Observation;
        }
        return fields;
    }

    private async Task ReassignToCarlosWithTheAdminPageAsync()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var moved = await Ap.PostAsync(hr, $"/Evaluations/Admin/{id}", "Reassign",
            new() { ["Reassign.EvaluatorId"] = S(carlos), ["Reassign.Reason"] = "Felipe Navarro pasa a otra subdirección." });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
    }

    [Fact]
    public async Task After_a_reassignment_the_old_jefe_records_the_partial_and_nothing_else_and_the_new_jefe_acts()
    {
        await ReassignToCarlosWithTheAdminPageAsync();
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(carlos, e.EvaluatorId);
        var owed = Assert.Single(e.Partials);
        Assert.Equal((felipe, PartialStatus.Pending, new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 24)), (owed.EvaluatorId, owed.Status, owed.From, owed.To));
        Assert.True(await app.WithDbAsync(d => d.Set<OutboxMessage>().AnyAsync(m => m.Subject == "EGI — registre la evaluación parcial de Camila Andrea Salazar Nieto")));

        // Felipe sees it in «Mis pendientes» and «Por aprobar», and can read the evaluation, but not act as evaluator.
        var felipeClient = await app.SignedInAsync(Accounts.Jefe);
        Assert.Contains($"href=\"{PartialPage}\"", await Ap.HtmlAsync(felipeClient, "/Pending"));
        var toApprove = await Ap.HtmlAsync(felipeClient, "/Evaluations/ToApprove");
        Assert.Contains("Evaluaciones parciales por registrar", toApprove);
        Assert.Contains("Del 01/01/2026 al 24/11/2026", toApprove);
        Assert.Contains("Registrar la evaluación parcial", await Ap.HtmlAsync(felipeClient, DetailsPage));
        Assert.NotEqual(HttpStatusCode.OK, (await felipeClient.GetAsync($"/Evaluations/FollowUpApproval/{id}")).StatusCode);

        var form = await Ap.HtmlAsync(felipeClient, PartialPage);
        Assert.Contains("% logrado a la fecha (0–100)", form);
        Assert.Contains("Periodo evaluado: del <strong>01/01/2026</strong> al <strong>24/11/2026</strong>", form);

        // Bad input: messages name the goal and the field; nothing is saved.
        var bad = await Ap.ReadAsync(await Ap.PostAsync(felipeClient, PartialPage, "", Rows(("70", ""), ("abc", "Informe entregado."))));
        Assert.Contains("Meta 2: el % logrado a la fecha debe ser un número entero de 0 a 100 (escribió «abc»).", bad);
        Assert.Contains("role=\"alert\"", bad);
        var outOfRange = await Ap.ReadAsync(await Ap.PostAsync(felipeClient, PartialPage, "", Rows(("170", "x"), ("20", ""))));
        Assert.Contains("Meta 1: el % logrado a la fecha debe estar entre 0 y 100.", outOfRange);
        Assert.Contains("Meta 2: escriba la observación del avance a la fecha.", outOfRange);
        Assert.Equal(PartialStatus.Pending, (await scenario.EvaluationAsync(Camila)).Partials.Single().Status);

        var recorded = await Ap.PostAsync(felipeClient, PartialPage, "", new(Rows(("50", "Avance del informe 1."), ("30", "Borrador del informe 2."))) { ["Comment"] = "Entrego con buen avance." });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var p = (await scenario.EvaluationAsync(Camila)).Partials.Single();
        Assert.Equal((PartialStatus.Recorded, "Entrego con buen avance.", false), (p.Status, p.Comment, p.RecordedOnBehalf));
        Assert.Equal([(1, 60, 50), (2, 40, 30)], p.Goals.Select(g => (g.GoalNumber, g.Weight, g.AchievedPercent)));

        // Once recorded Felipe no longer sees the evaluation.
        Assert.Equal(HttpStatusCode.NotFound, (await felipeClient.GetAsync(DetailsPage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await felipeClient.GetAsync(PartialPage)).StatusCode);

        // The evaluation page shows the partial with its score at that date: (60 × 50 + 40 × 30) / 100 = 42,00.
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var details = await Ap.HtmlAsync(hr, DetailsPage);
        Assert.Contains("Evaluación parcial de Felipe", details);
        Assert.Contains("del 01/01/2026 al 24/11/2026", details);
        Assert.Contains("id=\"parcial-1-puntaje\">42,00<", details);
        Assert.Contains("Borrador del informe 2.", details);
        Assert.Contains("25/11/2026", details); // Carlos's tenure starts the day after

        // Carlos, the new jefe, acts on the evaluation at once.
        await scenario.ActAsync(Camila, (e, x) => e.SubmitSelfEvaluation(x.Evaluado, 1, Progress(e, 40), x.Context));
        var carlosClient = await app.SignedInAsync(Accounts.Planeacion);
        Assert.Equal(HttpStatusCode.OK, (await carlosClient.GetAsync($"/Evaluations/FollowUpApproval/{id}")).StatusCode);
    }

    [Fact]
    public async Task Nobody_else_records_the_partial()
    {
        await ReassignToCarlosWithTheAdminPageAsync();
        var anonymous = await app.NewClient().GetAsync(PartialPage);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString);

        // The new jefe and the evaluado see the evaluation but do not owe the partial: 403. (Consulta does not see
        // individual evaluations at all: 404 below.)
        foreach (var account in new[] { Accounts.Planeacion, Accounts.Evaluado })
        {
            var client = await app.SignedInAsync(account);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(PartialPage)).StatusCode);
            var post = await client.PostFormAsync(PartialPage, Rows(("50", "x"), ("50", "x")), getUrl: "/");
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
        // Another jefe (Carlos's evaluada Laura's colleague… any servant unrelated to Camila) does not even see it: 404.
        foreach (var account in new[] { DemoData.EmailOf(6), Accounts.Consulta })
        {
            var stranger = await app.SignedInAsync(account);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(PartialPage)).StatusCode);
        }
        Assert.Equal(PartialStatus.Pending, (await scenario.EvaluationAsync(Camila)).Partials.Single().Status);
    }

    [Fact]
    public async Task Talento_Humano_records_on_behalf_or_waives_with_a_reason_from_the_admin_page()
    {
        await ReassignToCarlosWithTheAdminPageAsync();
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var admin = await Ap.HtmlAsync(hr, $"/Evaluations/Admin/{id}");
        Assert.Contains("Registrar en su nombre", admin);

        var noReason = await Ap.ReadAsync(await Ap.PostAsync(hr, $"/Evaluations/Admin/{id}?seq=1", "Waive", new() { ["Waive.Reason"] = " " }));
        Assert.Contains("Escriba el motivo para dispensar la evaluación parcial.", noReason);
        Assert.Equal(PartialStatus.Pending, (await scenario.EvaluationAsync(Camila)).Partials.Single().Status);

        var onBehalf = await Ap.PostAsync(hr, $"{PartialPage}?seq=1", "", Rows(("40", "Según el acta de entrega."), ("40", "Según el acta de entrega.")));
        Assert.True(onBehalf.StatusCode == HttpStatusCode.Redirect, await Ap.ReadAsync(onBehalf));
        var p = (await scenario.EvaluationAsync(Camila)).Partials.Single();
        Assert.True(p.RecordedOnBehalf);
        Assert.Contains("(Talento Humano, en nombre del evaluador saliente)", await Ap.HtmlAsync(hr, DetailsPage));

        // A second reassignment leaves Carlos a partial, which Talento Humano waives.
        app.Clock.Advance(TimeSpan.FromDays(10)); // Carlos evaluates from 25/11 to 04/12
        var back = felipe;
        await scenario.ActAsync(Camila, (e, x) => e.ReassignEvaluator(Ap.TalentoHumano, back, "Felipe vuelve.", x.Context));
        hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var waived = await Ap.PostAsync(hr, $"/Evaluations/Admin/{id}?seq=2", "Waive", new() { ["Waive.Reason"] = "Carlos Suárez se retiró de la entidad." });
        Assert.Equal(HttpStatusCode.Redirect, waived.StatusCode);
        var w = (await scenario.EvaluationAsync(Camila)).Partials.Single(x => x.Sequence == 2);
        Assert.Equal((PartialStatus.Waived, "Carlos Suárez se retiró de la entidad."), (w.Status, w.WaiverReason));
    }

    [Fact]
    public async Task Retiring_the_evaluado_in_the_directory_closes_the_evaluation_with_a_partial_for_the_jefe()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var camila = await scenario.ServantIdAsync(Camila);
        var retired = await hr.PostFormAsync($"/Directory/Servants/Retire/{camila}",
            new() { ["Input.RetirementDate"] = "2026-11-20", ["Input.Reason"] = "Renuncia aceptada." });
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);

        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.ClosedByRetirement, e.State);
        var p = e.Partials.Single();
        Assert.Equal((felipe, new DateOnly(2026, 11, 20), PartialCause.EvaluadoRetired, PartialStatus.Pending), (p.EvaluatorId, p.To, p.Cause, p.Status));
        Assert.Contains("Cerrada por retiro", await Ap.HtmlAsync(hr, DetailsPage));

        // The evaluada can no longer self-evaluate; the jefe records the partial up to the retirement date.
        Assert.False((await scenario.TryActAsync(Camila, (x, s) => x.SubmitSelfEvaluation(s.Evaluado, 1, Progress(x, 50), s.Context))).Succeeded);
        var felipeClient = await app.SignedInAsync(Accounts.Jefe);
        Assert.Contains("Periodo evaluado: del <strong>01/01/2026</strong> al <strong>20/11/2026</strong>", await Ap.HtmlAsync(felipeClient, PartialPage));
        // The annual report (activity 16) says the partial is owed, then its goals score once recorded: 0,6 × 80 + 0,4 × 70.
        async Task<IReadOnlyList<string>> AnnualRowAsync() =>
            Reports.HtmlTables.Rows(await Ap.HtmlAsync(hr, "/Reports/Annual"), "servidores").Single(r => r[0] == Camila);
        var annual = await AnnualRowAsync();
        Assert.Equal(["Cerrada por retiro", "1 pendiente", "—"], [annual[5], annual[^2], annual[^1]]);
        var recorded = await Ap.PostAsync(felipeClient, PartialPage, "", Rows(("80", "Cumplió casi todo."), ("70", "Entregó el borrador.")));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal(PartialStatus.Recorded, (await scenario.EvaluationAsync(Camila)).Partials.Single().Status);
        annual = await AnnualRowAsync();
        Assert.Equal(["1 registrada", "76,00"], [annual[^2], annual[^1]]);

        // Reinstating does not silently reopen it.
        var reinstated = await hr.PostFormAsync($"/Directory/Servants/Reinstate/{camila}", []);
        Assert.Equal(HttpStatusCode.Redirect, reinstated.StatusCode);
        Assert.Equal(EvaluationState.ClosedByRetirement, (await scenario.EvaluationAsync(Camila)).State);
        var reopened = await Ap.PostAsync(hr, $"/Evaluations/Admin/{id}", "ReopenRetired", new() { ["ReopenRetired.Reason"] = "Reintegro por error en el registro del retiro." });
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var afterReopen = await scenario.EvaluationAsync(Camila);
        Assert.True(afterReopen.State == EvaluationState.SelfEvaluationI, string.Join(" | ", afterReopen.History.Select(h => $"{h.Action}:{h.From}->{h.To}")) + reopened.Headers.Location);
        Assert.Equal(EvaluationState.SelfEvaluationI, (await scenario.EvaluationAsync(Camila)).State);
    }

    [Fact]
    public async Task A_new_jefe_in_the_directory_takes_the_evaluation_and_the_old_one_owes_the_partial()
    {
        var camila = await app.WithDbAsync(d => d.Servants.SingleAsync(s => s.DocumentNumber == Camila));
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var form = new Dictionary<string, string>
        {
            ["Input.DocumentNumber"] = camila.DocumentNumber,
            ["Input.FirstNames"] = camila.FirstNames,
            ["Input.LastNames"] = camila.LastNames,
            ["Input.Email"] = camila.Email,
            ["Input.JobTitle"] = camila.JobTitle,
            ["Input.JobCode"] = camila.JobCode,
            ["Input.JobGrade"] = camila.JobGrade,
            ["Input.Level"] = camila.Level.ToString(),
            ["Input.DependencyId"] = S(camila.DependencyId),
            ["Input.EmploymentType"] = camila.EmploymentType.ToString(),
            ["Input.HireDate"] = camila.HireDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.RetirementDate"] = "",
            ["Input.BossId"] = S(carlos),
        };
        var saved = await hr.PostFormAsync($"/Directory/Servants/Edit/{camila.Id}", form);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await Ap.ReadAsync(saved));
        Assert.Contains("el evaluador anterior debe registrar la evaluación parcial", await Ap.HtmlAsync(hr, saved.Headers.Location!.OriginalString));

        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(carlos, e.EvaluatorId);
        var p = e.Partials.Single();
        Assert.Equal((felipe, PartialCause.BossChange, PartialStatus.Pending), (p.EvaluatorId, p.Cause, p.Status));
        Assert.Equal((EvaluationAction.ChangeEvaluator, PartialCause.BossChange.Label()), (e.History[^1].Action, e.History[^1].Comment));
        Assert.True(await app.WithDbAsync(d => d.Set<OutboxMessage>().AnyAsync(m => m.Subject == "EGI — ahora usted evalúa a Camila Andrea Salazar Nieto")));
        var felipeClient = await app.SignedInAsync(Accounts.Jefe);
        Assert.Equal(HttpStatusCode.OK, (await felipeClient.GetAsync(PartialPage)).StatusCode);
    }

    [Fact]
    public async Task An_import_that_changes_the_jefe_also_leaves_the_partial()
    {
        var (c, dependencyCode) = await app.WithDbAsync(async d =>
        {
            var s = await d.Servants.SingleAsync(x => x.DocumentNumber == Camila);
            return (s, await d.Dependencies.Where(x => x.Id == s.DependencyId).Select(x => x.Code).SingleAsync());
        });
        string[] row =
        [
            c.DocumentNumber, c.FirstNames, c.LastNames, c.Email, c.JobTitle, c.JobCode, c.JobGrade, c.Level.Label(), dependencyCode,
            c.EmploymentType.Label(), c.HireDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), "", EvaluationScenario.Carlos,
            c.HasStaff ? "Sí" : "No", c.IsPublicManager ? "Sí" : "No",
        ];
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var file = Directory.ImportFiles.ImportFile.Csv([row], Directory.ImportFiles.ImportFile.Windows1252);
        var preview = WebUtility.HtmlDecode(await (await hr.PostFileAsync("/Directory/Import", "/Directory/Import", "Upload", "jefes.csv", file)).Content.ReadAsStringAsync());
        Assert.Contains("Confirmar importación", preview);
        string Field(string name) => System.Text.RegularExpressions.Regex.Match(preview, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;
        var confirmed = await hr.PostFormAsync("/Directory/Import?handler=Confirm",
            new() { ["Token"] = Field("Token"), ["Fingerprint"] = Field("Fingerprint") }, getUrl: "/Directory/Import");
        Assert.True(confirmed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);

        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(carlos, e.EvaluatorId);
        Assert.Equal((felipe, PartialCause.BossChange), (e.Partials.Single().EvaluatorId, e.Partials.Single().Cause));
    }

    [Fact]
    public async Task The_weighted_rule_changes_the_final_rating_against_the_default()
    {
        var felipeActor = new Actor("felipe", felipe, "Felipe Navarro");
        await scenario.ActAsync(Camila, (e, x) => e.ReassignEvaluator(Ap.TalentoHumano, carlos, "Cambio de jefe.", x.Context));
        await scenario.ActAsync(Camila, (e, x) => e.RecordPartial(felipeActor, 1,
            e.OrderedGoals.Select(g => new PartialGoal { GoalNumber = g.Number, AchievedPercent = 50, Observation = "Mitad del camino." }).ToList(), null, x.Context.Now));
        await scenario.ActAsync(Camila, (e, x) => e.SubmitSelfEvaluation(x.Evaluado, 1, Progress(e, 40), x.Context));
        await scenario.ActAsync(Camila, (e, x) => e.ApproveSelfEvaluation(x.Evaluator, 1, x.Context));
        await scenario.ActAsync(Camila, (e, x) => e.AcceptSelfEvaluation(x.Evaluado, x.Context));
        await scenario.ActAsync(Camila, (e, x) => e.SubmitSelfEvaluation(x.Evaluado, 2, Progress(e, 100), x.Context));
        await scenario.ActAsync(Camila, (e, x) => e.ApproveSelfEvaluation(x.Evaluator, 2, x.Context));
        var applicable = CompetencyCatalogue.Default().Applicable(HierarchyLevel.Profesional, hasStaff: false);
        await scenario.ActAsync(Camila, (e, x) => e.RateCompetencies(x.Evaluator, applicable.Select(c => new CompetencyScore { Competency = c, Value = 4 }).ToList(), applicable, x.Context));
        await scenario.ActAsync(Camila, (e, x) => e.AcceptFinal(x.Evaluado, x.Context));

        // Default (last evaluator): goals 100, competencies 100 → 100,00 Sobresaliente.
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var byDefault = await Ap.HtmlAsync(hr, DetailsPage);
        Assert.Contains("id=\"cr-final\"><strong>100,00</strong>", byDefault);
        Assert.Contains("Seguimiento del último evaluador", byDefault);

        // Weighted: Felipe 01/01–24/11 = 328 days at 50; Carlos 25/11–31/12 = 37 days at 100.
        // (328 × 50 + 37 × 100) / 365 = 20100 / 365 = 55,0684… → 55,07; final 0,85 × 55,0684… + 15 = 61,8082… → 61,81.
        var settingsPage = await Ap.HtmlAsync(hr, $"/Periods/Settings/{scenario.PeriodId}");
        Assert.Contains("Evaluaciones parciales en la calificación final", settingsPage);
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            p.Settings.PartialEvaluationsInFinal = PartialEvaluationRule.WeightedByTime;
            d.Entry(p).Reference(x => x.Settings).TargetEntry!.State = EntityState.Modified;
            await d.SaveChangesAsync();
            return 0;
        });
        var weighted = await Ap.HtmlAsync(hr, DetailsPage);
        Assert.Contains("id=\"cr-goals\">55,07<", weighted);
        Assert.Contains("id=\"cr-final\"><strong>61,81</strong>", weighted);
        Assert.Contains("No satisfactorio", weighted);
    }

    private static List<GoalProgress> Progress(Evaluation e, int percent) =>
        e.OrderedGoals.Select(g => new GoalProgress { GoalNumber = g.Number, AchievedPercent = percent, Narrative = "Avance con soportes." }).ToList();
}

public sealed class PartialEvaluationTestsSqlite(SqliteHost host) : PartialEvaluationTests(host), IClassFixture<SqliteHost>;

public sealed class PartialEvaluationTestsPostgres(PostgresHost host) : PartialEvaluationTests(host), IClassFixture<PostgresHost>;
