using System.Net;
using Egi.Web.Features.Shared;
using Egi.Web.Notifications;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Notifications;

public abstract class SchedulerTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync()
    {
        return host.StartTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static DateTimeOffset Bogota(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.FromHours(-5));

    private async Task OpenDemoPeriodAsync() =>
        await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.SingleAsync(p => p.Year == 2026);
            Assert.True(period.Open().Succeeded);
            await d.SaveChangesAsync();
        });

    private Task<List<OutboxMessage>> RemindersAsync() =>
        app.WithDbAsync(d => d.OutboxMessages.Where(m => m.Kind == nameof(MailKind.StageClosing) || m.Kind == nameof(MailKind.DeadlineReminder)).ToListAsync());

    /// <summary>The job under test (the daily retirement job runs beside it).</summary>
    private const string Job = StageClosingReminderJob.JobCode;

    [Fact]
    public async Task Reminder_fires_at_seven_on_the_day_n_working_days_before_the_window_closes_and_only_once_across_instances()
    {
        _ = app.Services; // build the host
        await OpenDemoPeriodAsync();
        var scheduler = app.Services.GetRequiredService<Scheduler>();
        var secondInstance = ActivatorUtilities.CreateInstance<Scheduler>(app.Services);

        // "Consolidación etapa 2" closes Thursday 31/12/2026; the default is 5 working days before: 30, 29, 28, (the
        // weekend and Christmas, Friday 25/12), 24 and 23/12 — Wednesday 23/12/2026 at 07:00 Bogotá.
        app.Clock.SetUtcNow(Bogota(2026, 12, 22, 8, 0));
        Assert.Contains(Job, await scheduler.RunDueAsync(default));
        Assert.Empty(await RemindersAsync()); // 22/12 is six working days before: nothing to remind

        app.Clock.SetUtcNow(Bogota(2026, 12, 23, 6, 59));
        Assert.DoesNotContain(Job, await scheduler.RunDueAsync(default)); // the 22/12 run already happened; 23/12's is not due
        Assert.Empty(await RemindersAsync());

        app.Clock.SetUtcNow(Bogota(2026, 12, 23, 7, 0));
        var both = await Task.WhenAll(scheduler.RunDueAsync(default), secondInstance.RunDueAsync(default));
        Assert.Equal(1, both.Sum(r => r.Count(n => n == Job))); // exactly one instance ran it
        var reminders = await RemindersAsync();
        var reminder = Assert.Single(reminders); // one Talento Humano user in the demo
        Assert.Equal(Accounts.TalentoHumano, reminder.ToAddress);
        Assert.Equal("EGI — «Consolidación etapa 2» cierra el 31/12/2026", reminder.Subject);

        app.Clock.SetUtcNow(Bogota(2026, 12, 23, 15, 0));
        Assert.DoesNotContain(Job, await scheduler.RunDueAsync(default));
        Assert.DoesNotContain(Job, await secondInstance.RunDueAsync(default));
        Assert.Single(await RemindersAsync());

        var runs = await app.WithDbAsync(d => d.ScheduledJobRuns.CountAsync(r => r.Job == Job));
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task People_on_whom_an_evaluation_of_the_closing_stage_waits_get_their_own_reminder()
    {
        _ = app.Services;
        await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.SingleAsync(p => p.Year == 2026);
            period.SetWindows(period.Windows.Select(w => w.Stage == Domain.Calendar.Stage.GoalSetting
                ? w with { Start = new DateOnly(2026, 11, 1), End = new DateOnly(2026, 12, 10) } : w).ToList());
            Assert.True(period.Open().Succeeded);
            await d.SaveChangesAsync();
            await new Features.Shared.EvaluationOpening(d, app.Clock).OpenAllAsync(period);
        });
        // Thursday 10/12 minus 5 working days (9, the holiday of 8/12 skipped, 7, 4, 3): Wednesday 2/12.
        app.Clock.SetUtcNow(Bogota(2026, 12, 2, 7, 0));
        await app.Services.GetRequiredService<Scheduler>().RunDueAsync(default);

        var reminders = await RemindersAsync();
        var evaluations = await app.WithDbAsync(d => d.Evaluations.CountAsync());
        Assert.True(evaluations > 20);
        Assert.Equal(evaluations + 1, reminders.Count); // every evaluado (all in formulation) + Talento Humano
        var camila = Assert.Single(reminders, r => r.ToAddress == Accounts.Evaluado);
        var camilasOwn = await app.WithDbAsync(d => d.Evaluations.Where(e => e.EvaluadoId == 21).Select(e => e.Id).SingleAsync());
        Assert.Contains($"/Evaluations/Goals/{camilasOwn}", camila.TextBody); // where she formulates them, not the evaluation page
        Assert.Equal("EGI — su plazo para «Formulación y concertación de metas» vence el 10/12/2026", camila.Subject);
        // Her jefe is reminded only of his own evaluation (he is an evaluado too), not of hers: hers waits on her.
        var felipesOwn = await app.WithDbAsync(d => d.Evaluations.Where(e => e.EvaluadoId == 18).Select(e => e.Id).SingleAsync());
        var toFelipe = Assert.Single(reminders, r => r.ToAddress == Accounts.Jefe);
        Assert.Contains($"/Evaluations/Goals/{felipesOwn}", toFelipe.TextBody);
    }

    [Fact]
    public async Task A_period_in_preparation_gets_no_reminders()
    {
        var scheduler = app.Services.GetRequiredService<Scheduler>();
        app.Clock.SetUtcNow(Bogota(2026, 12, 23, 7, 30));
        await scheduler.RunDueAsync(default);
        Assert.Empty(await RemindersAsync());
    }

    [Fact]
    public async Task The_reminder_is_in_the_recipients_inbox_with_a_link_and_an_unread_count()
    {
        _ = app.Services;
        await OpenDemoPeriodAsync();
        app.Clock.SetUtcNow(Bogota(2026, 12, 23, 7, 5));
        await app.Services.GetRequiredService<Scheduler>().RunDueAsync(default);

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var home = WebUtility.HtmlDecode(await hr.GetStringAsync("/"));
        Assert.Contains("1<span class=\"visually-hidden\"> sin leer</span>", home);
        var inbox = WebUtility.HtmlDecode(await hr.GetStringAsync("/Notifications"));
        Assert.Contains("«Consolidación etapa 2» cierra el 31/12/2026", inbox);
        Assert.Contains("No leída", inbox);

        var id = await app.WithDbAsync(d => d.InboxNotifications.Select(n => n.Id).SingleAsync());

        // Someone else cannot open (or mark read) it.
        var other = await app.SignedInAsync(Accounts.Evaluado);
        var stolen = await other.PostFormAsync($"/Notifications?handler=Open&id={id}", new(), getUrl: "/Notifications");
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);

        var open = await hr.PostFormAsync($"/Notifications?handler=Open&id={id}", new(), getUrl: "/Notifications");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.StartsWith("/Periods/Details/", open.Headers.Location!.OriginalString);
        Assert.NotNull(await app.WithDbAsync(d => d.InboxNotifications.Select(n => n.ReadAt).SingleAsync()));
        Assert.DoesNotContain("sin leer", WebUtility.HtmlDecode(await hr.GetStringAsync("/")));
    }

    [Fact]
    public void Latest_due_time_is_in_bogota()
    {
        var job = new StageClosingReminderJob();
        Assert.Equal(new DateTime(2026, 12, 26, 12, 0, 0, DateTimeKind.Utc), Scheduler.LatestDue(job, Bogota(2026, 12, 26, 7, 0)));
        Assert.Equal(new DateTime(2026, 12, 25, 12, 0, 0, DateTimeKind.Utc), Scheduler.LatestDue(job, Bogota(2026, 12, 26, 6, 59)));
    }

    [Fact]
    public async Task Anonymous_is_sent_to_sign_in_for_the_inbox()
    {
        var response = await app.NewClient().GetAsync("/Notifications");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}

public sealed class SchedulerTestsSqlite(QuietSqliteHost host) : SchedulerTests(host), IClassFixture<QuietSqliteHost>;

public sealed class SchedulerTestsPostgres(QuietPostgresHost host) : SchedulerTests(host), IClassFixture<QuietPostgresHost>;
