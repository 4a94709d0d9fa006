using System.Collections.Concurrent;

namespace Egi.Web.Features.Directory.Import;

/// <summary>
/// A confirmed import that runs in the background (large files): its progress, read by the page that polls it,
/// and its outcome. Kept in memory of this instance for an hour after it ends.
/// </summary>
public sealed class ImportJob(string id, string userId, string token, string fileName, int total) : IProgress<int>
{
    private int processed;

    public string Id { get; } = id;
    public string UserId { get; } = userId;
    public string Token { get; } = token;
    public string FileName { get; } = fileName;
    public int Total { get; } = Math.Max(1, total);
    public int Processed => Volatile.Read(ref processed);
    public int Percent => (int)(100L * Math.Min(Processed, Total) / Total);
    public bool Done { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Succeeded => Done && Errors.Count == 0;

    /// <summary>Set when it succeeds: the confirmation message shown as the page's message.</summary>
    public string? Message { get; private set; }

    public void Report(int value) => Volatile.Write(ref processed, value);

    public void Finish(IReadOnlyList<string> errors, string? message)
    {
        Errors = errors;
        Message = message;
        FinishedAt = DateTime.UtcNow;
        if (errors.Count == 0) Report(Total);
        Done = true;
    }
}

/// <summary>The background imports of this instance, by id (a random GUID in "N" format).</summary>
public static class ImportJobs
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    private static readonly ConcurrentDictionary<string, ImportJob> Jobs = new(StringComparer.Ordinal);

    /// <summary>A new job, or the one already running for the same pending file (a second click on «Confirmar»).</summary>
    public static (ImportJob Job, bool IsNew) Start(string userId, string token, string fileName, int total)
    {
        foreach (var (key, job) in Jobs)
            if (job.FinishedAt is { } at && DateTime.UtcNow - at > KeptFor) Jobs.TryRemove(key, out _);
        lock (Jobs)
        {
            if (Jobs.Values.FirstOrDefault(j => j.Token == token && !j.Done) is { } running) return (running, false);
            var created = new ImportJob(Guid.NewGuid().ToString("N"), userId, token, fileName, total);
            Jobs[created.Id] = created;
            return (created, true);
        }
    }

    /// <summary>The job <paramref name="id"/> of <paramref name="userId"/>, or null (unknown, expired or someone else's).</summary>
    public static ImportJob? Find(string? id, string? userId) =>
        id is not null && Jobs.TryGetValue(id, out var job) && job.UserId == userId ? job : null;
}
