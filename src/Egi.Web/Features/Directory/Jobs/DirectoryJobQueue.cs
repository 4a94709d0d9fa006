using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Egi.Web.Data;
using Egi.Web.Infrastructure.Api;
using Egi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Jobs;

/// <summary>Who starts a job, and so who may read it: an API key, or an account (the import screen).</summary>
public sealed record DirectoryJobOwner(string? UserId, int? ApiKeyId, string Name, string? Ip)
{
    /// <summary>The caller of the request: its API key if it came with one, else its account; null when anonymous.</summary>
    public static DirectoryJobOwner? Of(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true) return null;
        var name = user.Identity.Name ?? "";
        if (name.Length > DirectoryJob.NameMax) name = name[..DirectoryJob.NameMax];
        var ip = http.Connection.RemoteIpAddress?.ToString();
        if (int.TryParse(user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var keyId))
            return new(null, keyId, name, ip);
        return user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? new(userId, null, name, ip) : null;
    }
}

/// <summary>A job as its owner reads it (without its payload).</summary>
public sealed record DirectoryJobView(
    long Id, DirectoryJobKind Kind, DirectoryJobState State, int Total, int Processed, DateTime CreatedAt, DateTime? StartedAt,
    DateTime? FinishedAt, string? Message, string? ErrorsJson, string? ResultJson, string? FileName)
{
    public int Percent => DirectoryJob.PercentOf(State, Processed, Total);
    public bool Done => State.IsDone();
    public bool Succeeded => State == DirectoryJobState.Succeeded;

    public IReadOnlyList<SyncError> Errors =>
        ErrorsJson is null ? [] : JsonSerializer.Deserialize<List<SyncError>>(ErrorsJson, DirectoryJobQueue.Json) ?? [];

    public DirectorySyncResult? Result =>
        ResultJson is null ? null : JsonSerializer.Deserialize<DirectorySyncResult>(ResultJson, DirectoryJobQueue.Json);
}

/// <summary>
/// The progress of the jobs this instance is running, as the worker hears it. On PostgreSQL the worker also saves it on
/// the job's row every <see cref="DirectoryJobOptions.ProgressSeconds"/> (any instance reads it); on SQLite, whose one
/// writer is the job's own transaction until it commits, this memory is where the progress is (SQLite runs one instance).
/// </summary>
public sealed class DirectoryJobProgress
{
    private readonly ConcurrentDictionary<long, int> running = new();

    public void Set(long id, int processed) => running[id] = processed;

    public void Forget(long id) => running.TryRemove(id, out _);

    /// <summary>The steps done, from the row or, if further along, from this instance's memory.</summary>
    public int Of(long id, int saved) => running.TryGetValue(id, out var here) ? Math.Max(here, saved) : saved;
}

/// <summary>Wakes this instance's job worker when a job was queued here (it also polls for the others').</summary>
public sealed class DirectoryJobSignal : WakeSignal;

/// <summary>Queues directory jobs and finds them for their owner (anyone else: as if they did not exist).</summary>
public sealed class DirectoryJobQueue(EgiDbContext db, TimeProvider clock, DirectoryJobSignal signal, DirectoryJobProgress live)
{
    /// <summary>The JSON of the payloads, results and errors kept on the row: the API's own (camelCase) shape.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Queues an API sync that was checked whole (no errors); <paramref name="total"/> is its apply's steps.</summary>
    public async Task<DirectoryJobView> QueueSyncAsync(DirectoryJobOwner owner, DirectorySyncRequest request, int total, CancellationToken ct)
    {
        var job = New(owner, DirectoryJobKind.ApiSync, total);
        job.Payload = JsonSerializer.Serialize(request, Json);
        db.DirectoryJobs.Add(job);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return View(job);
    }

    /// <summary>Queues the confirmed import of a pending file, or finds the job already made for it (a second click).</summary>
    public async Task<(long Id, bool IsNew)> QueueImportAsync(DirectoryJobOwner owner, string token, string fileName, string fingerprint, int total,
        CancellationToken ct)
    {
        if (await JobOfTokenAsync(token, ct) is { } existing) return (existing, false);
        var job = New(owner, DirectoryJobKind.ScreenImport, total);
        job.PendingToken = token;
        job.FileName = fileName.Length <= 260 ? fileName : fileName[..259] + "…";
        job.Fingerprint = fingerprint;
        db.DirectoryJobs.Add(job);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same confirmation, twice at once: the unique pending token lets one in; the other follows it.
            db.ChangeTracker.Clear();
            if (await JobOfTokenAsync(token, ct) is { } first) return (first, false);
            throw;
        }
        signal.Notify();
        return (job.Id, true);
    }

    private Task<long?> JobOfTokenAsync(string token, CancellationToken ct) =>
        db.DirectoryJobs.AsNoTracking().Where(j => j.PendingToken == token).Select(j => (long?)j.Id).FirstOrDefaultAsync(ct);

    /// <summary>The job <paramref name="id"/> of <paramref name="kind"/> if <paramref name="owner"/> started it; otherwise null.</summary>
    public async Task<DirectoryJobView?> FindAsync(long? id, DirectoryJobKind kind, DirectoryJobOwner? owner, CancellationToken ct)
    {
        if (id is null || owner is null) return null;
        var query = db.DirectoryJobs.AsNoTracking().Where(j => j.Id == id && j.Kind == kind);
        query = owner.ApiKeyId is { } keyId
            ? query.Where(j => j.StartedByApiKeyId == keyId)
            : query.Where(j => j.StartedByApiKeyId == null && j.StartedByUserId == owner.UserId);
        var view = await query.Select(j => new DirectoryJobView(j.Id, j.Kind, j.State, j.Total, j.Processed, j.CreatedAt, j.StartedAt,
            j.FinishedAt, j.Message, j.ErrorsJson, j.ResultJson, j.FileName)).FirstOrDefaultAsync(ct);
        return view is { State: DirectoryJobState.Running } ? view with { Processed = live.Of(view.Id, view.Processed) } : view;
    }

    private DirectoryJob New(DirectoryJobOwner owner, DirectoryJobKind kind, int total) => new()
    {
        Kind = kind,
        State = DirectoryJobState.Queued,
        StartedByUserId = owner.UserId,
        StartedByApiKeyId = owner.ApiKeyId,
        StartedByName = owner.Name,
        StartedFromIp = owner.Ip,
        Total = total,
        CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    private static DirectoryJobView View(DirectoryJob j) =>
        new(j.Id, j.Kind, j.State, j.Total, j.Processed, j.CreatedAt, j.StartedAt, j.FinishedAt, j.Message, j.ErrorsJson, j.ResultJson, j.FileName);
}
