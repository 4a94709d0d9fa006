using System.Net;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Notifications;
using Egi.Web.Tests.Infrastructure;
using Egi.Web.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// Issue 13: a servant hired on 1 September of the period year, with the default calendar of SPEC §3 (goals until 31/03,
/// first follow-up until 30/06, second follow-up 01/01–28/02 of the next year). Camila's fecha de ingreso is moved to
/// 01/09/2026; she agrees her goals within her own 15 working days (until 22/09), the first follow-up does not apply to
/// her («No aplica (ingreso posterior)»), nobody counts her late for it, her own deadline is what reminders use, and she
/// reaches a final rating in February without Talento Humano reopening anything.
/// </summary>
public abstract class LateHireTests(LateHireHost host) : IAsyncLifetime
{
    // The host starts on 01/09/2026 10:00 in Bogotá, the day she is hired (the clock only moves forward).
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private int id;

    private const string Camila = EvaluationScenario.Camila;
    private const string CamilaName = "Camila Andrea Salazar Nieto";
    private const string FelipeName = "Felipe Antonio Navarro Restrepo";
    private static readonly DateOnly Hired = new(2026, 9, 1);

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            Assert.Empty(p.SetWindows(StageInfo.All.Select(s => s.DefaultWindow(2026)).ToList()));
            var camila = await d.Servants.SingleAsync(s => s.DocumentNumber == Camila);
            camila.HireDate = Hired;
            await d.SaveChangesAsync();
        });
        id = await scenario.EvaluationIdAsync(Camila);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>10:00 in Bogotá on that day.</summary>
    private void Today(int year, int month, int day) => app.Clock.SetUtcNow(new DateTimeOffset(year, month, day, 15, 0, 0, TimeSpan.Zero));

    private static async Task RedirectedAsync(HttpResponseMessage response, string what) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: {(int)response.StatusCode} {await Ap.ReadAsync(response)}");

    /// <summary>The names in the «Atrasados» and «Próximos a vencer» tables of /Control for one stage.</summary>
    private static async Task<(string Late, string Soon)> ControlAsync(HttpClient hr, Stage stage)
    {
        var html = await Ap.HtmlAsync(hr, $"/Control?etapa={(int)stage}");
        static string Names(string html, string table) =>
            HtmlTables.HasTable(html, table) ? string.Join(" | ", HtmlTables.Rows(html, table).Select(r => string.Join(" ", r))) : "";
        return (Names(html, "tabla-atrasados"), Names(html, "tabla-proximos"));
    }

    [Fact]
    public async Task Hired_on_1_September_she_agrees_goals_skips_the_first_follow_up_and_reaches_a_final_rating_without_any_reopening()
    {
        // 10/09: formulating within her own window. Neither stage 1 nor the first follow-up counts her late; Felipe,
        // hired years ago and still formulating, is late on both.
        Today(2026, 9, 10);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var goals = await ControlAsync(hr, Stage.GoalSetting);
        Assert.DoesNotContain(CamilaName, goals.Late);
        Assert.Contains(FelipeName, goals.Late);
        var firstFollowUp = await ControlAsync(hr, Stage.FirstFollowUp);
        Assert.DoesNotContain(CamilaName, firstFollowUp.Late + firstFollowUp.Soon);
        Assert.Contains(FelipeName, firstFollowUp.Late);
        // The semestral control report (activities 17 and 20) counts the same people late on the goals as /Control.
        var report = HtmlTables.Rows(await Ap.HtmlAsync(hr, $"/Reports/Control?vigencia={scenario.PeriodId}"), "ctl-tabla-atrasadas");
        var lateOnGoals = HtmlTables.Rows(await Ap.HtmlAsync(hr, $"/Control?etapa={(int)Stage.GoalSetting}"), "tabla-atrasados").Count;
        Assert.Equal(lateOnGoals.ToString(System.Globalization.CultureInfo.InvariantCulture), report.Single(r => r[0] == Stage.GoalSetting.Label())[^1]);
        var facts = (await scenario.EvaluationAsync(Camila)).Facts;
        Assert.Equal((new DateOnly(2026, 9, 22), false), (facts.GoalsDeadline, facts.FollowUpIApplies));

        // She formulates and sends; Felipe approves (activities 4–5).
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        await RedirectedAsync(await Ap.PostAsync(camila, $"/Evaluations/Goals/{id}", "Submit", Ap.GoalFields(EvaluationScenario.Goals(60, 40))), "submit goals");
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        await RedirectedAsync(await Ap.PostAsync(felipe, $"/Evaluations/Approval/{id}", "Approve", []), "approve goals");

        // 22/09, her last day: she accepts. The first follow-up closed on 30/06, before: it does not apply, and the
        // evaluation goes on to the second follow-up.
        Today(2026, 9, 22);
        camila = await app.SignedInAsync(Accounts.Evaluado);
        var lastMessage = await app.WithDbAsync(d => d.OutboxMessages.Select(m => (long?)m.Id).MaxAsync()) ?? 0;
        await RedirectedAsync(await Ap.PostAsync(camila, $"/Evaluations/Acceptance/{id}", "Accept", []), "accept goals");
        var details = await Ap.HtmlAsync(camila, $"/Evaluations/Details/{id}");
        Assert.Contains("id=\"estado-evaluacion\">Autoevaluación II</span>", details);
        Assert.Contains("No aplica (ingreso posterior): la evaluación cubre el tiempo laborado desde la fecha de ingreso (01/09/2026).", details);
        Assert.Contains("id=\"rs-first\">No aplica (ingreso posterior)<", details);
        Assert.Contains("Seguimiento no aplica", details);
        Assert.Contains("La ventana de «Segundo seguimiento (autoevaluación II) y competencias» abre el 01/01/2027 y va hasta el 28/02/2027.", details);
        var told = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Id > lastMessage).ToListAsync());
        var toCamila = Assert.Single(told, m => m.ToAddress == Accounts.Evaluado);
        Assert.Equal(nameof(MailKind.FollowUpNotApplicable), toCamila.Kind);
        Assert.Equal("EGI — sus metas quedaron concertadas; el primer seguimiento no aplica (ingreso posterior)", toCamila.Subject);
        Assert.Contains("la ventana del primer seguimiento cerró el 30/06/2026, antes de que las metas quedaran concertadas el 22/09/2026", toCamila.TextBody, StringComparison.Ordinal);
        // Felipe learns both facts in one e-mail: the goals are agreed and she goes on to the second follow-up.
        var toFelipe = Assert.Single(told, m => m.ToAddress == Accounts.Jefe);
        Assert.StartsWith($"EGI — {CamilaName} aceptó las metas; su primer seguimiento no aplica", toFelipe.Subject, StringComparison.Ordinal);
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal((EvaluationState.SelfEvaluationII, FollowUpExemption.LateHire, false), (e.State, e.FollowUpIExemption, e.Facts.FollowUpIApplies));

        // 23/09: late nowhere, pending nowhere (the second follow-up opens in January).
        Today(2026, 9, 23);
        hr = await app.SignedInAsync(Accounts.TalentoHumano);
        foreach (var stage in new[] { Stage.GoalSetting, Stage.FirstFollowUp, Stage.SecondFollowUp })
        {
            var control = await ControlAsync(hr, stage);
            Assert.DoesNotContain(CamilaName, control.Late + control.Soon);
        }
        // Activity 11's report says why she has no first follow-up.
        var stage2 = HtmlTables.Rows(await Ap.HtmlAsync(hr, $"/Reports/Stage2?vigencia={scenario.PeriodId}"), "servidores").Single(r => r[0] == Camila);
        Assert.Equal(["Autoevaluación II", "No aplica (ingreso posterior)"], stage2.Skip(5).Take(2));

        // 10/02/2027, inside the second follow-up's window: she reports, Felipe approves and rates, she accepts.
        Today(2027, 2, 10);
        camila = await app.SignedInAsync(Accounts.Evaluado);
        felipe = await app.SignedInAsync(Accounts.Jefe);
        await RedirectedAsync(await Ap.PostAsync(camila, $"/Evaluations/SelfEvaluation/{id}", "Submit",
            Ap.ProgressFields((80, "Informe 1 publicado en diciembre"), (70, "Informe 2 en revisión final"))), "submit II");
        await RedirectedAsync(await Ap.PostAsync(felipe, $"/Evaluations/FollowUpApproval/{id}", "Approve", []), "approve II");
        var competencies = $"/Evaluations/Competencies/{id}";
        var rating = Ap.RatingFields(await Ap.HtmlAsync(felipe, competencies), _ => (3, ""));
        await RedirectedAsync(await felipe.PostFormAsync(competencies, rating, getUrl: competencies), "rate");
        await RedirectedAsync(await Ap.PostAsync(camila, $"/Evaluations/FinalAcceptance/{id}", "Accept", []), "accept final");

        // Goals 60 × 80 % + 40 × 70 % = 76,00 (second follow-up); Frecuentemente everywhere = 75,00;
        // final 0,85 × 76 + 0,15 × 75 = 75,85, Satisfactorio — as for anyone with that second follow-up.
        var sheet = await Ap.HtmlAsync(camila, $"/Evaluations/Result/{id}");
        Assert.Contains("id=\"cr-goals\">76,00<", sheet);
        Assert.Contains("id=\"cr-final\"><strong>75,85</strong>", sheet);
        e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.Finalized, e.State);
        Assert.DoesNotContain(e.History, h => h.Action == EvaluationAction.ReopenStep);
        Assert.Empty(e.Reopenings);
        Assert.Null(e.Facts.FirstFollowUpScore);
        hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var annual = HtmlTables.RowByHeaders(await Ap.HtmlAsync(hr, $"/Reports/Annual?vigencia={scenario.PeriodId}"), "servidores", Camila);
        string[] columns = ["Estado", "En espera de", "Calificación primer seguimiento", "Componente metas", "Componente competencias", "Calificación final", "Nivel"];
        Assert.Equal(["Finalizada", "—", "—", "76,00", "75,00", "75,85", "Satisfactorio"], columns.Select(c => annual[c]));
        Assert.Equal("—", annual["Fecha de aceptación de la evaluación I"]);
        Assert.Matches(@"^\d{2}/\d{2}/\d{4}$", annual["Fecha de concertación de metas"]);
    }

    [Fact]
    public async Task The_stage_closing_reminder_measures_against_her_own_deadline_not_the_closed_stage_window()
    {
        // 15/09/2026 07:00: five working days before her own last day for the goals (22/09). The stage window closed on
        // 31/03, so nobody else is reminded of the goals, and the first follow-up (closed 30/06) reminds nobody.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 15, 7, 0, 0, TimeSpan.FromHours(-5)));
        await app.Services.GetRequiredService<Scheduler>().RunDueAsync(default);
        var reminders = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == nameof(MailKind.DeadlineReminder) || m.Kind == nameof(MailKind.StageClosing)).ToListAsync());
        var toCamila = Assert.Single(reminders);
        Assert.Equal(Accounts.Evaluado, toCamila.ToAddress);
        Assert.Equal("EGI — su plazo para «Formulación y concertación de metas» vence el 22/09/2026", toCamila.Subject);
        Assert.Contains($"/Evaluations/Goals/{id}", toCamila.TextBody);
        var record = await app.WithDbAsync(d => d.Set<Egi.Domain.Process.ReminderRecord>().AsNoTracking().SingleAsync());
        Assert.Equal((id, Stage.GoalSetting), (record.EvaluationId, record.Stage));
    }
}

public sealed class LateHireTestsSqlite(LateHireSqliteHost host) : LateHireTests(host), IClassFixture<LateHireSqliteHost>;

public sealed class LateHireTestsPostgres(LateHirePostgresHost host) : LateHireTests(host), IClassFixture<LateHirePostgresHost>;

/// <summary>A shared host whose clock starts on 01/09/2026 10:00 in Bogotá, the day she is hired.</summary>
public abstract class LateHireHost(Db db) : SharedHost(db, clock: new DateTimeOffset(2026, 9, 1, 15, 0, 0, TimeSpan.Zero));

public sealed class LateHireSqliteHost() : LateHireHost(Db.Sqlite);

public sealed class LateHirePostgresHost() : LateHireHost(Db.Postgres);
