using System.Net;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// Activities 8–10 and 12–13 through the real pages: the evaluado's self-evaluation (draft, submit, bad % refused),
/// the evaluator's approval (reject with reason, modify with a justification per changed field, approve), the
/// evaluado's acceptance of the first follow-up with before/after; refused to anyone else and when stale.
/// </summary>
public abstract class SelfEvaluationPagesTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private int id;

    private const string Camila = EvaluationScenario.Camila;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        // Both follow-up windows around the test clock's today (24/11/2026).
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            var errors = p.SetWindows(p.Windows
                .Select(w => w.Stage is Stage.FirstFollowUp or Stage.SecondFollowUp ? w with { Start = new(2026, 11, 1), End = new(2026, 12, 15) } : w)
                .ToList());
            Assert.Empty(errors);
            await d.SaveChangesAsync();
            return 0;
        });
        await scenario.ActAsync(Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await scenario.ActAsync(Camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await scenario.ActAsync(Camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        id = await scenario.EvaluationIdAsync(Camila);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Self => $"/Evaluations/SelfEvaluation/{id}";
    private string FollowUpApproval => $"/Evaluations/FollowUpApproval/{id}";
    private string FollowUpAcceptance => $"/Evaluations/FollowUpAcceptance/{id}";

    private static Dictionary<string, string> Progress(params (string Percent, string Narrative)[] rows)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < rows.Length; i++)
        {
            fields[$"Progress[{i}].GoalNumber"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[$"Progress[{i}].AchievedPercent"] = rows[i].Percent;
            fields[$"Progress[{i}].Narrative"] = rows[i].Narrative;
        }
        return fields;
    }

    private static async Task RedirectedAsync(HttpResponseMessage response, string what) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: {(int)response.StatusCode} {await Ap.ReadAsync(response)}");

    [Fact]
    public async Task Camila_and_Felipe_go_through_both_follow_ups_with_the_pages()
    {
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var felipe = await app.SignedInAsync(Accounts.Jefe);

        // Her evaluation page links to the self-evaluation.
        var details = await Ap.HtmlAsync(camila, $"/Evaluations/Details/{id}");
        Assert.Contains($"href=\"{Self}\"", details);

        var form = await Ap.HtmlAsync(camila, Self);
        Assert.Contains("Autoevaluación I (primer seguimiento)", form);
        Assert.Contains("% logrado (acumulado, 0–100)", form);
        Assert.Contains("Relato del avance", form);
        Assert.Contains("Meta de prueba 1: elaborar el informe 1 del año", form);
        Assert.Contains("% pactado para el primer seguimiento: 40 %", form);

        // Bad percentages: Spanish messages next to the field, nothing saved.
        var bad = await Ap.PostAsync(camila, Self, "Save", Progress(("120", "Avance uno"), ("abc", "Avance dos")));
        var badHtml = await Ap.ReadAsync(bad);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Meta 1: el % logrado debe estar entre 0 y 100 (escribió 120).", badHtml);
        Assert.Contains("Meta 2: el % logrado debe ser un número entero de 0 a 100 (escribió «abc»).", badHtml);
        Assert.Contains("Avance uno", badHtml); // what was typed is kept
        var afterBad = await scenario.EvaluationAsync(Camila);
        Assert.Empty(afterBad.Progress);
        Assert.Equal(EvaluationState.SelfEvaluationI, afterBad.State);

        // A draft with one goal only is saved; submitting it incomplete is refused.
        await RedirectedAsync(await Ap.PostAsync(camila, Self, "Save", Progress(("30", "Borrador del informe 1"), ("", ""))), "draft");
        var draft = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.SelfEvaluationI, draft.State);
        Assert.Equal([30], draft.ProgressOf(1).Select(p => p.AchievedPercent));
        Assert.Contains("Borrador del informe 1", await Ap.HtmlAsync(camila, Self));
        var incomplete = await Ap.PostAsync(camila, Self, "Submit", Progress(("30", "Borrador del informe 1"), ("", "")));
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        Assert.Contains("Meta 2: escriba el % logrado", await Ap.ReadAsync(incomplete));

        await RedirectedAsync(await Ap.PostAsync(camila, Self, "Submit", Progress(("35", "Se elaboró el borrador del informe 1"), ("45", "Se recopilaron los datos"))), "submit");
        Assert.Equal(EvaluationState.SelfEvaluationIApproval, (await scenario.EvaluationAsync(Camila)).State);

        // Felipe sees the progress; rejecting needs a reason.
        var approval = await Ap.HtmlAsync(felipe, FollowUpApproval);
        Assert.Contains("Se recopilaron los datos", approval);
        Assert.Contains("Aprobar el seguimiento", approval);
        Assert.Contains($"href=\"{FollowUpApproval}\"", await Ap.HtmlAsync(felipe, $"/Evaluations/Details/{id}"));
        var noReason = await Ap.PostAsync(felipe, FollowUpApproval, "Reject", new() { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Escriba el motivo del rechazo.", await Ap.ReadAsync(noReason));
        Assert.Equal(EvaluationState.SelfEvaluationIApproval, (await scenario.EvaluationAsync(Camila)).State);
        await RedirectedAsync(await Ap.PostAsync(felipe, FollowUpApproval, "Reject", new() { ["Reason"] = "Falta detallar el avance de la meta 2." }), "reject");
        Assert.Equal(EvaluationState.SelfEvaluationI, (await scenario.EvaluationAsync(Camila)).State);

        // Camila sees why and sends again.
        var back = await Ap.HtmlAsync(camila, Self);
        Assert.Contains("rechazó su autoevaluación", back);
        Assert.Contains("Falta detallar el avance de la meta 2.", back);
        await RedirectedAsync(await Ap.PostAsync(camila, Self, "Submit", Progress(("35", "Se elaboró el borrador del informe 1"), ("45", "Se recopilaron y depuraron los datos"))), "resubmit");

        // Felipe modifies the % of goal 1: review lists the change; without justification it is refused.
        var edit = await Ap.HtmlAsync(felipe, $"{FollowUpApproval}?handler=Modify");
        Assert.Contains("Revisar cambios", edit);
        var edited = Progress(("30", "Se elaboró el borrador del informe 1"), ("45", "Se recopilaron y depuraron los datos"));
        var review = await Ap.PostAsync(felipe, FollowUpApproval, "Review", edited);
        var reviewHtml = await Ap.ReadAsync(review);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Contains("paso 2 de 2", reviewHtml);
        Assert.Contains("name=\"Justifications[1.AchievedPercent]\"", reviewHtml);
        Assert.DoesNotContain("name=\"Justifications[2.AchievedPercent]\"", reviewHtml);
        Assert.DoesNotContain("name=\"Justifications[1.Narrative]\"", reviewHtml);
        var missing = await Ap.PostAsync(felipe, FollowUpApproval, "Modify", edited);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Meta 1: justifique el cambio de «% logrado».", await Ap.ReadAsync(missing));
        Assert.Equal(EvaluationState.SelfEvaluationIApproval, (await scenario.EvaluationAsync(Camila)).State);
        edited["Justifications[1.AchievedPercent]"] = "El borrador aún no tiene la revisión jurídica.";
        await RedirectedAsync(await Ap.PostAsync(felipe, FollowUpApproval, "Modify", edited), "modify");
        var modified = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.SelfEvaluationIAcceptance, modified.State);
        Assert.Equal([30, 45], modified.ProgressOf(1).Select(p => p.AchievedPercent));

        // Camila sees before/after with the justification and accepts: Autoevaluación II.
        Assert.Contains($"href=\"{FollowUpAcceptance}\"", await Ap.HtmlAsync(camila, $"/Evaluations/Details/{id}"));
        var acceptance = await Ap.HtmlAsync(camila, FollowUpAcceptance);
        Assert.Contains("modificó su autoevaluación", acceptance);
        Assert.Contains("35 %", acceptance);
        Assert.Contains("30 %", acceptance);
        Assert.Contains("El borrador aún no tiene la revisión jurídica.", acceptance);
        await RedirectedAsync(await Ap.PostAsync(camila, FollowUpAcceptance, "Accept", []), "accept");
        Assert.Equal(EvaluationState.SelfEvaluationII, (await scenario.EvaluationAsync(Camila)).State);
        // 60 × 30/40 + 40 × min(45/40, 1) = 85,00: above the No satisfactorio band, no early warning.
        var accepted = await Ap.HtmlAsync(camila, $"/Evaluations/Details/{id}");
        Assert.Contains("id=\"rs-first\">85,00<", accepted);
        Assert.DoesNotContain("id=\"rs-alerta\"", accepted);

        // Follow-up II: the first follow-up is shown as information; she submits, Felipe approves.
        var second = await Ap.HtmlAsync(camila, Self);
        Assert.Contains("Autoevaluación II (segundo seguimiento)", second);
        Assert.Contains("Avance del primer seguimiento", second);
        Assert.Contains("Avance del primer seguimiento: 30 %", second);
        await RedirectedAsync(await Ap.PostAsync(camila, Self, "Submit", Progress(("100", "Informe 1 publicado"), ("90", "Informe 2 en revisión final"))), "submit II");
        Assert.Equal(EvaluationState.SelfEvaluationIIApproval, (await scenario.EvaluationAsync(Camila)).State);
        Assert.Contains("Informe 2 en revisión final", await Ap.HtmlAsync(felipe, FollowUpApproval));
        await RedirectedAsync(await Ap.PostAsync(felipe, FollowUpApproval, "Approve", new() { ["Comment"] = "Buen cierre del año." }), "approve II");

        var final = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.CompetencyRating, final.State);
        Assert.Equal([100, 90], final.ProgressOf(2).Select(p => p.AchievedPercent));
        Assert.Equal([30, 45], final.ProgressOf(1).Select(p => p.AchievedPercent));
        Assert.Equal("Buen cierre del año.", final.History.OrderBy(h => h.Sequence).Last().Comment);
        Assert.Contains($"href=\"/Evaluations/Competencies/{id}\"", await Ap.HtmlAsync(felipe, $"/Evaluations/Details/{id}"));
    }

    /// <summary>
    /// SPEC §4: the first follow-up is informative, «for early warnings». Accepted at 65,00 (the top of the default No
    /// satisfactorio band) it is one: the jefe's e-mail says so, the evaluation page shows it, the stage-2 report lists it
    /// and the dashboard counts it. When Talento Humano moves the period's scale (No satisfactorio up to 60), the save
    /// recomputes the stored fact and the tallies, and every page follows at once.
    /// </summary>
    [Fact]
    public async Task A_first_follow_up_accepted_in_the_no_satisfactorio_band_is_an_early_warning_everywhere_until_the_scale_moves()
    {
        // Goals 60/40 agreed at 40 % each for the first follow-up; 30 and 20 % achieved: 60 × 30/40 + 40 × 20/40 = 65,00.
        await scenario.ActAsync(Camila, (e, p) => e.SubmitSelfEvaluation(p.Evaluado, 1, Reports.ConsolidationApp.Progress(1, 30, 20), p.Context));
        await scenario.ActAsync(Camila, (e, p) => e.ApproveSelfEvaluation(p.Evaluator, 1, p.Context));
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var before = await app.WithDbAsync(d => d.OutboxMessages.Select(m => (long?)m.Id).MaxAsync()) ?? 0;
        await RedirectedAsync(await Ap.PostAsync(camila, FollowUpAcceptance, "Accept", []), "accept");

        var mail = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Id > before).SingleAsync());
        Assert.Equal("EGI — Camila Andrea Salazar Nieto aceptó su autoevaluación I", mail.Subject);
        Assert.Contains("Puntaje del primer seguimiento (informativo): 65,00.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Es una alerta temprana: el puntaje quedó en el rango «No satisfactorio» de la vigencia (hasta 65,00).", mail.TextBody, StringComparison.Ordinal);
        var details = await Ap.HtmlAsync(camila, $"/Evaluations/Details/{id}");
        Assert.Contains("id=\"rs-first\">65,00<", details);
        Assert.Contains("id=\"rs-alerta\"", details);
        // Felipe's «Todos sus evaluados» says it beside her step; Santiago, not yet in the first follow-up, has none.
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var everyone = Reports.HtmlTables.Rows(await Ap.HtmlAsync(felipe, "/Evaluations/ToApprove"), "tabla-todos");
        Assert.Equal("65,00 (alerta temprana)", everyone.Single(r => r[0] == "Camila Andrea Salazar Nieto")[5]);
        Assert.Equal("—", everyone.Single(r => r[0].StartsWith("Santiago", StringComparison.Ordinal))[5]);

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var report = await Ap.HtmlAsync(hr, "/Reports/Stage2?alertas=1");
        Assert.Equal([Camila], Reports.HtmlTables.Rows(report, "servidores").Select(r => r[0]));
        Assert.Equal("1", Reports.HtmlTables.Rows(report, "resumen")[^1][^1]);
        Assert.Equal(["Total entidad", "0", "1", "1"], Reports.HtmlTables.Rows(await Ap.HtmlAsync(hr, "/Dashboard"), "datos-alertas")[^1]);

        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            p.Settings.UnsatisfactoryUpTo = 60m;
            await d.SaveChangesAsync();
            return 0;
        });
        Assert.False((await scenario.EvaluationAsync(Camila)).Facts.EarlyWarning);
        report = await Ap.HtmlAsync(hr, "/Reports/Stage2?alertas=1");
        Assert.False(Reports.HtmlTables.HasTable(report, "servidores"));
        Assert.Equal("0", Reports.HtmlTables.Rows(report, "resumen")[^1][^1]);
        var dashboard = await Ap.HtmlAsync(hr, "/Dashboard");
        Assert.Equal(["Total entidad", "1", "0", "1"], Reports.HtmlTables.Rows(dashboard, "datos-alertas")[^1]);
        Assert.DoesNotContain("alertas=1", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"rs-alerta\"", await Ap.HtmlAsync(camila, $"/Evaluations/Details/{id}"));
        everyone = Reports.HtmlTables.Rows(await Ap.HtmlAsync(felipe, "/Evaluations/ToApprove"), "tabla-todos");
        Assert.Equal("65,00", everyone.Single(r => r[0] == "Camila Andrea Salazar Nieto")[5]);
    }

    [Fact]
    public async Task Only_the_right_person_opens_each_page_and_a_stale_save_is_refused()
    {
        // Anonymous: to the sign-in page.
        foreach (var url in new[] { Self, FollowUpApproval, FollowUpAcceptance })
        {
            var anonymous = await app.NewClient().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString);
        }

        // Consulta and another jefe: 404 on every form; Felipe: 404 on Camila's forms.
        foreach (var account in new[] { Accounts.Consulta, Accounts.Planeacion })
        {
            var client = await app.SignedInAsync(account);
            foreach (var url in new[] { Self, FollowUpApproval, FollowUpAcceptance })
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        Assert.Equal(HttpStatusCode.NotFound, (await felipe.GetAsync(Self)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await felipe.GetAsync(FollowUpAcceptance)).StatusCode);

        // Their POSTs change nothing.
        var version = (await scenario.EvaluationAsync(Camila)).Version.ToString();
        var consulta = await app.SignedInAsync(Accounts.Consulta);
        var post = await consulta.PostFormAsync($"{Self}?handler=Submit", new(Progress(("50", "x"), ("50", "y"))) { ["Version"] = version }, getUrl: "/");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        // Camila sends; then she cannot open the approval page.
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        await RedirectedAsync(await Ap.PostAsync(camila, Self, "Submit", Progress(("35", "Avance 1"), ("45", "Avance 2"))), "submit");
        Assert.Equal(HttpStatusCode.NotFound, (await camila.GetAsync(FollowUpApproval)).StatusCode);
        var sent = await scenario.EvaluationAsync(Camila);
        var own = await camila.PostFormAsync($"{FollowUpApproval}?handler=Approve", new() { ["Version"] = sent.Version.ToString() }, getUrl: "/");
        Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);
        var other = await app.SignedInAsync(Accounts.Planeacion);
        var foreign = await other.PostFormAsync($"{FollowUpApproval}?handler=Approve", new() { ["Version"] = sent.Version.ToString() }, getUrl: "/");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(EvaluationState.SelfEvaluationIApproval, (await scenario.EvaluationAsync(Camila)).State);

        // Back to her: a save over an old version is refused with the message; the newer data stays.
        await scenario.ActAsync(Camila, (e, p) => e.RejectSelfEvaluation(p.Evaluator, 1, "Revise la meta 2.", p.Context));
        var old = Ap.Version(await Ap.HtmlAsync(camila, Self));
        await RedirectedAsync(await Ap.PostAsync(camila, Self, "Save", Progress(("40", "Versión nueva"), ("45", "Avance 2"))), "save");
        var stale = await Ap.PostAsync(camila, Self, "Save", Progress(("10", "Versión vieja"), ("10", "Vieja")), version: old);
        var staleHtml = await Ap.ReadAsync(stale);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains(EvaluationMessages.StaleEvaluation, staleHtml);
        Assert.Contains("Versión vieja", staleHtml);
        var kept = await scenario.EvaluationAsync(Camila);
        Assert.Equal([40, 45], kept.ProgressOf(1).Select(p => p.AchievedPercent));
    }
}

public sealed class SelfEvaluationPagesTestsSqlite(SqliteHost host) : SelfEvaluationPagesTests(host), IClassFixture<SqliteHost>;

public sealed class SelfEvaluationPagesTestsPostgres(PostgresHost host) : SelfEvaluationPagesTests(host), IClassFixture<PostgresHost>;
