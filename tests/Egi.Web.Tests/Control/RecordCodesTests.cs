using Egi.Domain.Process;
using Egi.Web.Data.Migrations;
using Egi.Web.Features.Directory;
using Egi.Web.Features.Sessions;
using Egi.Web.Notifications;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Control;

/// <summary>
/// The migration RecordCodes (issue 15): a reminder's role, an invitee's attendance source and a scheduled job's run
/// written as Spanish labels before it read back as their stable codes on both providers, the register of reminders
/// still shows the Spanish role, running the conversion twice changes nothing and its Down writes the labels back.
/// </summary>
public abstract class RecordCodesTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Old_labels_read_back_as_codes_and_the_register_shows_the_spanish_role()
    {
        var (recordId, sessionId, runId) = await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.SingleAsync(p => p.Year == 2026);
            var dependency = await d.Dependencies.Where(x => x.Code == "310").Select(x => x.Id).SingleAsync();
            var (session, _) = Session.Schedule(period, new SessionEditor(IsTalentoHumano: true, IsPlaneacion: false),
                new SessionInput(SessionKind.Socialization, "Sesión antigua", new DateOnly(2026, 2, 10), new(9, 0), new(10, 0), "Auditorio", null,
                    SessionAudience.Dependency, dependency, null),
                "th@egi-demo.gov.co", "Talento Humano", DateTime.UtcNow);
            d.Add(session!);
            await SessionInvitations.SyncInviteesAsync(d, session!, default);
            var record = ReminderRecord.ForEvaluationStep(period.Id, Domain.Calendar.Stage.GoalSetting, null, ReminderOrigin.Manual,
                new ReminderRecipient(null, "Secretaría de la comisión", "comision@egi-demo.gov.co", ReminderRole.Committee), "th@egi-demo.gov.co", "Antiguo", DateTime.UtcNow);
            d.Add(record);
            var run = new ScheduledJobRun { Job = RetirementJob.JobCode, DueAt = new DateTime(2020, 1, 1, 5, 5, 0), StartedAt = DateTime.UtcNow };
            d.ScheduledJobRuns.Add(run);
            await d.SaveChangesAsync();
            return (record.Id, session!.Id, run.Id);
        });
        // What the application wrote before the change: the Spanish labels.
        await app.WithDbAsync(async d =>
        {
            await d.Database.ExecuteSqlAsync($"UPDATE \"ReminderRecords\" SET \"RecipientRole\" = 'Comisión evaluadora' WHERE \"Id\" = {recordId}");
            await d.Database.ExecuteSqlAsync($"UPDATE \"SessionInvitees\" SET \"AttendanceSource\" = 'Lista importada' WHERE \"SessionId\" = {sessionId}");
            await d.Database.ExecuteSqlAsync($"UPDATE \"ScheduledJobRuns\" SET \"Job\" = 'Retiros programados' WHERE \"Id\" = {runId}");
        });
        Assert.Equal("Comisión evaluadora", await RawRoleAsync(recordId));

        for (var round = 0; round < 2; round++) await RunAsync(RecordCodesSql.Up());

        var role = await app.WithDbAsync(d => d.Set<ReminderRecord>().AsNoTracking().Where(r => r.Id == recordId).Select(r => r.RecipientRole).SingleAsync());
        Assert.Equal(ReminderRole.Committee, role);
        Assert.Equal(nameof(ReminderRole.Committee), await RawRoleAsync(recordId));
        var sources = await app.WithDbAsync(d => d.Set<SessionInvitee>().AsNoTracking().Where(i => i.SessionId == sessionId).Select(i => i.AttendanceSource).ToListAsync());
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.Equal(AttendanceSource.ImportedList, s));
        Assert.Equal(RetirementJob.JobCode, await app.WithDbAsync(d => d.ScheduledJobRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Job).SingleAsync()));

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var register = System.Net.WebUtility.HtmlDecode(await hr.GetStringAsync("/Control/Reminders"));
        Assert.Contains("<td>Comisión evaluadora</td>", register);

        await RunAsync(RecordCodesSql.Down());
        Assert.Equal("Comisión evaluadora", await RawRoleAsync(recordId));
        await RunAsync(RecordCodesSql.Up());
        Assert.Equal(nameof(ReminderRole.Committee), await RawRoleAsync(recordId));
    }

    private Task RunAsync(IEnumerable<string> statements) => app.WithDbAsync(async d =>
    {
        foreach (var sql in statements) await d.Database.ExecuteSqlRawAsync(sql);
    });

    private Task<string> RawRoleAsync(long id) =>
        app.WithDbAsync(d => d.Database.SqlQuery<string>($"SELECT \"RecipientRole\" AS \"Value\" FROM \"ReminderRecords\" WHERE \"Id\" = {id}").SingleAsync());
}

public sealed class RecordCodesTestsSqlite(SqliteHost host) : RecordCodesTests(host), IClassFixture<SqliteHost>;

public sealed class RecordCodesTestsPostgres(PostgresHost host) : RecordCodesTests(host), IClassFixture<PostgresHost>;
