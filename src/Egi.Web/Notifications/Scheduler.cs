using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Notifications;

/// <summary>A job the scheduler runs once a day at <see cref="TimeOfDay"/> (Bogotá time).</summary>
public interface IScheduledJob
{
    /// <summary>Stable code stored in <see cref="ScheduledJobRun.Job"/> (keep it: the runs already written are matched by it).</summary>
    string Code { get; }

    /// <summary>The Spanish name, for the log and the operators.</summary>
    string Name { get; }
    TimeOnly TimeOfDay { get; }

    /// <summary>Does the work for the occurrence due at <paramref name="dueAt"/>; returns a short Spanish result.</summary>
    Task<string> RunAsync(IServiceProvider services, DateTime dueAt, CancellationToken ct);
}

/// <summary>
/// Runs due jobs. Before running, it inserts a (Job, DueAt) row under a unique index: the instance whose
/// insert succeeds runs the occurrence, every other instance sees the conflict and skips it — so a job never
/// runs twice for the same due time, whatever the number of application instances.
/// </summary>
public sealed class Scheduler(IServiceScopeFactory scopes, IEnumerable<IScheduledJob> jobs, TimeProvider clock, ILogger<Scheduler> log)
{
    public string Instance { get; } = InstanceId.New();

    /// <summary>How <see cref="ScheduledJobRun.Result"/> starts when the job threw.</summary>
    public const string ErrorPrefix = "Error: ";

    /// <summary>
    /// The due time of the last occurrence of <paramref name="job"/> before <paramref name="dueAt"/> that ran to the end
    /// without an error (null if none): a job that catches up on what it missed while the application was down (or while
    /// it failed) covers the days after it. The scheduler itself runs only the latest occurrence.
    /// </summary>
    public static Task<DateTime?> LastCompletedBeforeAsync(EgiDbContext db, string jobCode, DateTime dueAt, CancellationToken ct) =>
        db.ScheduledJobRuns.AsNoTracking()
            .Where(r => r.Job == jobCode && r.DueAt < dueAt && r.FinishedAt != null && (r.Result == null || !r.Result.StartsWith(ErrorPrefix)))
            .MaxAsync(r => (DateTime?)r.DueAt, ct);

    /// <summary>The latest occurrence of a daily job at or before <paramref name="nowUtc"/>, in UTC.</summary>
    public static DateTime LatestDue(IScheduledJob job, DateTimeOffset nowUtc)
    {
        var local = BogotaTime.Local(nowUtc).DateTime;
        var dueLocal = DateOnly.FromDateTime(local).ToDateTime(job.TimeOfDay);
        if (dueLocal > local) dueLocal = dueLocal.AddDays(-1);
        return BogotaTime.ToUtc(dueLocal);
    }

    /// <summary>Runs every job whose latest occurrence has not run yet; returns the codes of the jobs run now.</summary>
    public async Task<IReadOnlyList<string>> RunDueAsync(CancellationToken ct)
    {
        var ran = new List<string>();
        foreach (var job in jobs)
        {
            var due = LatestDue(job, clock.GetUtcNow());
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
            if (await db.ScheduledJobRuns.AnyAsync(r => r.Job == job.Code && r.DueAt == due, ct)) continue;
            var run = new ScheduledJobRun { Job = job.Code, DueAt = due, StartedAt = clock.GetUtcNow().UtcDateTime, Instance = Instance };
            db.ScheduledJobRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                continue; // another instance claimed this occurrence first
            }
            try
            {
                run.Result = await job.RunAsync(scope.ServiceProvider, due, ct);
                log.LogInformation("Job {Job} due {Due:o} ran: {Result}", job.Name, due, run.Result);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                run.Result = ErrorPrefix + ex.Message;
                log.LogError(ex, "Job {Job} due {Due:o} failed", job.Name, due);
            }
            run.FinishedAt = clock.GetUtcNow().UtcDateTime;
            db.ChangeTracker.Clear();
            db.ScheduledJobRuns.Attach(run);
            db.Entry(run).Property(r => r.Result).IsModified = true;
            db.Entry(run).Property(r => r.FinishedAt).IsModified = true;
            await db.SaveChangesAsync(CancellationToken.None);
            ran.Add(job.Code);
        }
        return ran;
    }
}

/// <summary>Hosted loop around <see cref="Scheduler"/>: checks every minute (real time).</summary>
public sealed class SchedulerWorker(Scheduler scheduler, ILogger<SchedulerWorker> log, IConfiguration config) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(config.GetValue("Scheduler:PollSeconds", 60.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await scheduler.RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Scheduler round failed");
            }
            try
            {
                await Task.Delay(every, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
