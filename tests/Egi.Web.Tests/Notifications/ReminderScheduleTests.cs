using System.Net;
using Egi.Domain.Calendar;
using Egi.Domain.Improvement;
using Egi.Domain.Process;
using Egi.Web.Features.Control;
using Egi.Web.Features.Evaluations;
using Egi.Web.Features.Shared;
using Egi.Web.Notifications;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Notifications;

/// <summary>
/// Issue 13, item 5: the automatic reminders go a configurable number of *working* days before each deadline (counted as
/// /Control counts, Colombian holidays excluded), a day the application was down is caught up at the next start (once),
/// and personal deadlines — a new servant's goal window, an improvement plan's dates — get their own reminder. The test
/// moves the application's clock and runs the scheduler as its worker would; nothing sleeps.
/// </summary>
public abstract class ReminderScheduleTests(ReminderScheduleHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private const string Camila = EvaluationScenario.Camila;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static DateTimeOffset Bogota(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(-5));

    private async Task RunAtAsync(DateTimeOffset at)
    {
        app.Clock.SetUtcNow(at);
        await app.Services.GetRequiredService<Scheduler>().RunDueAsync(default);
    }

    private Task<List<OutboxMessage>> MessagesAsync(MailKind kind, string? to = null) =>
        app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind.ToString() && (to == null || m.ToAddress == to)).OrderBy(m => m.Id).ToListAsync());

    /// <summary>Whether /Control lists Camila's evaluation among those whose goal deadline is near, on <paramref name="today"/>.</summary>
    private Task<int?> ControlDaysLeftAsync(EvaluationScenario scenario, DateOnly today) =>
        app.WithDbAsync(async d =>
        {
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            var control = await ControlPoints.BuildAsync(d, period, Stage.GoalSetting, today);
            var id = await scenario.EvaluationIdAsync(Camila);
            return control.Soon.Rows.FirstOrDefault(r => r.EvaluationId == id)?.Lateness.WorkingDaysLeft;
        });

    [Fact]
    public async Task The_reminder_goes_five_working_days_before_the_close_skipping_the_holiday_as_control_counts()
    {
        // The goal window closes Tuesday 15/12/2026. Five working days before: 14, 11, 10, 9 and — 8/12 is a holiday
        // (Inmaculada Concepción) — Monday 7/12; not Friday 4/12, and not the calendar 10/12.
        var scenario = await EvaluationScenario.OpenAsync(app);
        await RunAtAsync(Bogota(2026, 12, 4, 7));
        Assert.Empty(await MessagesAsync(MailKind.DeadlineReminder, Accounts.Evaluado));
        Assert.Null(await ControlDaysLeftAsync(scenario, new DateOnly(2026, 12, 4)));

        await RunAtAsync(Bogota(2026, 12, 7, 7));
        var reminder = Assert.Single(await MessagesAsync(MailKind.DeadlineReminder, Accounts.Evaluado));
        Assert.Equal("EGI — su plazo para «Formulación y concertación de metas» vence el 15/12/2026", reminder.Subject);
        Assert.Contains("cierra el 15/12/2026 (en 5 días hábiles)", reminder.TextBody);
        Assert.Equal(5, await ControlDaysLeftAsync(scenario, new DateOnly(2026, 12, 7))); // the first day /Control shows it «cierra pronto»
        var id = await scenario.EvaluationIdAsync(Camila);
        Assert.Equal($"/Evaluations/Goals/{id}", MailTestHelpers.LinkIn(reminder.TextBody));
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(Accounts.Evaluado)).GetAsync($"/Evaluations/Goals/{id}")).StatusCode);
        var hr = Assert.Single(await MessagesAsync(MailKind.StageClosing));
        Assert.Equal("EGI — «Formulación y concertación de metas» cierra el 15/12/2026", hr.Subject);

        await RunAtAsync(Bogota(2026, 12, 10, 7));
        Assert.Single(await MessagesAsync(MailKind.DeadlineReminder, Accounts.Evaluado));
    }

    [Fact]
    public async Task The_number_of_working_days_is_the_periods_setting()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            var settings = PeriodSettings.Defaults();
            settings.ReminderDaysBeforeClose = 2;
            Assert.Empty(p.SetSettings(settings));
            return await d.SaveChangesAsync();
        });
        await RunAtAsync(Bogota(2026, 12, 10, 7));
        Assert.Empty(await MessagesAsync(MailKind.DeadlineReminder, Accounts.Evaluado));
        await RunAtAsync(Bogota(2026, 12, 11, 7)); // Friday: 14 and 15/12 left
        Assert.Contains("(en 2 días hábiles)", Assert.Single(await MessagesAsync(MailKind.DeadlineReminder, Accounts.Evaluado)).TextBody);
    }

    [Fact]
    public async Task After_three_days_without_the_scheduler_the_next_start_sends_each_missed_reminder_once()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var evaluations = await app.WithDbAsync(d => d.Evaluations.CountAsync(e => e.PeriodId == scenario.PeriodId));
        await RunAtAsync(Bogota(2026, 12, 4, 7, 30)); // Friday: the last run before the application goes down
        Assert.Empty(await MessagesAsync(MailKind.DeadlineReminder));

        // Down on 5, 6 and 7/12 (the reminder day); it starts again on Tuesday 8/12 at 10:00.
        await RunAtAsync(Bogota(2026, 12, 8, 10));
        var reminders = await MessagesAsync(MailKind.DeadlineReminder);
        Assert.Equal(evaluations, reminders.Count); // every evaluado in formulation, once each
        Assert.Single(reminders, m => m.ToAddress == Accounts.Evaluado);
        Assert.Single(await MessagesAsync(MailKind.StageClosing));
        var run = await app.WithDbAsync(d => d.ScheduledJobRuns.AsNoTracking().Where(r => r.Job == StageClosingReminderJob.JobCode).OrderBy(r => r.DueAt).ToListAsync());
        Assert.Equal([new DateTime(2026, 12, 4, 12, 0, 0), new DateTime(2026, 12, 8, 12, 0, 0)], run.Select(r => r.DueAt));
        Assert.Contains("desde el 05/12/2026", run[^1].Result);
        var recorded = await app.WithDbAsync(d => d.Set<ReminderRecord>().CountAsync(r => r.Origin == ReminderOrigin.Automatic && r.Topic == ReminderTopic.EvaluationStep));
        Assert.Equal(evaluations + 1, recorded); // and the Talento Humano one

        // The following days (including the calendar «five days before», 10/12) send nothing again.
        await RunAtAsync(Bogota(2026, 12, 9, 7));
        await RunAtAsync(Bogota(2026, 12, 10, 7));
        Assert.Equal(evaluations, (await MessagesAsync(MailKind.DeadlineReminder)).Count);
    }

    [Fact]
    public async Task An_improvement_plans_action_date_gets_a_reminder_to_the_servant_and_the_jefe()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var camila = await scenario.ServantIdAsync(Camila);
        var felipe = await scenario.ServantIdAsync(EvaluationScenario.Felipe);
        var planId = await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.SingleAsync(p => p.Id == scenario.PeriodId);
            var plan = ImprovementPlan.Create(period, camila, null, felipe, ["Nivel Satisfactorio"], app.Clock.GetUtcNow().UtcDateTime).Plan!;
            plan.Aspects =
            [
                new PlanAspect { Number = 1, Competency = "Trabajo en equipo", Aspect = "Coordinación con el equipo", Actions = "Reuniones semanales", EndDate = new(2026, 12, 15) },
                new PlanAspect { Number = 2, Competency = "Trabajo en equipo", Aspect = "Informe de avance", Actions = "Entregar el informe", EndDate = new(2027, 3, 1) },
            ];
            d.Add(plan);
            await d.SaveChangesAsync();
            return plan.Id;
        });
        await RunAtAsync(Bogota(2026, 12, 4, 7));
        Assert.Empty(await MessagesAsync(MailKind.ImprovementDeadline));

        await RunAtAsync(Bogota(2026, 12, 7, 7)); // five working days before 15/12
        var reminders = await MessagesAsync(MailKind.ImprovementDeadline);
        Assert.Equal(2, reminders.Count);
        var toCamila = Assert.Single(reminders, m => m.ToAddress == Accounts.Evaluado);
        Assert.Equal("EGI — Su plan de mejoramiento individual: acciones que vencen el 15/12/2026", toCamila.Subject);
        Assert.Contains("Coordinación con el equipo", toCamila.TextBody);
        Assert.DoesNotContain("Informe de avance", toCamila.TextBody); // that one ends in March
        var toFelipe = Assert.Single(reminders, m => m.ToAddress == Accounts.Jefe);
        Assert.Equal("EGI — El plan de mejoramiento individual de Camila Andrea Salazar Nieto: acciones que vencen el 15/12/2026", toFelipe.Subject);
        foreach (var (message, email) in new[] { (toCamila, Accounts.Evaluado), (toFelipe, Accounts.Jefe) })
        {
            Assert.Equal($"/Improvement/Plan/{planId}", MailTestHelpers.LinkIn(message.TextBody));
            Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(email)).GetAsync($"/Improvement/Plan/{planId}")).StatusCode);
        }
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<ReminderRecord>().CountAsync(r => r.ImprovementPlanId == planId && r.Origin == ReminderOrigin.Automatic)));

        await RunAtAsync(Bogota(2026, 12, 8, 7));
        Assert.Equal(2, (await MessagesAsync(MailKind.ImprovementDeadline)).Count);
    }

    /// <summary>
    /// Nobody is reminded of a step they cannot take: an action ending after the «Mejoramiento individual» window (the
    /// scenario's ends 30/06/2027) is reminded only on a plan whose steps Talento Humano reopened for the person.
    /// </summary>
    [Fact]
    public async Task An_action_date_past_the_stages_window_is_reminded_only_on_a_plan_reopened_for_the_person()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var felipe = await scenario.ServantIdAsync(EvaluationScenario.Felipe);
        var servants = new[] { await scenario.ServantIdAsync(Camila), await scenario.ServantIdAsync(EvaluationScenario.Santiago) };
        var (closed, reopened) = await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.SingleAsync(p => p.Id == scenario.PeriodId);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var plans = servants.Select(servant =>
            {
                var plan = ImprovementPlan.Create(period, servant, null, felipe, ["Nivel Satisfactorio"], now).Plan!;
                plan.Aspects = [new PlanAspect { Number = 1, Competency = "Trabajo en equipo", Aspect = "Informe final", Actions = "Entregar el informe", EndDate = new(2027, 7, 15) }];
                d.Add(plan);
                return plan;
            }).ToList();
            Assert.True(plans[1].ReopenWindow(period, new PlanActor(null, "Talento Humano", IsTalentoHumano: true), "Incapacidad en junio",
                new DateOnly(2027, 7, 31), BogotaTime.Day(now), now).Succeeded);
            await d.SaveChangesAsync();
            return (plans[0].Id, plans[1].Id);
        });
        await RunAtAsync(Bogota(2027, 6, 14, 7));
        await RunAtAsync(Bogota(2027, 7, 14, 7)); // covers the days since 14/06: five working days before 15/07 among them

        int Reminded(long plan, List<ReminderRecord> records) => records.Count(r => r.ImprovementPlanId == plan);
        var records = await app.WithDbAsync(d => d.Set<ReminderRecord>().AsNoTracking().Where(r => r.ImprovementPlanId != null).ToListAsync());
        Assert.Equal(0, Reminded(closed, records));
        Assert.Equal(2, Reminded(reopened, records)); // Santiago and Felipe
    }
}

public sealed class ReminderScheduleTestsSqlite(ReminderScheduleSqliteHost host) : ReminderScheduleTests(host), IClassFixture<ReminderScheduleSqliteHost>;

public sealed class ReminderScheduleTestsPostgres(ReminderSchedulePostgresHost host) : ReminderScheduleTests(host), IClassFixture<ReminderSchedulePostgresHost>;

/// <summary>The reminders of a servant hired during the year, on a host whose clock starts in September 2026.</summary>
public abstract class NewServantReminderTests(Db db) : IAsyncLifetime
{
    private readonly EgiAppFactory app = new(db) { Clock = new(new DateTimeOffset(2026, 9, 1, 15, 0, 0, TimeSpan.Zero)) }; // the late-hire tests' start (one template)
    private const string Camila = EvaluationScenario.Camila;

    public Task InitializeAsync()
    {
        app.Settings["Mail:BaseUrl"] = "https://egi.test";
        app.Settings["Mail:WorkerEnabled"] = "false";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static DateTimeOffset Bogota(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(-5));

    private async Task RunAtAsync(DateTimeOffset at)
    {
        app.Clock.SetUtcNow(at);
        await app.Services.GetRequiredService<Scheduler>().RunDueAsync(default);
    }

    private Task<List<OutboxMessage>> MessagesAsync(MailKind kind) =>
        app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind.ToString()).OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task A_new_servants_own_goal_deadline_gets_its_reminder()
    {
        // Camila hired on Tuesday 1/9/2026: her own window to agree goals ends 15 working days later, 22/9/2026, long
        // after the period's (first quarter). Five working days before: Tuesday 15/9.
        var evaluationId = await app.WithDbAsync(async d =>
        {
            var camila = await d.Servants.SingleAsync(s => s.DocumentNumber == Camila);
            camila.HireDate = new DateOnly(2026, 9, 1);
            var p = await d.Periods.SingleAsync(x => x.Year == 2026);
            Assert.Empty(p.SetWindows(p.Windows.Select(w => w.Stage == Stage.GoalSetting ? w with { Start = new(2026, 1, 1), End = new(2026, 3, 31) } : w).ToList()));
            Assert.True(p.Open().Succeeded);
            await d.SaveChangesAsync();
            await new EvaluationOpening(d, app.Clock).OpenAllAsync(p);
            return await d.Evaluations.Where(e => e.PeriodId == p.Id && e.EvaluadoId == camila.Id).Select(e => e.Id).SingleAsync();
        });
        await RunAtAsync(Bogota(2026, 9, 14, 8));
        Assert.Empty(await MessagesAsync(MailKind.DeadlineReminder));

        await RunAtAsync(Bogota(2026, 9, 15, 7));
        var reminder = Assert.Single(await MessagesAsync(MailKind.DeadlineReminder)); // the others' deadline (31/03) is long past
        Assert.Equal(Accounts.Evaluado, reminder.ToAddress);
        Assert.Equal("EGI — su plazo para «Formulación y concertación de metas» vence el 22/09/2026", reminder.Subject);
        Assert.Contains("Como servidor(a) nuevo(a), usted tiene un plazo propio para concertar sus metas", reminder.TextBody);
        Assert.Contains("15 días hábiles después de su fecha de ingreso", reminder.TextBody);
        Assert.Equal($"/Evaluations/Goals/{evaluationId}", MailTestHelpers.LinkIn(reminder.TextBody));
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(Accounts.Evaluado)).GetAsync($"/Evaluations/Goals/{evaluationId}")).StatusCode);
        var record = await app.WithDbAsync(d => d.Set<ReminderRecord>().SingleAsync(r => r.EvaluationId == evaluationId));
        Assert.Equal((ReminderOrigin.Automatic, ReminderRole.Evaluado, Stage.GoalSetting), (record.Origin, record.RecipientRole, record.Stage!.Value));
    }
}

public sealed class NewServantReminderTestsSqlite() : NewServantReminderTests(Db.Sqlite);

public sealed class NewServantReminderTestsPostgres() : NewServantReminderTests(Db.Postgres);

/// <summary>Links in e-mails to https://egi.test; no delivery worker (the tests read the outbox).</summary>
public abstract class ReminderScheduleHost(Db db) : SharedHost(db, app =>
{
    app.Settings["Mail:BaseUrl"] = "https://egi.test";
    app.Settings["Mail:WorkerEnabled"] = "false";
});

public sealed class ReminderScheduleSqliteHost() : ReminderScheduleHost(Db.Sqlite);

public sealed class ReminderSchedulePostgresHost() : ReminderScheduleHost(Db.Postgres);
