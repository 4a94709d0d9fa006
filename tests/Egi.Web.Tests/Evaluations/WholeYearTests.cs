using System.Net;
using System.Text;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Egi.Web.Tests.Reports;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// Issue #5: the whole year of one evaluado through the real pages, from agreed goals to «Finalizada». Camila
/// self-evaluates the first follow-up with an evidence file, Felipe rejects it once, she sends again, he approves,
/// she accepts; the second follow-up is approved and the competencies rated; she does not accept the final result,
/// corrects the second follow-up, it is approved and rated again, and she accepts. At every step the test reads
/// what the people see: the state on the evaluation page and the notification to whoever acts next (outbox and
/// inbox); at the end the result sheet and the annual report show the same score, worked by hand.
/// </summary>
public abstract partial class WholeYearTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private int id;
    private long lastMessage;

    private const string Camila = EvaluationScenario.Camila;
    private const string CamilaName = "Camila Andrea Salazar Nieto";
    private const string FelipeName = "Felipe Antonio Navarro Restrepo";
    private const string Legend = "Esta calificación no otorga derechos de carrera administrativa.";

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        // Both follow-up windows (activities 8–15) around the test clock's today (24/11/2026), as Talento Humano would set them.
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            var errors = p.SetWindows(p.Windows
                .Select(w => w.Stage is Stage.FirstFollowUp or Stage.SecondFollowUp ? w with { Start = new(2026, 11, 1), End = new(2026, 12, 15) } : w)
                .ToList());
            Assert.Empty(errors);
            await d.SaveChangesAsync();
        });
        // Goals 60/40, 40 % agreed for the first follow-up: agreed (stage 1 has its own page tests).
        await scenario.ActAsync(Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await scenario.ActAsync(Camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await scenario.ActAsync(Camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        id = await scenario.EvaluationIdAsync(Camila);
        lastMessage = await app.WithDbAsync(d => d.OutboxMessages.Select(m => (long?)m.Id).MaxAsync()) ?? 0;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Details => $"/Evaluations/Details/{id}";
    private string Self => $"/Evaluations/SelfEvaluation/{id}";
    private string Approval => $"/Evaluations/FollowUpApproval/{id}";
    private string FirstAcceptance => $"/Evaluations/FollowUpAcceptance/{id}";
    private string Competencies => $"/Evaluations/Competencies/{id}";
    private string FinalAcceptance => $"/Evaluations/FinalAcceptance/{id}";
    private string Result => $"/Evaluations/Result/{id}";

    private static Dictionary<string, string> Progress(params (int Percent, string Narrative)[] rows) => Ap.ProgressFields(rows);

    private static byte[] Pdf()
    {
        var bytes = new byte[400];
        Encoding.ASCII.GetBytes("%PDF-1.4\n%informe de avance\n").CopyTo(bytes, 0);
        return bytes;
    }

    private static async Task RedirectedAsync(HttpResponseMessage response, string what) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: {(int)response.StatusCode} {await Ap.ReadAsync(response)}");

    /// <summary>The state badge of the evaluation page, as <paramref name="client"/> sees it.</summary>
    private async Task<string> SeesStateAsync(HttpClient client, string label)
    {
        var html = await Ap.HtmlAsync(client, Details);
        Assert.Contains($"id=\"estado-evaluacion\">{label}</span>", html);
        return html;
    }

    /// <summary>
    /// Exactly one new message since the last step, e-mailed to <paramref name="email"/> with <paramref name="subject"/> and
    /// a link to <paramref name="page"/> (where that person acts), and the same line in that person's inbox page.
    /// Returns the message's text.
    /// </summary>
    private async Task<string> NotifiedAsync(string email, string subject, string page, HttpClient inboxOf)
    {
        var messages = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Id > lastMessage).OrderBy(m => m.Id).ToListAsync());
        var message = Assert.Single(messages);
        Assert.Equal(email, message.ToAddress);
        Assert.Equal(subject, message.Subject);
        Assert.Contains(page, message.TextBody);
        lastMessage = message.Id;
        Assert.Contains(subject, await Ap.HtmlAsync(inboxOf, "/Notifications"));
        return message.TextBody;
    }

    /// <summary>Felipe rates every competency the page lists: Siempre (4), except «Trabajo en equipo» Frecuentemente (3).</summary>
    private async Task RateAsync(HttpClient felipe)
    {
        var html = await Ap.HtmlAsync(felipe, Competencies);
        var fields = Ap.RatingFields(html, name => name == "Trabajo en equipo" ? (3, "Puede coordinarse mejor con el equipo.") : (4, ""));
        var names = fields.Where(f => f.Key.EndsWith("].Competency", StringComparison.Ordinal)).Select(f => f.Value).ToList();
        Assert.Equal(10, names.Count); // profesional without staff: 6 common + 4
        Assert.Contains("Trabajo en equipo", names);
        await RedirectedAsync(await felipe.PostFormAsync(Competencies, fields, getUrl: Competencies), "rate");
    }

    [Fact]
    public async Task Camila_goes_from_agreed_goals_to_Finalizada_with_one_rejection_and_one_non_acceptance()
    {
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var felipeEmail = Accounts.Jefe;
        var camilaEmail = Accounts.Evaluado;

        // Activity 8: Autoevaluación I, with an evidence file on goal 1.
        var details = await SeesStateAsync(camila, "Autoevaluación I");
        Assert.Contains($"href=\"{Self}\"", details);
        var form = await Ap.HtmlAsync(camila, Self);
        var uploaded = await camila.PostFileAsync($"{Self}?handler=Upload", Self, "EvidenceFile", "informe-avance.pdf", Pdf(), new Dictionary<string, string>
        {
            ["Version"] = Ap.Version(form),
            ["EvidenceGoal"] = "1",
        });
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Contains("Se adjuntó la evidencia a la meta 1", await Ap.ReadAsync(uploaded));
        var evidence = await app.WithDbAsync(d => d.EvidenceItems.AsNoTracking().SingleAsync(x => x.EvaluationId == id));
        Assert.Equal("informe-avance.pdf", evidence.OriginalName);
        await RedirectedAsync(await Ap.PostAsync(camila, Self, "Submit", Progress((20, "Se elaboró el borrador del informe 1"), (45, "Se recopilaron los datos"))), "submit I");
        await SeesStateAsync(camila, "Aprobación de la evaluación I");
        await NotifiedAsync(felipeEmail, $"EGI — {CamilaName} le envió su autoevaluación I para aprobar", Approval, felipe);

        // Activity 9: Felipe reads the progress and the evidence, and rejects with a reason.
        var approval = await Ap.HtmlAsync(felipe, Approval);
        Assert.Contains("Se recopilaron los datos", approval);
        Assert.Contains($"href=\"/Evaluations/Evidence/{evidence.Id}\"", approval);
        var download = await felipe.GetAsync($"/Evaluations/Evidence/{evidence.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf(), await download.Content.ReadAsByteArrayAsync());
        await RedirectedAsync(await Ap.PostAsync(felipe, Approval, "Reject", new() { ["Reason"] = "El informe 1 ya tiene la revisión técnica: actualice su avance." }), "reject I");
        await SeesStateAsync(felipe, "Autoevaluación I");
        var rejected = await NotifiedAsync(camilaEmail, $"EGI — {FelipeName} rechazó su autoevaluación I", Self, camila);
        Assert.Contains("El informe 1 ya tiene la revisión técnica: actualice su avance.", rejected);

        // Back to Camila: she reads why, her evidence is still there, and she sends again.
        var back = await Ap.HtmlAsync(camila, Self);
        Assert.Contains("rechazó su autoevaluación", back);
        Assert.Contains("El informe 1 ya tiene la revisión técnica: actualice su avance.", back);
        Assert.Contains("informe-avance.pdf", back);
        Assert.Contains("Se elaboró el borrador del informe 1", back); // what she had sent is kept
        await RedirectedAsync(await Ap.PostAsync(camila, Self, "Submit", Progress((30, "Informe 1 con revisión técnica"), (45, "Se recopilaron los datos"))), "resubmit I");
        await SeesStateAsync(camila, "Aprobación de la evaluación I");
        await NotifiedAsync(felipeEmail, $"EGI — {CamilaName} le envió su autoevaluación I para aprobar", Approval, felipe);

        // Felipe approves; activity 10: Camila accepts.
        await RedirectedAsync(await Ap.PostAsync(felipe, Approval, "Approve", new() { ["Comment"] = "Avance conforme a lo pactado." }), "approve I");
        await SeesStateAsync(felipe, "Aceptación de la evaluación I");
        await NotifiedAsync(camilaEmail, $"EGI — {FelipeName} aprobó su autoevaluación I: falta su aceptación", FirstAcceptance, camila);
        Assert.Contains("Avance conforme a lo pactado.", await Ap.HtmlAsync(camila, FirstAcceptance));
        await RedirectedAsync(await Ap.PostAsync(camila, FirstAcceptance, "Accept", []), "accept I");
        details = await SeesStateAsync(camila, "Autoevaluación II");
        // Felipe learns that she accepted, with the (informative) score; she is not told of her own action.
        var accepted = await NotifiedAsync(felipeEmail, $"EGI — {CamilaName} aceptó su autoevaluación I", Details, felipe);
        Assert.Contains("Puntaje del primer seguimiento (informativo): 85,00.", accepted);
        Assert.DoesNotContain("alerta temprana", accepted, StringComparison.Ordinal); // 85,00 is above the No satisfactorio band
        // First follow-up: 60 × min(30/40, 1) + 40 × min(45/40, 1) = 45 + 40 = 85,00 (informative).
        Assert.Contains("id=\"rs-first\">85,00<", details);

        // Activities 12–13: Autoevaluación II, approved.
        await RedirectedAsync(await Ap.PostAsync(camila, Self, "Submit", Progress((80, "Informe 1 en revisión jurídica"), (70, "Informe 2 en borrador"))), "submit II");
        await SeesStateAsync(camila, "Aprobación de la evaluación II");
        await NotifiedAsync(felipeEmail, $"EGI — {CamilaName} le envió su autoevaluación II para aprobar", Approval, felipe);
        await RedirectedAsync(await Ap.PostAsync(felipe, Approval, "Approve", []), "approve II");
        await SeesStateAsync(felipe, "Calificación de competencias");
        await NotifiedAsync(camilaEmail, $"EGI — {FelipeName} aprobó su autoevaluación II", Details, camila);

        // Activity 14: Felipe rates the competencies. Goals 60 × 80 % + 40 × 70 % = 76,00; competencies 39/40 = 97,50;
        // final 0,85 × 76 + 0,15 × 97,5 = 79,225 → 79,23, Satisfactorio.
        await RateAsync(felipe);
        await SeesStateAsync(felipe, "Aceptación final");
        await NotifiedAsync(camilaEmail, "EGI — su resultado final: 79,23 (Satisfactorio): revíselo y acéptelo", FinalAcceptance, camila);
        var final = await Ap.HtmlAsync(camila, FinalAcceptance);
        Assert.Contains("id=\"cr-goals\">76,00<", final);
        Assert.Contains("id=\"cr-competencies\">97,50<", final);
        Assert.Contains("id=\"cr-final\"><strong>79,23</strong>", final);
        Assert.Contains("Satisfactorio", final);

        // Activity 15: she does not accept, with a reason: back to Autoevaluación II.
        await RedirectedAsync(await Ap.PostAsync(camila, FinalAcceptance, "NotAccept", new() { ["Reason"] = "El informe 1 ya fue publicado: mi avance es 100 %." }), "not accept final");
        await SeesStateAsync(camila, "Autoevaluación II");
        var notAccepted = await NotifiedAsync(felipeEmail, $"EGI — {CamilaName} no aceptó su resultado final", Details, felipe);
        Assert.Contains("El informe 1 ya fue publicado: mi avance es 100 %.", notAccepted);
        Assert.Contains("El informe 1 ya fue publicado: mi avance es 100 %.", await Ap.HtmlAsync(felipe, Details)); // in the history
        Assert.Contains("Informe 2 en borrador", await Ap.HtmlAsync(camila, Self)); // her last version is kept

        // She corrects the second follow-up; Felipe approves and rates again; she accepts.
        await RedirectedAsync(await Ap.PostAsync(camila, Self, "Submit", Progress((100, "Informe 1 publicado"), (90, "Informe 2 en revisión final"))), "resubmit II");
        await NotifiedAsync(felipeEmail, $"EGI — {CamilaName} le envió su autoevaluación II para aprobar", Approval, felipe);
        await RedirectedAsync(await Ap.PostAsync(felipe, Approval, "Approve", []), "approve II again");
        await NotifiedAsync(camilaEmail, $"EGI — {FelipeName} aprobó su autoevaluación II", Details, camila);
        await RateAsync(felipe);
        await NotifiedAsync(camilaEmail, "EGI — su resultado final: 96,23 (Sobresaliente): revíselo y acéptelo", FinalAcceptance, camila);
        // Goals 60 × 100 % + 40 × 90 % = 96,00; final 0,85 × 96 + 0,15 × 97,5 = 96,225 → 96,23 (half-up), Sobresaliente.
        final = await Ap.HtmlAsync(camila, FinalAcceptance);
        Assert.Contains("id=\"cr-final\"><strong>96,23</strong>", final);
        await RedirectedAsync(await Ap.PostAsync(camila, FinalAcceptance, "Accept", []), "accept final");
        details = await SeesStateAsync(camila, "Finalizada");
        // Her receipt names her result; Felipe's message names her; both link to the result sheet.
        var closing = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Id > lastMessage).OrderBy(m => m.ToAddress).ToListAsync());
        Assert.Equal([(camilaEmail, "EGI — usted aceptó su resultado final: 96,23 (Sobresaliente)"), (felipeEmail, $"EGI — {CamilaName} aceptó su resultado final: 96,23 (Sobresaliente)")],
            closing.Select(m => (m.ToAddress, m.Subject)).OrderBy(m => m.Item1 == camilaEmail ? 0 : 1));
        Assert.All(closing, m => Assert.Contains(Result, m.TextBody));
        Assert.Contains($"href=\"{Result}\"", details);
        await SeesStateAsync(felipe, "Finalizada");

        // The result sheet: calificación definitiva, level and the legend.
        var sheet = await Ap.HtmlAsync(camila, Result);
        Assert.Contains("id=\"cr-goals\">96,00<", sheet);
        Assert.Contains("id=\"cr-competencies\">97,50<", sheet);
        Assert.Contains("id=\"cr-final\"><strong>96,23</strong>", sheet);
        Assert.Contains("Sobresaliente", sheet);
        Assert.Contains(Legend, sheet);
        Assert.Contains(CamilaName, sheet);

        // The evaluation kept every round: two self-evaluations I, two II, two ratings.
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.Finalized, e.State);
        Assert.Equal([100, 90], e.ProgressOf(2).Select(p => p.AchievedPercent));
        Assert.Equal([30, 45], e.ProgressOf(1).Select(p => p.AchievedPercent));
        Assert.Contains(e.History, h => h.Action == EvaluationAction.Reject && h.Comment == "El informe 1 ya tiene la revisión técnica: actualice su avance.");
        Assert.Contains(e.History, h => h.Action == EvaluationAction.NotAccept && h.Comment == "El informe 1 ya fue publicado: mi avance es 100 %.");

        // Activity 16: the annual report has her row with the same numbers.
        var annual = await Ap.HtmlAsync(hr, $"/Reports/Annual?vigencia={scenario.PeriodId}");
        var row = HtmlTables.RowByHeaders(annual, "servidores", Camila);
        Assert.Equal("Finalizada", row["Estado"]);
        Assert.Equal("—", row["En espera de"]);
        Assert.Equal("96,00", row["Componente metas"]);
        Assert.Equal("97,50", row["Componente competencias"]);
        Assert.Equal("96,23", row["Calificación final"]);
        Assert.Equal("Sobresaliente", row["Nivel"]);
        // Every step of her year has its date (dd/MM/yyyy); she was never retired, so that date is «—».
        var steps = HtmlTables.Headers(annual, "servidores").SkipWhile(h => h != "En espera de").Skip(1).TakeWhile(h => h != "Calificación primer seguimiento").ToList();
        Assert.Equal(11, steps.Count);
        Assert.All(steps.Where(h => h != "Fecha de cierre por retiro"), h => Assert.Matches(@"^\d{2}/\d{2}/\d{4}$", row[h]));
        Assert.Equal("—", row["Fecha de cierre por retiro"]);
    }
}

public sealed class WholeYearTestsSqlite(SqliteHost host) : WholeYearTests(host), IClassFixture<SqliteHost>;

public sealed class WholeYearTestsPostgres(PostgresHost host) : WholeYearTests(host), IClassFixture<PostgresHost>;

/// <summary>
/// Issue #5 «Done when»: the demo (Egi:DemoScenario, what <c>dotnet run</c> uses) lets a person walk the whole year:
/// every evaluation step's window contains today, Camila starts at the beginning and Felipe's other evaluados wait at
/// each later step, as the README's demo paragraph says.
/// </summary>
public abstract class DemoYearTests(Db db) : IAsyncLifetime
{
    private readonly EgiAppFactory app = new(db);

    public Task InitializeAsync()
    {
        app.Settings["Egi:DemoScenario"] = "true";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Every_step_is_open_today_and_each_later_step_has_somebody()
    {
        var felipe = await app.SignedInAsync(Accounts.Jefe); // starts the host, which applies the demo
        var (windows, states) = await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Year == 2026);
            var evaluations = await d.Evaluations.AsNoTracking().Where(e => e.PeriodId == period.Id)
                .Join(d.Servants, e => e.EvaluadoId, s => s.Id, (e, s) => new { s.DocumentNumber, e.State })
                .ToDictionaryAsync(x => x.DocumentNumber, x => x.State);
            return (period.Windows, evaluations);
        });
        var today = new DateOnly(2026, 11, 24);
        foreach (var stage in new[] { Stage.GoalSetting, Stage.FirstFollowUp, Stage.SecondFollowUp })
            Assert.True(windows.Single(w => w.Stage == stage).Contains(today), $"{stage} is closed today");

        Assert.Equal(EvaluationState.GoalFormulation, states[EvaluationScenario.Camila]);
        Assert.Equal(EvaluationState.GoalApproval, states[EvaluationScenario.Laura]);
        Assert.Equal(EvaluationState.SelfEvaluationI, states["1024567890"]); // Daniel Quiroga
        Assert.Equal(EvaluationState.GoalAcceptance, states["1019087654"]); // Paola Jiménez
        Assert.Equal(EvaluationState.SelfEvaluationI, states[EvaluationScenario.Santiago]);
        Assert.Equal(EvaluationState.SelfEvaluationIApproval, states["1016789012"]); // Ana María Vélez
        Assert.Equal(EvaluationState.SelfEvaluationII, states["1031234567"]); // Brayan Guzmán
        Assert.Equal(EvaluationState.CompetencyRating, states["53123456"]); // Adriana Forero

        // Felipe's «Por aprobar» lists the two that wait on him, with the action for each.
        var toApprove = await Ap.HtmlAsync(felipe, "/Evaluations/ToApprove");
        Assert.Contains("Revisar y aprobar el primer seguimiento de Ana María Vélez Arango", HtmlTables.Text(toApprove));
        Assert.Contains("Calificar las competencias de Adriana Marcela Forero Cano", HtmlTables.Text(toApprove));

        // Santiago (an evaluado who is nobody's boss) can open his self-evaluation form.
        var santiago = await app.SignedInAsync(Egi.Web.Data.DemoData.EmailOf(20));
        var form = await Ap.HtmlAsync(santiago, $"/Evaluations/SelfEvaluation/{await EvaluationIdAsync(EvaluationScenario.Santiago)}");
        Assert.Contains("Enviar al jefe", form);
    }

    private Task<int> EvaluationIdAsync(string document) =>
        app.WithDbAsync(d => d.Evaluations
            .Where(e => d.Periods.Any(p => p.Id == e.PeriodId && p.Year == 2026) && d.Servants.Any(s => s.Id == e.EvaluadoId && s.DocumentNumber == document))
            .Select(e => e.Id).SingleAsync());
}

public sealed class DemoYearTestsSqlite() : DemoYearTests(Db.Sqlite);

public sealed class DemoYearTestsPostgres() : DemoYearTests(Db.Postgres);
