using System.Net;
using System.Text;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Web.Data;
using Egi.Web.Features.Periods;
using Egi.Web.Notifications;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Improvement;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Periods;

/// <summary>
/// Issue 13: a closed period is read-only. With the demo period 2026 open (goal and follow-up windows around today,
/// 24/11/2026): Santiago is formulating his goals, Camila is in her Autoevaluación I, Laura's evaluation is finished and
/// her improvement plan's format was sent. Talento Humano closes the period: every change is refused with a Spanish
/// message and nothing changes; Talento Humano reopens it with a reason (audited, the people concerned notified) and
/// closes it again.
/// </summary>
public abstract class ClosedPeriodTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    private const string ReadOnly = "La «Vigencia 2026» está cerrada: es de solo lectura y no admite cambios. Talento Humano puede reabrirla con un motivo.";
    private static string Santiago => DemoData.EmailOf(20);
    private string PeriodPage => $"/Periods/Details/{scenario.PeriodId}";

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
        });
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        await ImprovementKit.FinishAsync(app, scenario, EvaluationScenario.Laura);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var candidates = $"/Improvement/Candidates?vigencia={scenario.PeriodId}";
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"{candidates}&handler=Send", new(), getUrl: candidates)).StatusCode);
        await CloseAsync(hr);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task CloseAsync(HttpClient hr)
    {
        var closed = await hr.PostFormAsync($"{PeriodPage}?handler=Close", new() { ["Confirm"] = "true" }, getUrl: PeriodPage);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(PeriodStatus.Closed, await StatusAsync());
    }

    private Task<PeriodStatus> StatusAsync() => app.WithDbAsync(d => d.Periods.Where(p => p.Id == scenario.PeriodId).Select(p => p.Status).SingleAsync());

    private static async Task<string> RefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Ap.ReadAsync(response);
        Assert.Contains(ReadOnly, html, StringComparison.Ordinal);
        return html;
    }

    [Fact]
    public async Task Transitions_reopenings_evidence_and_plan_changes_are_refused_with_a_spanish_message_and_nothing_changes()
    {
        // Santiago sends his goals: refused, still formulating, same version.
        var santiago = await app.SignedInAsync(Santiago);
        var santiagoId = await scenario.EvaluationIdAsync(EvaluationScenario.Santiago);
        var before = await scenario.EvaluationAsync(EvaluationScenario.Santiago);
        await RefusedAsync(await Ap.PostAsync(santiago, $"/Evaluations/Goals/{santiagoId}", "Submit", Ap.GoalFields(EvaluationScenario.Goals(50, 50))));
        var after = await scenario.EvaluationAsync(EvaluationScenario.Santiago);
        Assert.Equal((EvaluationState.GoalFormulation, before.Version, 0), (after.State, after.Version, after.Goals.Count));

        // Camila uploads evidence for her Autoevaluación I: refused, nothing stored.
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var camilaId = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var self = $"/Evaluations/SelfEvaluation/{camilaId}";
        var form = await Ap.HtmlAsync(camila, self);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n%informe\n" + new string(' ', 300));
        await RefusedAsync(await camila.PostFileAsync($"{self}?handler=Upload", self, "EvidenceFile", "informe.pdf", pdf,
            new() { ["Version"] = Ap.Version(form), ["EvidenceGoal"] = "1" }));
        Assert.Equal(0, await app.WithDbAsync(d => d.EvidenceItems.CountAsync(x => x.EvaluationId == camilaId)));
        var evidence = Path.Combine(app.DataFolder, "evidence");
        Assert.False(System.IO.Directory.Exists(evidence) && System.IO.Directory.EnumerateFiles(evidence, "*", SearchOption.AllDirectories).Any());
        // Her pages say why and offer nothing to do.
        var details = await Ap.HtmlAsync(camila, $"/Evaluations/Details/{camilaId}");
        Assert.Contains($"id=\"vigencia-cerrada\">{ReadOnly}<", details);
        Assert.DoesNotContain($"href=\"{self}\"", details);

        // Talento Humano reopens a step: refused, no reopening recorded.
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        await RefusedAsync(await Ap.PostAsync(hr, $"/Evaluations/Admin/{santiagoId}", "Reopen",
            new() { ["Reopen.Step"] = "Goals", ["Reopen.Until"] = "2026-12-10", ["Reopen.Reason"] = "Incapacidad médica." }));
        Assert.Empty((await scenario.EvaluationAsync(EvaluationScenario.Santiago)).Reopenings);

        // Laura's jefe (Carlos, Planeación) fills the improvement plan: refused, the plan is as it was.
        var plan = (await ImprovementKit.PlanAsync(app, EvaluationScenario.Laura))!;
        var carlos = await app.SignedInAsync(Accounts.Planeacion);
        var planPage = $"/Improvement/Plan/{plan.Id}";
        Assert.Contains(ReadOnly, await Ap.HtmlAsync(carlos, planPage), StringComparison.Ordinal);
        await RefusedAsync(await carlos.PostFormAsync($"{planPage}?handler=Save", ImprovementKit.AspectForm(plan.Version.ToString()), getUrl: planPage));
        var unchanged = (await ImprovementKit.PlanAsync(app, EvaluationScenario.Laura))!;
        Assert.Equal((plan.Status, plan.Version, 0), (unchanged.Status, unchanged.Version, unchanged.Aspects.Count));
        // Nor does Talento Humano change who requires a plan.
        var candidates = $"/Improvement/Candidates?vigencia={scenario.PeriodId}";
        var lauraServant = await scenario.ServantIdAsync(EvaluationScenario.Laura);
        await RefusedAsync(await hr.PostFormAsync($"{candidates}&handler=Exclude", new() { ["ServantId"] = $"{lauraServant}", ["Reason"] = "Traslado" }, getUrl: candidates));
        Assert.False((await ImprovementKit.PlanAsync(app, EvaluationScenario.Laura))!.Excluded);
    }

    [Fact]
    public async Task Talento_Humano_reopens_the_period_with_a_reason_audited_and_notified_and_closes_it_again()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var page = await Ap.HtmlAsync(hr, PeriodPage);
        Assert.Contains("Motivo de la reapertura", page);

        // Without a reason, or without confirming: refused, still closed.
        var noReason = await Ap.ReadAsync(await hr.PostFormAsync($"{PeriodPage}?handler=Reopen", new() { ["Reason"] = "  ", ["Confirm"] = "true" }, getUrl: PeriodPage));
        Assert.Contains("Escriba el «Motivo» por el que reabre la vigencia.", noReason);
        var unconfirmed = await Ap.ReadAsync(await hr.PostFormAsync($"{PeriodPage}?handler=Reopen", new() { ["Reason"] = "Faltan aceptaciones" }, getUrl: PeriodPage));
        Assert.Contains("Marque la casilla para confirmar que desea reabrir la «Vigencia 2026».", unconfirmed);
        Assert.Contains("Faltan aceptaciones", unconfirmed); // what was typed stays
        Assert.Equal(PeriodStatus.Closed, await StatusAsync());
        Assert.Equal(0, await app.WithDbAsync(d => d.OutboxMessages.CountAsync(m => m.Kind == nameof(MailKind.PeriodReopened))));

        // With both: open again, recorded, audited, and the people concerned are told why.
        const string reason = "Tres servidores no alcanzaron a registrar su aceptación final por la caída del servicio.";
        var reopened = await hr.PostFormAsync($"{PeriodPage}?handler=Reopen", new() { ["Reason"] = reason, ["Confirm"] = "true" }, getUrl: PeriodPage);
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var period = await app.WithDbAsync(d => d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId));
        Assert.Equal(PeriodStatus.Open, period.Status);
        var r = Assert.Single(period.Reopenings);
        Assert.Equal(reason, r.Reason);
        var audit = await app.WithDbAsync(d => d.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "Reabrir vigencia"));
        Assert.Contains(reason, audit.Summary);
        var notices = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Kind == nameof(MailKind.PeriodReopened)).ToListAsync());
        Assert.All(notices, m => Assert.Contains(reason, m.TextBody));
        Assert.Single(notices, m => m.ToAddress == Santiago); // formulating: he can act again
        Assert.Single(notices, m => m.ToAddress == Accounts.Evaluado); // Camila, in her Autoevaluación I
        Assert.Single(notices, m => m.ToAddress == Accounts.TalentoHumano);
        Assert.Equal(notices.Count, notices.Select(m => m.ToAddress).Distinct().Count());
        var shown = await Ap.HtmlAsync(hr, PeriodPage);
        Assert.Contains(reason, shown);
        Assert.Contains("Cerrar vigencia", shown);

        // Santiago can send his goals again; a second reopening of an open period is refused; it closes again.
        var santiago = await app.SignedInAsync(Santiago);
        var santiagoId = await scenario.EvaluationIdAsync(EvaluationScenario.Santiago);
        Assert.Equal(HttpStatusCode.Redirect,
            (await Ap.PostAsync(santiago, $"/Evaluations/Goals/{santiagoId}", "Submit", Ap.GoalFields(EvaluationScenario.Goals(50, 50)))).StatusCode);
        Assert.Equal(EvaluationState.GoalApproval, (await scenario.EvaluationAsync(EvaluationScenario.Santiago)).State);
        var twice = await Ap.ReadAsync(await hr.PostFormAsync($"{PeriodPage}?handler=Reopen", new() { ["Reason"] = "Otra vez", ["Confirm"] = "true" }, getUrl: PeriodPage));
        Assert.Contains("La «Vigencia 2026» está «Abierta»: solo se reabre una vigencia cerrada.", twice);
        await CloseAsync(hr);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        await RefusedAsync(await Ap.PostAsync(felipe, $"/Evaluations/Approval/{santiagoId}", "Approve", []));
        Assert.Equal(EvaluationState.GoalApproval, (await scenario.EvaluationAsync(EvaluationScenario.Santiago)).State);
    }
}

public sealed class ClosedPeriodTestsSqlite(SqliteHost host) : ClosedPeriodTests(host), IClassFixture<SqliteHost>;

public sealed class ClosedPeriodTestsPostgres(PostgresHost host) : ClosedPeriodTests(host), IClassFixture<PostgresHost>;
