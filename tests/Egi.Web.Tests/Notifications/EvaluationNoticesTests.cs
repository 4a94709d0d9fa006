using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Notifications;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Notifications;

/// <summary>
/// Issue 13, item 5: every e-mail of the evaluation is written for its reader and its event and links (on Mail:BaseUrl,
/// never the request's host) to the screen where that reader acts — read from the outbox and the inbox, and each link
/// requested as that person.
/// </summary>
public abstract partial class EvaluationNoticesTests(EvaluationNoticesHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private long lastMessage;

    private const string Adriana = "53123456";
    private const string AdrianaName = "Adriana Marcela Forero Cano";
    private const string CamilaName = "Camila Andrea Salazar Nieto";
    private const string FelipeName = "Felipe Antonio Navarro Restrepo";
    private static readonly string AdrianaEmail = DemoData.EmailOf(24);

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("name=\"Ratings\\[(\\d+)\\]\\.Competency\" value=\"([^\"]*)\"")]
    private static partial Regex CompetencyField();

    /// <summary>The messages queued since the last call, in order.</summary>
    private async Task<List<OutboxMessage>> NewMessagesAsync()
    {
        var messages = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Id > lastMessage).OrderBy(m => m.Id).ToListAsync());
        if (messages.Count > 0) lastMessage = messages[^1].Id;
        return messages;
    }

    private async Task SkipMessagesAsync() => await NewMessagesAsync();

    /// <summary>
    /// The message's link is on Mail:BaseUrl and goes to <paramref name="page"/>; the reader's inbox line links there
    /// too; and <paramref name="reader"/> gets 200 there.
    /// </summary>
    private async Task LinksToAsync(OutboxMessage message, string page, HttpClient reader)
    {
        Assert.Equal(page, MailTestHelpers.LinkIn(message.TextBody));
        Assert.Contains($"href=\"https://egi.test{page}\"", message.HtmlBody);
        var inbox = await app.WithDbAsync(d => d.InboxNotifications.AsNoTracking()
            .Where(n => n.UserId == message.RecipientUserId && n.Title == message.Subject).Select(n => n.Link).ToListAsync());
        Assert.Equal(page, Assert.Single(inbox));
        var response = await reader.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Adriana_accepting_her_final_rating_gets_her_result_and_Felipe_reads_her_name()
    {
        await CompetencyWalk.ToCompetencyRatingAsync(scenario, Adriana); // goals 60/40, second follow-up 90/75: goals 84,00
        var id = await scenario.EvaluationIdAsync(Adriana);
        await SkipMessagesAsync();
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var adriana = await app.SignedInAsync(AdrianaEmail);

        // Felipe rates every competency Siempre: competencies 100; final 0,85 × 84 + 0,15 × 100 = 86,40, Satisfactorio.
        var rating = $"/Evaluations/Competencies/{id}";
        var html = await Ap.HtmlAsync(felipe, rating);
        var fields = new Dictionary<string, string>();
        foreach (Match m in CompetencyField().Matches(html))
        {
            fields[$"Ratings[{m.Groups[1].Value}].Competency"] = m.Groups[2].Value;
            fields[$"Ratings[{m.Groups[1].Value}].Value"] = "4";
        }
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(felipe, rating, "", fields)).StatusCode);

        // Adriana is told her result, with the page where she accepts it; Felipe is not told of his own rating.
        var rated = Assert.Single(await NewMessagesAsync());
        Assert.Equal(AdrianaEmail, rated.ToAddress);
        Assert.Equal(nameof(MailKind.CompetenciesRated), rated.Kind);
        Assert.Equal("EGI — su resultado final: 86,40 (Satisfactorio): revíselo y acéptelo", rated.Subject);
        Assert.Contains($"Su evaluador, {FelipeName}, calificó sus competencias comportamentales.", rated.TextBody);
        Assert.Contains("metas 84,00; competencias 100,00", rated.TextBody);
        await LinksToAsync(rated, $"/Evaluations/FinalAcceptance/{id}", adriana);

        // She accepts.
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(adriana, $"/Evaluations/FinalAcceptance/{id}", "Accept", [])).StatusCode);
        var closing = await NewMessagesAsync();
        Assert.Equal(2, closing.Count);

        // Her receipt names her result and her own action as «usted»: her name only in the greeting, no «registró».
        var receipt = Assert.Single(closing, m => m.ToAddress == AdrianaEmail);
        Assert.Equal(nameof(MailKind.FinalAccepted), receipt.Kind);
        Assert.Equal("EGI — usted aceptó su resultado final: 86,40 (Satisfactorio)", receipt.Subject);
        Assert.Contains("Usted aceptó su calificación final de la Vigencia 2026: 86,40, nivel Satisfactorio", receipt.TextBody);
        Assert.Single(Regex.Matches(receipt.TextBody, AdrianaName));
        Assert.StartsWith($"Hola, {AdrianaName}:", receipt.TextBody);
        Assert.DoesNotContain("registró", receipt.TextBody);
        Assert.DoesNotContain(AdrianaName, receipt.Subject);
        await LinksToAsync(receipt, $"/Evaluations/Result/{id}", adriana);

        // Felipe, her evaluator, reads her name and her result, and opens the result sheet.
        var toFelipe = Assert.Single(closing, m => m.ToAddress == Accounts.Jefe);
        Assert.Equal($"EGI — {AdrianaName} aceptó su resultado final: 86,40 (Satisfactorio)", toFelipe.Subject);
        Assert.Contains($"{AdrianaName} aceptó su calificación final", toFelipe.TextBody);
        Assert.DoesNotContain("Usted aceptó", toFelipe.TextBody);
        await LinksToAsync(toFelipe, $"/Evaluations/Result/{id}", felipe);
    }

    [Fact]
    public async Task Each_step_of_the_goals_tells_the_other_party_and_links_to_the_screen_where_they_act()
    {
        var id = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        await SkipMessagesAsync();
        var goalsPage = $"/Evaluations/Goals/{id}";
        var approvalPage = $"/Evaluations/Approval/{id}";

        // Camila sends her goals: Felipe reads her name and goes to the approval page.
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(camila, goalsPage, "Submit", Ap.GoalFields(EvaluationScenario.Goals(60, 40)))).StatusCode);
        var sent = Assert.Single(await NewMessagesAsync());
        Assert.Equal((Accounts.Jefe, $"EGI — {CamilaName} le envió sus metas para aprobar"), (sent.ToAddress, sent.Subject));
        Assert.Equal(nameof(MailKind.GoalsSubmitted), sent.Kind);
        await LinksToAsync(sent, approvalPage, felipe);

        // Felipe rejects: Camila reads who rejected them and why, and goes back to her goals form.
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(felipe, approvalPage, "Reject", new() { ["Reason"] = "La meta 2 no tiene un resultado medible." })).StatusCode);
        var rejected = Assert.Single(await NewMessagesAsync());
        Assert.Equal((Accounts.Evaluado, $"EGI — {FelipeName} rechazó sus metas"), (rejected.ToAddress, rejected.Subject));
        Assert.Contains("Motivo: La meta 2 no tiene un resultado medible.", rejected.TextBody);
        Assert.DoesNotContain(CamilaName + " registró", rejected.TextBody);
        await LinksToAsync(rejected, goalsPage, camila);

        // She sends again and Felipe approves: she goes to the acceptance page.
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(camila, goalsPage, "Submit", Ap.GoalFields(EvaluationScenario.Goals(50, 50)))).StatusCode);
        await SkipMessagesAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(felipe, approvalPage, "Approve", [])).StatusCode);
        var approved = Assert.Single(await NewMessagesAsync());
        Assert.Equal((Accounts.Evaluado, $"EGI — {FelipeName} aprobó sus metas: falta su aceptación"), (approved.ToAddress, approved.Subject));
        await LinksToAsync(approved, $"/Evaluations/Acceptance/{id}", camila);

        // She accepts: Felipe learns the goals are agreed (no step of his: the evaluation page); she is not told of her own action.
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(camila, $"/Evaluations/Acceptance/{id}", "Accept", [])).StatusCode);
        var agreed = Assert.Single(await NewMessagesAsync());
        Assert.Equal((Accounts.Jefe, $"EGI — {CamilaName} aceptó las metas: quedaron concertadas"), (agreed.ToAddress, agreed.Subject));
        await LinksToAsync(agreed, $"/Evaluations/Details/{id}", felipe);
    }

    [Fact]
    public async Task Reopening_a_step_tells_the_person_who_can_now_act_and_until_when()
    {
        // The goal window back to the first quarter: closed on 24/11/2026. Laura's goals wait on Carlos; Camila's on her.
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            Assert.Empty(p.SetWindows(p.Windows.Select(w => w.Stage == Stage.GoalSetting ? w with { Start = new(2026, 1, 1), End = new(2026, 3, 31) } : w).ToList()));
            await d.SaveChangesAsync();
        });
        await app.WithDbAsync(async d =>
        {
            // Laura sent her goals before the window closed (set up in the domain as of 20/03/2026).
            var laura = await d.Evaluations.SingleAsync(e => e.PeriodId == scenario.PeriodId && d.Servants.Any(s => s.Id == e.EvaluadoId && s.DocumentNumber == EvaluationScenario.Laura));
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            var servant = await d.Servants.AsNoTracking().SingleAsync(s => s.Id == laura.EvaluadoId);
            var user = await d.Users.Where(u => u.ServantId == servant.Id).Select(u => u.Id).SingleAsync();
            var march = new EvaluationContext(new DateOnly(2026, 3, 20), new DateTime(2026, 3, 20, 15, 0, 0, DateTimeKind.Utc), period, servant.HireDate);
            Assert.True(laura.SubmitGoals(new Actor(user, servant.Id, servant.FullName), EvaluationScenario.Goals(100), march).Succeeded);
            await d.SaveChangesAsync();
        });
        var camilaId = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var lauraId = await scenario.EvaluationIdAsync(EvaluationScenario.Laura);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        await SkipMessagesAsync();

        // Camila's goal step: she formulates; she is told until when, why, and where.
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(hr, $"/Evaluations/Admin/{camilaId}", "Reopen",
            new() { ["Reopen.Step"] = "Goals", ["Reopen.Until"] = "11/12/2026", ["Reopen.Reason"] = "Licencia de maternidad durante el primer trimestre." })).StatusCode);
        var toCamila = Assert.Single(await NewMessagesAsync());
        Assert.Equal(Accounts.Evaluado, toCamila.ToAddress);
        Assert.Equal(nameof(MailKind.StepReopened), toCamila.Kind);
        Assert.Equal("EGI — se reabrió «Concertación de metas» hasta el 11/12/2026", toCamila.Subject);
        Assert.Contains("reabrió para usted el paso «Concertación de metas» de su evaluación (Vigencia 2026) hasta el 11/12/2026.", toCamila.TextBody);
        Assert.Contains("Motivo: Licencia de maternidad durante el primer trimestre.", toCamila.TextBody);
        Assert.Contains("Lo que le corresponde a usted: formular mis metas.", toCamila.TextBody);
        await LinksToAsync(toCamila, $"/Evaluations/Goals/{camilaId}", await app.SignedInAsync(Accounts.Evaluado));

        // Laura's goal step waits on Carlos: he is the one told, with the approval page; Laura is not.
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(hr, $"/Evaluations/Admin/{lauraId}", "Reopen",
            new() { ["Reopen.Step"] = "Goals", ["Reopen.Until"] = "04/12/2026", ["Reopen.Reason"] = "El jefe estuvo en comisión de servicios." })).StatusCode);
        var toCarlos = Assert.Single(await NewMessagesAsync());
        Assert.Equal(Accounts.Planeacion, toCarlos.ToAddress);
        Assert.Equal("EGI — se reabrió «Concertación de metas» hasta el 04/12/2026: Laura Marcela Herrera Ortiz", toCarlos.Subject);
        Assert.Contains("de la evaluación de Laura Marcela Herrera Ortiz", toCarlos.TextBody);
        Assert.Contains("Lo que le corresponde a usted: revisar y aprobar las metas.", toCarlos.TextBody);
        await LinksToAsync(toCarlos, $"/Evaluations/Approval/{lauraId}", await app.SignedInAsync(Accounts.Planeacion));
    }
}

public sealed class EvaluationNoticesTestsSqlite(EvaluationNoticesSqliteHost host) : EvaluationNoticesTests(host), IClassFixture<EvaluationNoticesSqliteHost>;

public sealed class EvaluationNoticesTestsPostgres(EvaluationNoticesPostgresHost host) : EvaluationNoticesTests(host), IClassFixture<EvaluationNoticesPostgresHost>;

/// <summary>Links in e-mails to https://egi.test.</summary>
public abstract class EvaluationNoticesHost(Db db) : SharedHost(db, app => app.Settings["Mail:BaseUrl"] = "https://egi.test");

public sealed class EvaluationNoticesSqliteHost() : EvaluationNoticesHost(Db.Sqlite);

public sealed class EvaluationNoticesPostgresHost() : EvaluationNoticesHost(Db.Postgres);
