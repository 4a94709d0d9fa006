using System.Globalization;
using System.Net;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// The Comisión Evaluadora decides an escalated self-evaluation (first follow-up) on the committee page: the recorder
/// enters the decided % per goal and the decision; nobody else opens the page.
/// </summary>
public abstract class CommitteeFollowUpTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private int id;

    private const string Camila = EvaluationScenario.Camila;

    private string Page => $"/Evaluations/Committee/{id}";

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
        // Two rounds of «no aceptar» on the first follow-up, then Talento Humano escalates it (Carlos records, with Laura).
        for (var round = 0; round < 2; round++)
        {
            await scenario.ActAsync(Camila, (e, p) => e.SubmitSelfEvaluation(p.Evaluado, 1, Progress(e, 70), p.Context));
            await scenario.ActAsync(Camila, (e, p) => e.ApproveSelfEvaluation(p.Evaluator, 1, p.Context));
            await scenario.ActAsync(Camila, (e, p) => e.NotAcceptSelfEvaluation(p.Evaluado, "Mi avance es mayor.", p.Context));
        }
        var carlos = await scenario.ServantIdAsync(EvaluationScenario.Carlos);
        var laura = await scenario.ServantIdAsync(EvaluationScenario.Laura);
        await scenario.ActAsync(Camila, (e, p) => e.EscalateToCommittee(Ap.TalentoHumano, [carlos, laura], carlos, "Dos rondas sin acuerdo.", p.Context));
        id = await scenario.EvaluationIdAsync(Camila);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static List<GoalProgress> Progress(Evaluation e, int percent) =>
        e.OrderedGoals.Select(g => new GoalProgress { GoalNumber = g.Number, AchievedPercent = percent, Narrative = "Avance con soportes." }).ToList();

    private static Dictionary<string, string> Rows(string decision, params (string Percent, string Narrative)[] rows)
    {
        var fields = new Dictionary<string, string> { ["Decision"] = decision };
        for (var i = 0; i < rows.Length; i++)
        {
            fields[$"Progress[{i}].GoalNumber"] = (i + 1).ToString(CultureInfo.InvariantCulture);
            fields[$"Progress[{i}].AchievedPercent"] = rows[i].Percent;
            fields[$"Progress[{i}].Narrative"] = rows[i].Narrative;
        }
        return fields;
    }

    [Fact]
    public async Task The_recorder_decides_the_escalated_follow_up_with_the_percent_per_goal()
    {
        var carlos = await app.SignedInAsync(Accounts.Planeacion);
        Assert.Contains($"href=\"{Page}\"", await Ap.HtmlAsync(carlos, "/Evaluations/ToApprove"));
        Assert.Contains($"href=\"{Page}\"", await Ap.HtmlAsync(carlos, "/Pending"));
        var form = await Ap.HtmlAsync(carlos, Page);
        Assert.Contains("escaló el primer seguimiento a una Comisión Evaluadora", form);
        Assert.Contains("% logrado (acumulado, 0–100)", form);
        Assert.Contains("value=\"70\"", form); // prefilled with what was reported

        var bad = await Ap.ReadAsync(await Ap.PostAsync(carlos, Page, "", Rows("", ("abc", "Revisado."), ("55", "Revisado."))));
        Assert.Contains("Meta 1: el % logrado debe ser un número entero de 0 a 100 (escribió «abc»).", bad);
        var noDecision = await Ap.ReadAsync(await Ap.PostAsync(carlos, Page, "", Rows(" ", ("80", "Revisado."), ("55", "Revisado."))));
        Assert.Contains("Escriba el motivo de la decisión.", noDecision);
        Assert.Equal(EvaluationStep.FollowUpI, (await scenario.EvaluationAsync(Camila)).EscalatedStep);

        var decided = await Ap.PostAsync(carlos, Page, "", Rows("La comisión revisó las actas: 80 % y 55 %.", ("80", "Soportes completos."), ("55", "Falta el informe final.")));
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Null(e.EscalatedStep);
        Assert.Equal(EvaluationState.SelfEvaluationII, e.State);
        Assert.Equal([80, 55], e.ProgressOf(1).Select(p => p.AchievedPercent));
        Assert.Equal((EvaluationAction.CommitteeDecision, "La comisión revisó las actas: 80 % y 55 %."), (e.History[^1].Action, e.History[^1].Comment));
        Assert.Equal(VersionKind.CommitteeDecision, e.Versions.OrderBy(v => v.Sequence).Last().Kind);
        Assert.Equal(HttpStatusCode.NotFound, (await carlos.GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task Nobody_but_the_recorder_opens_or_posts_the_committee_page()
    {
        var anonymous = await app.NewClient().GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString);
        var before = await scenario.EvaluationAsync(Camila);
        foreach (var account in new[] { Accounts.Jefe, Accounts.Evaluado, Accounts.Consulta, Accounts.TalentoHumano })
        {
            var client = await app.SignedInAsync(account);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Page)).StatusCode);
            var post = await client.PostFormAsync(Page, new(Rows("Decido yo.", ("100", "x"), ("100", "x"))) { ["Version"] = before.Version.ToString() }, getUrl: "/");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        var after = await scenario.EvaluationAsync(Camila);
        Assert.Equal((before.Version, EvaluationStep.FollowUpI), (after.Version, after.EscalatedStep!.Value));
    }
}

public sealed class CommitteeFollowUpTestsSqlite(SqliteHost host) : CommitteeFollowUpTests(host), IClassFixture<SqliteHost>;

public sealed class CommitteeFollowUpTestsPostgres(PostgresHost host) : CommitteeFollowUpTests(host), IClassFixture<PostgresHost>;
