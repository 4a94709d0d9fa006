using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Control;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Egi.Web.Tests.Improvement.ImprovementKit;

namespace Egi.Web.Tests.Improvement;

/// <summary>
/// Activities 18–20 through the real host: who requires a plan and Talento Humano's changes to the list, the plan filled
/// and confirmed by jefe and servant, follow-up until closed, reminders, and who may see or edit each plan.
/// </summary>
public abstract class ImprovementPagesTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private const string Camila = EvaluationScenario.Camila;
    private const string Santiago = EvaluationScenario.Santiago;
    private string Candidates => $"/Improvement/Candidates?vigencia={scenario.PeriodId}";

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        await FinishAsync(app, scenario, Camila);
        await FinishAsync(app, scenario, Santiago, teamwork: 2);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Talento Humano sends the formats; returns Camila's plan id.</summary>
    private async Task<long> SentAsync()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var sent = await hr.PostFormAsync($"/Improvement/Candidates?handler=Send&vigencia={scenario.PeriodId}", new(), getUrl: Candidates);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return (await PlanAsync(app, Camila))!.Id;
    }

    [Fact]
    public async Task Talento_humano_sees_who_requires_a_plan_and_why()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var html = await HtmlAsync(hr, Candidates);
        Assert.Contains("Camila Andrea Salazar Nieto", html);
        Assert.Contains("Nivel Satisfactorio (86,03)", html);
        Assert.Contains("Competencia «Trabajo en equipo» calificada Algunas veces", html); // Santiago
        Assert.Contains("Requieren plan (2)", html);
        Assert.Equal("2", System.Text.RegularExpressions.Regex.Match(html, "id=\"ca-pending\">(\\d+)<").Groups[1].Value);
        // SPEC §9: the list names people with their scores: each read is audited.
        var read = await app.WithDbAsync(d => d.AuditEntries.SingleAsync(a => a.Action == "Consultar" && a.EntityType == "Requieren plan de mejoramiento"));
        Assert.Equal($"{scenario.PeriodId}", read.EntityId);
        Assert.Contains("(2 personas)", read.Summary);
    }

    [Fact]
    public async Task Talento_humano_removes_and_adds_a_person_with_a_reason_and_it_is_audited()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var santiagoId = await scenario.ServantIdAsync(Santiago);
        var url = $"/Improvement/Candidates?handler=Exclude&vigencia={scenario.PeriodId}";
        var refused = await hr.PostFormAsync(url, new() { ["ServantId"] = $"{santiagoId}", ["Reason"] = " " }, getUrl: Candidates);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Escriba el «Motivo».", await BodyAsync(refused));
        Assert.Null(await PlanAsync(app, Santiago));

        var removed = await hr.PostFormAsync(url, new() { ["ServantId"] = $"{santiagoId}", ["Reason"] = "Traslado a otra entidad" }, getUrl: Candidates);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var plan = (await PlanAsync(app, Santiago))!;
        Assert.True(plan.Excluded);
        var html = await HtmlAsync(hr, Candidates);
        Assert.Contains("Requieren plan (1)", html);
        Assert.Contains("Traslado a otra entidad", html);
        Assert.Equal(1, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Quitar de planes" && a.Summary.Contains("Traslado a otra entidad"))));

        var added = await hr.PostFormAsync($"/Improvement/Candidates?handler=Include&vigencia={scenario.PeriodId}",
            new() { ["ServantId"] = $"{santiagoId}", ["Reason"] = "Regresó a la entidad" }, getUrl: Candidates);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.False((await PlanAsync(app, Santiago))!.Excluded);
        Assert.Contains("Requieren plan (2)", await HtmlAsync(hr, Candidates));
        Assert.Equal(1, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Agregar a planes")));
    }

    [Fact]
    public async Task Pages_refuse_anonymous_and_people_without_the_role()
    {
        var id = await SentAsync();
        var anonymous = app.NewClient();
        foreach (var url in new[] { "/Improvement", Candidates, $"/Improvement/Plan/{id}", "/Reports/Control" })
        {
            var r = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Contains("/Account/Login", r.Headers.Location!.ToString());
        }
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        Assert.Equal(HttpStatusCode.Forbidden, (await camila.GetAsync(Candidates)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await camila.GetAsync("/Reports/Control")).StatusCode);
        var consulta = await app.SignedInAsync(Accounts.Consulta);
        Assert.Equal(HttpStatusCode.Forbidden, (await consulta.GetAsync(Candidates)).StatusCode);
        var jefe = await app.SignedInAsync(Accounts.Jefe);
        Assert.Equal(HttpStatusCode.Forbidden, (await jefe.GetAsync(Candidates)).StatusCode);
    }

    [Fact]
    public async Task A_jefe_sees_and_edits_only_plans_of_their_own_evaluados_and_anyone_else_gets_404()
    {
        var id = await SentAsync();
        var url = $"/Improvement/Plan/{id}";

        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var index = await HtmlAsync(felipe, "/Improvement");
        Assert.Contains("Planes de mis evaluados", index);
        Assert.Contains("Camila Andrea Salazar Nieto", index);
        Assert.Contains("Guardar aspectos", await HtmlAsync(felipe, url));

        var carlos = await app.SignedInAsync(Accounts.Planeacion); // jefe of other people
        Assert.Equal(HttpStatusCode.NotFound, (await carlos.GetAsync(url)).StatusCode); // not yours: 404, like an evaluation
        Assert.DoesNotContain("Camila Andrea Salazar Nieto", await HtmlAsync(carlos, "/Improvement"));
        var version = await VersionAsync(felipe, url);
        var post = await carlos.PostFormAsync($"{url}?handler=Save", AspectForm(version), getUrl: "/Account/ChangePassword"); // his own antiforgery token
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        // Consulta reads the list (a report) but not the content of one plan (Ley 1581): 404, and no link to it.
        var consulta = await app.SignedInAsync(Accounts.Consulta);
        Assert.Equal(HttpStatusCode.NotFound, (await consulta.GetAsync(url)).StatusCode);
        var readsBefore = await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Consultar" && a.EntityType == "Planes de mejoramiento"));
        Assert.Equal(0, readsBefore); // the jefe's and the evaluado's own lists are not a report
        var list = await HtmlAsync(consulta, "/Improvement");
        Assert.Equal(1, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Consultar" && a.EntityType == "Planes de mejoramiento"
            && a.UserName == Accounts.Consulta)));
        Assert.Contains("Todos los planes de la vigencia", list);
        Assert.Contains("Camila Andrea Salazar Nieto", list);
        Assert.DoesNotContain($"href=\"{url}\"", list);
        post = await consulta.PostFormAsync($"{url}?handler=Save", AspectForm(version), getUrl: "/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        post = await consulta.PostFormAsync($"/Improvement?handler=Remind&vigencia={scenario.PeriodId}", new() { ["Selected"] = $"{id}" }, getUrl: "/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        var camila = await app.SignedInAsync(Accounts.Evaluado);
        Assert.Contains("Mi plan de mejoramiento", await HtmlAsync(camila, "/Improvement"));
        Assert.Contains("Guardar aspectos", await HtmlAsync(camila, url));
        var santiagoPlan = (await PlanAsync(app, Santiago))!.Id;
        Assert.Equal(HttpStatusCode.NotFound, (await camila.GetAsync($"/Improvement/Plan/{santiagoPlan}")).StatusCode); // not hers: 404

        Assert.Empty((await PlanAsync(app, Camila))!.Aspects);
    }

    [Fact]
    public async Task Bad_input_keeps_what_was_saved_and_shows_the_spanish_message()
    {
        var id = await SentAsync();
        var url = $"/Improvement/Plan/{id}";
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var saved = await felipe.PostFormAsync($"{url}?handler=Save", AspectForm(await VersionAsync(felipe, url)), getUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var bad = AspectForm(await VersionAsync(felipe, url), start: "2027-03-01", end: "2027-02-01");
        bad["Aspects[0].Actions"] = "Acciones nuevas que no deben guardarse";
        var response = await felipe.PostFormAsync($"{url}?handler=Save", bad, getUrl: url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await BodyAsync(response);
        Assert.Contains("Aspecto 1: la «Fecha de fin» (01/02/2027) debe ser igual o posterior a la «Fecha de inicio» (01/03/2027).", html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("Acciones nuevas que no deben guardarse", html); // what was typed is kept on screen

        var empty = new Dictionary<string, string> { ["Version"] = await VersionAsync(felipe, url), ["Aspects[0].Aspect"] = "", ["Aspects[1].Aspect"] = "" };
        response = await felipe.PostFormAsync($"{url}?handler=Save", empty, getUrl: url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Agregue al menos un aspecto a mejorar", await BodyAsync(response));

        var halfEmpty = new Dictionary<string, string> { ["Version"] = await VersionAsync(felipe, url), ["Aspects[0].Link"] = "G:1", ["Aspects[0].Aspect"] = "Algo" };
        response = await felipe.PostFormAsync($"{url}?handler=Save", halfEmpty, getUrl: url);
        Assert.Contains("Aspecto 1: escriba «Acciones».", await BodyAsync(response));

        var plan = (await PlanAsync(app, Camila))!;
        var aspect = Assert.Single(plan.Aspects);
        Assert.Equal("Planear las entregas con dos semanas de anticipación", aspect.Actions);
        Assert.Equal(new DateOnly(2027, 3, 31), aspect.EndDate);

        var stale = await felipe.PostFormAsync($"{url}?handler=Save", AspectForm(Guid.NewGuid().ToString()), getUrl: url);
        Assert.Contains("Otra persona modificó este plan", await BodyAsync(stale));
    }

    [Fact]
    public async Task The_plan_is_filled_confirmed_by_both_followed_up_and_closed()
    {
        var id = await SentAsync();
        var url = $"/Improvement/Plan/{id}";
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        Assert.Equal(HttpStatusCode.Redirect, (await felipe.PostFormAsync($"{url}?handler=Save", AspectForm(await VersionAsync(felipe, url), link: "C:Trabajo en equipo"), getUrl: url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await felipe.PostFormAsync($"{url}?handler=Confirm", new() { ["Version"] = await VersionAsync(felipe, url) }, getUrl: url)).StatusCode);
        Assert.Equal(PlanStatus.Filling, (await PlanAsync(app, Camila))!.Status);
        Assert.Equal(2, await app.WithDbAsync(d => d.OutboxMessages.CountAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.ImprovementPlanUpdate) && m.ToAddress == Accounts.Evaluado))); // saved, then confirmed: her turn
        Assert.Equal(HttpStatusCode.Redirect, (await camila.PostFormAsync($"{url}?handler=Confirm", new() { ["Version"] = await VersionAsync(camila, url) }, getUrl: url)).StatusCode);
        Assert.Equal(PlanStatus.Agreed, (await PlanAsync(app, Camila))!.Status);
        var html = await HtmlAsync(camila, url);
        Assert.Contains("Concertado", html);
        Assert.Contains("Competencia «Trabajo en equipo»", html);
        Assert.DoesNotContain("Guardar aspectos", html);

        var bad = await camila.PostFormAsync($"{url}?handler=FollowUp",
            new() { ["Version"] = await VersionAsync(camila, url), ["FollowUp.Date"] = "2026-11-24", ["FollowUp.Percent"] = "ciento", ["FollowUp.Observations"] = "Avance" }, getUrl: url);
        Assert.Contains("El «Avance (%)» debe ser un número entero entre 0 y 100.", await BodyAsync(bad));
        Assert.Equal(HttpStatusCode.Redirect, (await camila.PostFormAsync($"{url}?handler=FollowUp",
            new() { ["Version"] = await VersionAsync(camila, url), ["FollowUp.Date"] = "2026-11-24", ["FollowUp.Percent"] = "60", ["FollowUp.Observations"] = "Dos informes a tiempo" }, getUrl: url)).StatusCode);
        var early = await felipe.PostFormAsync($"{url}?handler=Close", new() { ["Version"] = await VersionAsync(felipe, url) }, getUrl: url);
        Assert.Contains("Para cerrar el plan registre un seguimiento con avance del 100 % (el avance actual es 60 %).", await BodyAsync(early));
        Assert.Equal(HttpStatusCode.Redirect, (await felipe.PostFormAsync($"{url}?handler=FollowUp",
            new() { ["Version"] = await VersionAsync(felipe, url), ["FollowUp.Date"] = "24/11/2026", ["FollowUp.Percent"] = "100", ["FollowUp.Observations"] = "Todos los informes a tiempo" }, getUrl: url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await felipe.PostFormAsync($"{url}?handler=Close", new() { ["Version"] = await VersionAsync(felipe, url) }, getUrl: url)).StatusCode);

        var plan = (await PlanAsync(app, Camila))!;
        Assert.Equal(PlanStatus.Closed, plan.Status);
        Assert.Equal([60, 100], plan.FollowUps.Select(f => f.ProgressPercent));
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var all = await HtmlAsync(hr, $"/Improvement?vigencia={scenario.PeriodId}");
        Assert.Contains("Cerrado", all);
        Assert.Contains("100 %", all);
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.EntityType == "Plan de mejoramiento" && a.EntityId == id.ToString())) >= 6);
    }

    /// <summary>
    /// The sending itself, whoever calls it (the candidates page asks the window first): outside the stage's window no
    /// format is sent and no plan is left «Requerido» by it; inside, each listed person's plan is created and sent.
    /// </summary>
    [Fact]
    public async Task Formats_sent_outside_the_stages_window_create_no_plan()
    {
        async Task<int> SendAsync()
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
            var period = await db.Periods.SingleAsync(p => p.Id == scenario.PeriodId);
            return await scope.ServiceProvider.GetRequiredService<Egi.Web.Features.Improvement.ImprovementService>()
                .SendFormatsAsync(period, new PlanActor(null, "Talento Humano", IsTalentoHumano: true));
        }
        // Before the window opens (moved to 01/12/2026; the host's day is 24/11/2026).
        await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.SingleAsync(p => p.Id == scenario.PeriodId);
            Assert.Empty(period.SetWindows(period.Windows.Select(w => w.Stage == Egi.Domain.Calendar.Stage.Improvement ? w with { Start = new(2026, 12, 1) } : w).ToList()));
            await d.SaveChangesAsync();
        });
        Assert.Equal(0, await SendAsync());
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<ImprovementPlan>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.OutboxMessages.CountAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.ImprovementFormat))));

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, await SendAsync());
        Assert.All(await app.WithDbAsync(d => d.Set<ImprovementPlan>().ToListAsync()), p => Assert.Equal(PlanStatus.FormatSent, p.Status));
    }

    /// <summary>
    /// SPEC §3: outside the «Mejoramiento individual» window the plan's steps are closed (the page says why and offers no
    /// form, a stale form is refused); Talento Humano reopens them for the person until a day, with a reason, audited.
    /// </summary>
    [Fact]
    public async Task Outside_the_stages_window_a_plan_is_closed_until_talento_humano_reopens_it_for_the_person()
    {
        var id = await SentAsync();
        var url = $"/Improvement/Plan/{id}";
        var santiagoUrl = $"/Improvement/Plan/{(await PlanAsync(app, Santiago))!.Id}";
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 7, 2, 15, 0, 0, TimeSpan.Zero));
        const string Closed = "La etapa «Mejoramiento individual» está cerrada (ventana del 01/11/2026 al 30/06/2027). "
            + "Solo Talento Humano puede reabrirla para esta persona, con un motivo.";
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var page = await HtmlAsync(felipe, url);
        Assert.Contains(Closed, page);
        Assert.DoesNotContain("Guardar aspectos", page);
        Assert.DoesNotContain("Reabrir la etapa", page);
        var stale = (await PlanAsync(app, Camila))!.Version.ToString();
        var refused = await felipe.PostFormAsync($"{url}?handler=Save", AspectForm(stale, link: "C:Trabajo en equipo"), getUrl: url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Closed, await BodyAsync(refused));
        Assert.Empty((await PlanAsync(app, Camila))!.Aspects);
        Assert.Equal(HttpStatusCode.Forbidden, (await felipe.PostFormAsync($"{url}?handler=Reopen",
            new() { ["Version"] = stale, ["Reopen.Reason"] = "Vacaciones", ["Reopen.Until"] = "2027-07-31" }, getUrl: url)).StatusCode);

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var remind = $"/Improvement?handler=Remind&vigencia={scenario.PeriodId}";
        var notReminded = await hr.PostFormAsync(remind, new() { ["Selected"] = $"{id}" }, getUrl: $"/Improvement?vigencia={scenario.PeriodId}");
        var list = await HtmlAsync(hr, notReminded.Headers.Location!.OriginalString);
        Assert.Contains("fuera de la ventana de la etapa «Mejoramiento individual»", list);
        // The list says so: the stage's window in its header, each plan's steps closed, and no reminder offered for them.
        Assert.Contains("del 01/11/2026 al 30/06/2027; hoy está cerrada", list);
        Assert.Contains($"id=\"sel-{id}\" disabled=\"disabled\" />", list);
        Assert.Contains("El plan de Camila Andrea Salazar Nieto no se puede recordar", list);
        Assert.Equal(2, Regex.Count(list, "<span class=\"d-block small\">Etapa cerrada</span>"));
        Assert.Contains("Etapa cerrada", await HtmlAsync(felipe, "/Improvement")); // the jefe's «Planes de mis evaluados»
        Assert.Contains("los formatos se envían dentro de ella", await BodyAsync(
            await hr.PostFormAsync($"/Improvement/Candidates?handler=Send&vigencia={scenario.PeriodId}", new(), getUrl: Candidates)));
        Assert.Contains("Reabrir la etapa para esta persona", await HtmlAsync(hr, url));
        var badDate = await hr.PostFormAsync($"{url}?handler=Reopen",
            new() { ["Version"] = await VersionAsync(hr, url), ["Reopen.Reason"] = "Incapacidad", ["Reopen.Until"] = "31/13/2027" }, getUrl: url);
        Assert.Contains("«Abierta hasta» no es una fecha válida (dd/mm/aaaa).", await BodyAsync(badDate));
        var noReason = await hr.PostFormAsync($"{url}?handler=Reopen",
            new() { ["Version"] = await VersionAsync(hr, url), ["Reopen.Reason"] = " ", ["Reopen.Until"] = "2027-06-30" }, getUrl: url);
        var noReasonBody = await BodyAsync(noReason);
        Assert.Contains("Escriba el «Motivo» de la reapertura.", noReasonBody);
        Assert.Contains("«Abierta hasta» no puede ser anterior a hoy (02/07/2027).", noReasonBody);
        Assert.Null((await PlanAsync(app, Camila))!.ReopenedUntil);

        var reopened = await hr.PostFormAsync($"{url}?handler=Reopen",
            new() { ["Version"] = await VersionAsync(hr, url), ["Reopen.Reason"] = "Incapacidad del jefe en junio", ["Reopen.Until"] = "31/07/2027" }, getUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Equal(new DateOnly(2027, 7, 31), (await PlanAsync(app, Camila))!.ReopenedUntil);
        var audit = await app.WithDbAsync(d => d.AuditEntries.SingleAsync(a => a.Action == "Reabrir etapa" && a.EntityId == id.ToString()));
        Assert.Contains("hasta el 31/07/2027. Motivo: Incapacidad del jefe en junio", audit.Summary);
        // Both may act again: each is told, with the day and the reason.
        var told = await app.WithDbAsync(d => d.OutboxMessages.Where(m => m.Subject.Contains("etapa reabierta hasta el 31/07/2027"))
            .Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(new[] { Accounts.Evaluado, Accounts.Jefe }.Order(StringComparer.Ordinal), told.Order(StringComparer.Ordinal));

        page = await HtmlAsync(felipe, url);
        Assert.DoesNotContain(Closed, page);
        Assert.Contains("Talento Humano reabrió la etapa para esta persona hasta el 31/07/2027", page);
        Assert.Equal(HttpStatusCode.Redirect, (await felipe.PostFormAsync($"{url}?handler=Save",
            AspectForm(await VersionAsync(felipe, url), start: "2027-07-05", end: "2027-07-30", link: "C:Trabajo en equipo"), getUrl: url)).StatusCode);
        Assert.Single((await PlanAsync(app, Camila))!.Aspects);
        list = await HtmlAsync(hr, $"/Improvement?vigencia={scenario.PeriodId}");
        Assert.Contains("Reabierta hasta el 31/07/2027", list);
        Assert.Contains($"id=\"sel-{id}\" checked=\"checked\" />", list); // late (not agreed yet) and open again: pre-selected
        Assert.Single(Regex.Matches(list, "<span class=\"d-block small\">Etapa cerrada</span>")); // Santiago's
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync(remind, new() { ["Selected"] = $"{id}" }, getUrl: $"/Improvement?vigencia={scenario.PeriodId}")).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<ReminderRecord>().CountAsync(r => r.ImprovementPlanId == id)));
        // For that person only: Santiago's plan stays closed.
        Assert.Contains(Closed, await HtmlAsync(felipe, santiagoUrl));
    }

    [Fact]
    public async Task Talento_humano_reminds_late_plans_and_each_reminder_is_recorded_and_counted_in_the_control_report()
    {
        var id = await SentAsync();
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var page = $"/Improvement?vigencia={scenario.PeriodId}";
        var html = await HtmlAsync(hr, page);
        Assert.Contains($"value=\"{id}\" id=\"sel-{id}\" checked=\"checked\"", html); // not agreed yet: late, pre-selected

        var none = await hr.PostFormAsync($"/Improvement?handler=Remind&vigencia={scenario.PeriodId}", new(), getUrl: page);
        Assert.Contains("Seleccione al menos un plan", await BodyAsync(none));
        var sent = await hr.PostFormAsync($"/Improvement?handler=Remind&vigencia={scenario.PeriodId}", new() { ["Selected"] = $"{id}" }, getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var records = await app.WithDbAsync(d => d.Set<ReminderRecord>().AsNoTracking().Where(r => r.ImprovementPlanId == id).ToListAsync());
        Assert.Equal(2, records.Count); // Camila and Felipe
        Assert.All(records, r => Assert.Equal(ReminderTopic.ImprovementPlan, r.Topic));
        Assert.Equal([ReminderRole.Evaluado, ReminderRole.Evaluator], records.Select(r => r.RecipientRole).Order());
        Assert.Equal(2, await app.WithDbAsync(d => d.OutboxMessages.CountAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.ImprovementReminder))));

        var report = await HtmlAsync(hr, $"/Reports/Control?vigencia={scenario.PeriodId}&semestre=2026-2");
        Assert.Contains("Informe semestral de control", report);
        Assert.Contains("id=\"ctl-reminders-plan\">2<", report);
        Assert.Contains("id=\"ctl-plans-total\">2<", report);
    }

    [Fact]
    public async Task The_control_report_counts_evaluations_late_per_stage_and_downloads_as_xlsx()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 16, 15, 0, 0, TimeSpan.Zero)); // the goal window closed on 15/12/2026
        var late = await app.WithDbAsync(d => d.Evaluations.CountAsync(e => e.PeriodId == scenario.PeriodId
            && (e.State == EvaluationState.GoalFormulation || e.State == EvaluationState.GoalApproval || e.State == EvaluationState.GoalAcceptance)));
        Assert.True(late > 3);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var url = $"/Reports/Control?vigencia={scenario.PeriodId}&semestre=2026-2";
        var html = await HtmlAsync(hr, url);
        Assert.Contains($"<tr><th scope=\"row\">Formulación y concertación de metas</th><td>15/12/2026</td><td>{late}</td><td>0</td><td>{late}</td></tr>", html);
        Assert.Contains("Segundo semestre de 2026 (01/07/2026 – 31/12/2026)", html);

        var bad = await HtmlAsync(hr, $"/Reports/Control?vigencia={scenario.PeriodId}&semestre=2031-1");
        Assert.Contains("El «Semestre» debe ser uno de los de la", bad);

        var xlsx = await hr.PostFormAsync($"/Reports/Control?handler=Xlsx&vigencia={scenario.PeriodId}&semestre=2026-2", new(), getUrl: url);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Evaluaciones atrasadas").Cast<IDictionary<string, object>>().ToList();
        var goals = Assert.Single(rows, r => (string)r["Etapa"] == "Formulación y concertación de metas");
        Assert.Equal(late, Convert.ToInt32(goals["Total"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Exportar" && a.EntityType == "Informe semestral de control")));
    }
}

public sealed class ImprovementPagesTestsSqlite(SqliteHost host) : ImprovementPagesTests(host), IClassFixture<SqliteHost>;

public sealed class ImprovementPagesTestsPostgres(PostgresHost host) : ImprovementPagesTests(host), IClassFixture<PostgresHost>;
