using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Egi.Domain.Directory.Import;
using Egi.Web.Data;
using Egi.Web.Infrastructure.Api;
using Egi.Web.Features.Directory.Import;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Egi.Web.Infrastructure.Import;

namespace Egi.Web.Features.Directory.Jobs;

/// <summary>Section «DirectoryJobs» of the configuration.</summary>
public sealed class DirectoryJobOptions
{
    public const string Section = "DirectoryJobs";

    /// <summary>Run the hosted worker on this instance (off: the instance queues jobs and reads them, others run them).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for jobs queued by other instances (its own wake it at once).</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>How long a claim holds without news from its instance; a running job is renewed every <see cref="ProgressSeconds"/>.</summary>
    public double LeaseSeconds { get; set; } = 300;

    /// <summary>How often a running job's progress (and its lease) is saved on its row.</summary>
    public double ProgressSeconds { get; set; } = 1;

    /// <summary>A job whose instance stopped this many times while running it fails instead of being taken again.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Finished jobs (and their results) are deleted after this many days.</summary>
    public int KeepDays { get; set; } = 30;
}

/// <summary>
/// Runs queued directory jobs, on any instance. A job is claimed with one conditional UPDATE (Queued → Running, or a
/// Running job whose lease ran out), which the database serializes, so exactly one instance holds it. It is then applied
/// all or nothing with the code of the synchronous path (<see cref="DirectorySync"/>, <see cref="ServantImporter"/>) in one
/// transaction, as whoever started it (the audit trail names them), and its outcome is written in that same commit. While it
/// runs, its progress and its lease are saved in their own short UPDATEs (PostgreSQL); an instance that loses its lease
/// abandons the job (rolled back) to the one that took it. Tests drive <see cref="RunDueAsync"/> directly.
/// </summary>
public sealed class DirectoryJobRunner(
    IServiceScopeFactory scopes, IHttpContextAccessor accessor, TimeProvider clock, IOptionsMonitor<DirectoryJobOptions> options,
    DirectoryJobProgress live, ILogger<DirectoryJobRunner> log)
{
    public string Instance { get; } = InstanceId.New();

    private readonly ConcurrentDictionary<long, bool> runningHere = new();
    private DateTime lastPurge = DateTime.MinValue;

    private sealed record Finish(DirectoryJobState State, string Message, IReadOnlyList<SyncError> Errors, string? ResultJson = null);

    /// <summary>Claims and runs every job that is due (queued, or running under a lease that ran out); returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        await PurgeAsync(ct);
        var ran = 0;
        while (!ct.IsCancellationRequested && await ClaimNextAsync(ct) is { } id)
        {
            await RunClaimedAsync(id, ct);
            ran++;
        }
        return ran;
    }

    /// <summary>Claims the oldest due job for this instance; null when there is none (or every one went to another instance).</summary>
    public async Task<long?> ClaimNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await Due(db.DirectoryJobs, now).OrderBy(j => j.Id).Select(j => j.Id).Take(20).ToListAsync(ct);
        var until = now.AddSeconds(options.CurrentValue.LeaseSeconds);
        foreach (var id in candidates)
        {
            // A job this process is running is not taken again, even past its lease (SQLite cannot renew it mid-transaction).
            if (runningHere.ContainsKey(id)) continue;
            var claimed = await Due(db.DirectoryJobs.Where(j => j.Id == id), now).ExecuteUpdateAsync(u => u
                .SetProperty(j => j.State, DirectoryJobState.Running)
                .SetProperty(j => j.ClaimedBy, Instance)
                .SetProperty(j => j.LeaseUntil, until)
                .SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
            if (claimed == 1) return id;
        }
        return null;
    }

    private static IQueryable<DirectoryJob> Due(IQueryable<DirectoryJob> jobs, DateTime now) =>
        jobs.Where(j => j.State == DirectoryJobState.Queued || (j.State == DirectoryJobState.Running && j.LeaseUntil < now));

    /// <summary>
    /// The lease of a job this instance claimed: progress reports, saved with the renewed lease on the job's row (PostgreSQL)
    /// every <see cref="DirectoryJobOptions.ProgressSeconds"/>; its token is cancelled if another instance took the job.
    /// </summary>
    public async Task<DirectoryJobLease> OpenLeaseAsync(long id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var persist = scope.ServiceProvider.GetRequiredService<EgiDbContext>().Database.IsNpgsql();
        return new DirectoryJobLease(id, Instance, persist, scopes, clock, options.CurrentValue, live, log, ct);
    }

    /// <summary>Runs a job this instance claimed; returns how it ended (null: it was not ours, or another instance took it over).</summary>
    public async Task<DirectoryJobState?> RunClaimedAsync(long id, CancellationToken ct)
    {
        if (!runningHere.TryAdd(id, true)) return null;
        try
        {
            // A flow of its own: the job sets the HTTP context of whoever started it, which must not reach the caller's.
            Task<DirectoryJobState?> run;
            using (ExecutionContext.SuppressFlow()) run = Task.Run(() => RunAsStarterAsync(id, ct), CancellationToken.None);
            return await run;
        }
        finally
        {
            runningHere.TryRemove(id, out _);
            live.Forget(id);
        }
    }

    private async Task<DirectoryJobState?> RunAsStarterAsync(long id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<EgiDbContext>();
        var job = await db.DirectoryJobs.AsNoTracking()
            .FirstOrDefaultAsync(j => j.Id == id && j.ClaimedBy == Instance && j.State == DirectoryJobState.Running, ct);
        if (job is null) return null;
        if (job.Attempts > options.CurrentValue.MaxAttempts)
        {
            var gaveUp = await FinishAsync(db, job, new(DirectoryJobState.Failed,
                DirectoryMessages.JobInterrupted(job.Attempts - 1), []), ct);
            return gaveUp ? DirectoryJobState.Failed : null;
        }

        accessor.HttpContext = await StarterContextAsync(job, sp);
        await using var lease = await OpenLeaseAsync(id, ct);
        try
        {
            var finish = job.Kind == DirectoryJobKind.ApiSync
                ? await ApplySyncAsync(sp, db, job, lease)
                : await ApplyImportAsync(sp, db, job, lease);
            return finish?.State;
        }
        catch (OperationCanceledException) when (lease.Lost)
        {
            log.LogWarning("Directory job {Id}: another instance took it over; this one rolled back", id);
            return null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The instance is stopping: the job goes back to the queue for the next instance (nothing of it was committed).
            await db.DirectoryJobs.Where(j => j.Id == id && j.ClaimedBy == Instance && j.State == DirectoryJobState.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, DirectoryJobState.Queued).SetProperty(j => j.LeaseUntil, (DateTime?)null)
                    .SetProperty(j => j.ClaimedBy, (string?)null).SetProperty(j => j.Attempts, j => j.Attempts - 1), CancellationToken.None);
            return DirectoryJobState.Queued;
        }
        catch (Exception e)
        {
            log.LogError(e, "Directory job {Id} failed", id);
            db.ChangeTracker.Clear();
            var failed = await FinishAsync(db, job, new(DirectoryJobState.Failed,
                DirectoryMessages.JobFailedUnexpectedly,
                []), CancellationToken.None);
            return failed ? DirectoryJobState.Failed : null;
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    /// <summary>An API sync: checked again against the directory as it is now, applied, and its outcome saved in the same commit.</summary>
    private async Task<Finish?> ApplySyncAsync(IServiceProvider sp, EgiDbContext db, DirectoryJob job, DirectoryJobLease lease)
    {
        var ct = lease.Token;
        var request = JsonSerializer.Deserialize<DirectorySyncRequest>(job.Payload ?? "{}", DirectoryJobQueue.Json) ?? new DirectorySyncRequest(null, null);
        var me = sp.GetRequiredService<CurrentUser>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await sp.GetRequiredService<DirectorySync>().RunAsync(request, dryRun: false, $"sincronización por API ({me.DisplayName})", me.Today, ct, lease);
        if (outcome.Errors.Count > 0)
        {
            await RollBackAsync(db);
            var (status, title, detail) = DirectorySync.RefusalOf(outcome);
            db.Audit("Sincronizar", "Directorio", "", $"Trabajo {job.Id} rechazado ({status}): {title}; {outcome.Errors.Count} errores");
            await db.SaveChangesAsync(CancellationToken.None);
            return await FinishedAsync(db, job, new(DirectoryJobState.Failed, detail, outcome.Errors));
        }
        var result = outcome.Result!;
        db.Audit("Sincronizar", "Directorio", "", $"Trabajo {job.Id}: {DirectorySync.SummaryOf(result)}");
        await db.SaveChangesAsync(ct);
        var message = DirectoryMessages.SyncApplied(DirectorySync.SummaryOf(result));
        return await CommitFinishedAsync(db, transaction, job, new(DirectoryJobState.Succeeded, message, [], JsonSerializer.Serialize(result, DirectoryJobQueue.Json)), ct);
    }

    /// <summary>An import confirmed on screen: its pending file planned again, applied if it still plans what was confirmed.</summary>
    private async Task<Finish?> ApplyImportAsync(IServiceProvider sp, EgiDbContext db, DirectoryJob job, DirectoryJobLease lease)
    {
        var ct = lease.Token;
        var fileName = job.FileName ?? "archivo";
        var pending = new PendingImports(ServiceRegistration.ResolveDataFolder(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        var file = await pending.LoadAsync(job.PendingToken, ct);
        if (file is null)
            return await FinishedAsync(db, job, Failed(
                DirectoryMessages.PendingImportFileGone(fileName)));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var maxBytes = sp.GetRequiredService<IOptionsSnapshot<UploadOptions>>().Value.BytesOf(UploadKind.ServantImport);
        var content = SpreadsheetReader.Read(file.Content, log, maxBytes: maxBytes);
        if (content.Error is { } unreadable) return await FinishedAsync(db, job, Failed(unreadable));
        var read = clock.Elapsed;
        var importer = sp.GetRequiredService<ServantImporter>();
        var plan = await importer.PlanAsync(content.Rows, sp.GetRequiredService<CurrentUser>().Today, ct);
        // How long the checks of the confirmed file took, for whoever runs large imports (and bench/import.sh).
        log.LogInformation("Import job {Id}: the kept file read in {Read} ms and checked against the directory in {Plan} ms",
            job.Id, (long)read.TotalMilliseconds, (long)(clock.Elapsed - read).TotalMilliseconds);
        if (!plan.IsValid)
            return await FinishedAsync(db, job, new(DirectoryJobState.Failed,
                DirectoryMessages.ImportNoLongerValid,
                plan.FileErrors.Select(m => new SyncError(DirectorySync.Servants, null, "", "", m))
                    .Concat(plan.RowErrors.Select(e => new SyncError(DirectorySync.Servants, e.Row, e.Column, e.Value, e.Message))).ToList()));
        if (plan.Fingerprint != job.Fingerprint)
            return await FinishedAsync(db, job, Failed(
                DirectoryMessages.DirectoryChangedSinceConfirmation));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var errors = await importer.ApplyAsync(plan, fileName, ct, lease);
        if (errors.Count > 0)
        {
            await RollBackAsync(db);
            return await FinishedAsync(db, job, new(DirectoryJobState.Failed, DirectoryMessages.ImportRefusedOnApply,
                errors.Select(m => new SyncError(DirectorySync.Servants, null, "", "", m)).ToList()));
        }
        var finish = await CommitFinishedAsync(db, transaction, job, new(DirectoryJobState.Succeeded, ServantImporter.AppliedMessage(fileName, plan), []), ct);
        if (finish is not null) pending.Delete(job.PendingToken);
        return finish;
    }

    private static Finish Failed(string message) => new(DirectoryJobState.Failed, message, []);

    /// <summary>Records the outcome inside the apply's transaction and commits both; null if the lease was lost (rolled back).</summary>
    private async Task<Finish?> CommitFinishedAsync(EgiDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
        DirectoryJob job, Finish finish, CancellationToken ct)
    {
        if (!await FinishAsync(db, job, finish, ct))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            log.LogWarning("Directory job {Id}: its lease was lost before the commit; rolled back", job.Id);
            return null;
        }
        await transaction.CommitAsync(CancellationToken.None);
        return finish;
    }

    private async Task<Finish?> FinishedAsync(EgiDbContext db, DirectoryJob job, Finish finish) =>
        await FinishAsync(db, job, finish, CancellationToken.None) ? finish : null;

    /// <summary>Writes the outcome on the row if this instance still holds the job; clears the payload and the lease.</summary>
    private async Task<bool> FinishAsync(EgiDbContext db, DirectoryJob job, Finish finish, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = finish.Message.Length <= 2000 ? finish.Message : finish.Message[..1999] + "…";
        var errors = finish.Errors.Count == 0 ? null : JsonSerializer.Serialize(finish.Errors, DirectoryJobQueue.Json);
        var processed = finish.State == DirectoryJobState.Succeeded ? job.Total : live.Of(job.Id, 0);
        var written = await db.DirectoryJobs.Where(j => j.Id == job.Id && j.ClaimedBy == Instance && j.State == DirectoryJobState.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.State, finish.State)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.Message, message)
                .SetProperty(j => j.ErrorsJson, errors)
                .SetProperty(j => j.ResultJson, finish.ResultJson)
                .SetProperty(j => j.Processed, processed)
                .SetProperty(j => j.Payload, (string?)null)
                .SetProperty(j => j.LeaseUntil, (DateTime?)null), ct);
        return written == 1;
    }

    /// <summary>Rolls back the job's transaction unless the refusal already did (the importer rolls back what it refuses).</summary>
    private static async Task RollBackAsync(EgiDbContext db)
    {
        if (db.Database.CurrentTransaction is { } open) await open.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The HTTP context of whoever started the job, for this flow: the audit trail names them (and their address), and the
    /// evaluations' history names them as the request would have.
    /// </summary>
    private static async Task<HttpContext> StarterContextAsync(DirectoryJob job, IServiceProvider sp)
    {
        ClaimsPrincipal principal;
        if (job.StartedByApiKeyId is { } keyId)
            principal = new(new ClaimsIdentity(
            [
                new(ClaimTypes.Name, job.StartedByName),
                new(ApiKeyAuthenticationHandler.KeyIdClaim, keyId.ToString(CultureInfo.InvariantCulture)),
            ], ApiKeyAuthenticationHandler.SchemeName));
        else if (job.StartedByUserId is { } userId && await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId) is { } user)
            principal = await sp.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        else
            principal = new(new ClaimsIdentity([new(ClaimTypes.Name, job.StartedByName)], "DirectoryJob"));
        sp.GetRequiredService<EgiDbContext>().ChangeTracker.Clear();
        var context = new DefaultHttpContext { User = principal, RequestServices = sp };
        if (IPAddress.TryParse(job.StartedFromIp, out var ip)) context.Connection.RemoteIpAddress = ip;
        return context;
    }

    /// <summary>Finished jobs older than <see cref="DirectoryJobOptions.KeepDays"/> are deleted (at most once an hour per instance).</summary>
    private async Task PurgeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - lastPurge < TimeSpan.FromHours(1)) return;
        lastPurge = now;
        var before = now.AddDays(-options.CurrentValue.KeepDays);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EgiDbContext>().DirectoryJobs
            .Where(j => (j.State == DirectoryJobState.Succeeded || j.State == DirectoryJobState.Failed) && j.FinishedAt < before)
            .ExecuteDeleteAsync(ct);
    }
}

/// <summary>
/// A claimed job's progress and lease (see <see cref="DirectoryJobRunner.OpenLeaseAsync"/>). Reports go to this instance's
/// memory at once and, on PostgreSQL, to the job's row every <see cref="DirectoryJobOptions.ProgressSeconds"/> in a short UPDATE
/// of its own that also renews the lease. If the row is no longer this instance's (its lease ran out and another instance
/// took the job), <see cref="Token"/> is cancelled: the apply stops and rolls back.
/// </summary>
public sealed class DirectoryJobLease : IProgress<int>, IAsyncDisposable
{
    private readonly long id;
    private readonly string instance;
    private readonly bool persist;
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly DirectoryJobOptions options;
    private readonly DirectoryJobProgress live;
    private readonly ILogger log;
    private readonly CancellationTokenSource cancel;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int processed;

    internal DirectoryJobLease(long id, string instance, bool persist, IServiceScopeFactory scopes, TimeProvider clock, DirectoryJobOptions options,
        DirectoryJobProgress live, ILogger log, CancellationToken ct)
    {
        (this.id, this.instance, this.persist, this.scopes, this.clock, this.options, this.live, this.log) = (id, instance, persist, scopes, clock, options, live, log);
        cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        loop = persist ? Task.Run(LoopAsync, CancellationToken.None) : Task.CompletedTask;
    }

    /// <summary>Cancelled when the instance stops or loses the job.</summary>
    public CancellationToken Token => cancel.Token;

    /// <summary>Another instance holds the job now.</summary>
    public bool Lost { get; private set; }

    public void Report(int value)
    {
        Volatile.Write(ref processed, value);
        live.Set(id, value);
    }

    /// <summary>Saves the progress and renews the lease now (PostgreSQL; SQLite keeps both in memory); false if the job was lost.</summary>
    public async Task<bool> SaveAsync(CancellationToken ct = default)
    {
        if (!persist || Lost) return !Lost;
        var done = Volatile.Read(ref processed);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        var until = clock.GetUtcNow().UtcDateTime.AddSeconds(options.LeaseSeconds);
        var held = await db.DirectoryJobs.Where(j => j.Id == id && j.ClaimedBy == instance && j.State == DirectoryJobState.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.Processed, done).SetProperty(j => j.LeaseUntil, until), ct);
        if (held == 0)
        {
            Lost = true;
            await cancel.CancelAsync();
        }
        return !Lost;
    }

    private async Task LoopAsync()
    {
        var every = TimeSpan.FromSeconds(Math.Max(0.05, options.ProgressSeconds));
        while (!stop.IsCancellationRequested && !Lost)
        {
            try
            {
                await Task.Delay(every, stop.Token);
                await SaveAsync(stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database did not answer this time: the lease has room for the next tries.
                log.LogWarning(e, "Directory job {Id}: could not save its progress", id);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
        cancel.Dispose();
    }
}

/// <summary>The hosted loop around <see cref="DirectoryJobRunner"/>: runs due jobs when woken, and at least every DirectoryJobs:PollSeconds.</summary>
public sealed class DirectoryJobWorker(DirectoryJobRunner runner, DirectoryJobSignal signal, IOptionsMonitor<DirectoryJobOptions> options,
    ILogger<DirectoryJobWorker> log) : SignalledWorker(signal, log)
{
    protected override TimeSpan PollInterval => TimeSpan.FromSeconds(options.CurrentValue.PollSeconds);

    protected override Task RunRoundAsync(CancellationToken ct) => runner.RunDueAsync(ct);
}

public static class DirectoryJobRegistration
{
    public static IServiceCollection AddEgiDirectoryJobs(this IServiceCollection services, IConfiguration config)
    {
        services.AddCheckedOptions<DirectoryJobOptions>(config.GetSection(DirectoryJobOptions.Section), j =>
            OptionsValidation.Between("DirectoryJobs:PollSeconds", j.PollSeconds, 0.05, 3600)
                .Concat(OptionsValidation.Between("DirectoryJobs:LeaseSeconds", j.LeaseSeconds, 10, 86400))
                .Concat(OptionsValidation.Between("DirectoryJobs:ProgressSeconds", j.ProgressSeconds, 0.05, 3600))
                .Concat(OptionsValidation.Between("DirectoryJobs:MaxAttempts", j.MaxAttempts, 1, 100))
                .Concat(OptionsValidation.Between("DirectoryJobs:KeepDays", j.KeepDays, 1, 3650)));
        services.AddSingleton<DirectoryJobSignal>();
        services.AddSingleton<DirectoryJobProgress>();
        services.AddSingleton<DirectoryJobRunner>();
        services.AddScoped<DirectoryJobQueue>();
        if (config.GetValue($"{DirectoryJobOptions.Section}:WorkerEnabled", true)) services.AddHostedService<DirectoryJobWorker>();
        return services;
    }
}
