using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Directory.Jobs;

/// <summary>What a directory job does (stored as its name: a stable code).</summary>
public enum DirectoryJobKind
{
    /// <summary>A large <c>POST /api/v1/directory/sync</c> (or one the client asked to run in the background).</summary>
    ApiSync,

    /// <summary>A large confirmation of the import screen (<c>/Directory/Import</c>).</summary>
    ScreenImport,
}

/// <summary>Where a directory job is (stored as its name: a stable code, also the API's «state»).</summary>
public enum DirectoryJobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

public static class DirectoryJobStateLabels
{
    public static string Label(this DirectoryJobState state) => state switch
    {
        DirectoryJobState.Queued => "En cola",
        DirectoryJobState.Running => "En curso",
        DirectoryJobState.Succeeded => "Aplicada",
        _ => "Fallida",
    };

    public static bool IsDone(this DirectoryJobState state) => state is DirectoryJobState.Succeeded or DirectoryJobState.Failed;
}

/// <summary>
/// A directory change applied outside the request that asked for it: a large API sync or a large import confirmed on
/// screen. The row is the job's whole state, shared by every instance of the application: any instance's worker claims
/// it (<see cref="DirectoryJobRunner"/>), and the progress and the outcome are read from here by whichever instance the
/// client or the browser reaches.
/// </summary>
public sealed class DirectoryJob
{
    public const int NameMax = 256;

    public long Id { get; set; }
    public DirectoryJobKind Kind { get; set; }
    public DirectoryJobState State { get; set; } = DirectoryJobState.Queued;

    /// <summary>The account that started it (the import screen), or null.</summary>
    public string? StartedByUserId { get; set; }

    /// <summary>The API key that started it (the sync), or null.</summary>
    public int? StartedByApiKeyId { get; set; }

    /// <summary>As the audit trail names whoever started it: the account's user name, or «Clave de API: nombre».</summary>
    public string StartedByName { get; set; } = "";

    /// <summary>The client's address of the request that started it (the job's audit lines carry it).</summary>
    public string? StartedFromIp { get; set; }

    /// <summary>Steps of the apply (each dependencia, each servant saved, then each account), as estimated when queued.</summary>
    public int Total { get; set; }

    public int Processed { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>The instance that holds it while it runs, until <see cref="LeaseUntil"/> (renewed while it runs).</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? LeaseUntil { get; set; }

    /// <summary>How many times an instance claimed it (more than one: an instance stopped while it ran).</summary>
    public int Attempts { get; set; }

    /// <summary>The Spanish outcome: the summary when it succeeded, what went wrong when it failed.</summary>
    public string? Message { get; set; }

    /// <summary>JSON list of <see cref="SyncError"/>: the problems that refused it (section, row, field, value, message).</summary>
    public string? ErrorsJson { get; set; }

    /// <summary>JSON of the <see cref="DirectorySyncResult"/> of an API sync that succeeded.</summary>
    public string? ResultJson { get; set; }

    /// <summary>The API sync's request (JSON), until the job ends: then it is cleared (personal data is kept no longer than needed).</summary>
    public string? Payload { get; set; }

    /// <summary>The import screen's pending file (<see cref="Infrastructure.Import.PendingImports"/> token), its name and the preview's fingerprint.</summary>
    public string? PendingToken { get; set; }

    public string? FileName { get; set; }
    public string? Fingerprint { get; set; }

    /// <summary>0–100, from the steps done (100 once it succeeded).</summary>
    public static int PercentOf(DirectoryJobState state, int processed, int total) =>
        state == DirectoryJobState.Succeeded ? 100 : total <= 0 ? 0 : (int)(100L * Math.Clamp(processed, 0, total) / total);
}

internal sealed class DirectoryJobConfiguration : IEntityTypeConfiguration<DirectoryJob>
{
    public void Configure(EntityTypeBuilder<DirectoryJob> e)
    {
        e.ToTable("DirectoryJobs");
        e.Property(j => j.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
        e.Property(j => j.StartedByUserId).HasMaxLength(450);
        e.Property(j => j.StartedByName).HasMaxLength(DirectoryJob.NameMax);
        e.Property(j => j.StartedFromIp).HasMaxLength(64);
        e.Property(j => j.ClaimedBy).HasMaxLength(60);
        e.Property(j => j.Message).HasMaxLength(2000);
        e.Property(j => j.PendingToken).HasMaxLength(32);
        e.Property(j => j.FileName).HasMaxLength(260);
        e.Property(j => j.Fingerprint).HasMaxLength(64);
        // The workers look for queued jobs and for running ones whose lease ran out.
        e.HasIndex(j => new { j.State, j.LeaseUntil });
        // One job per pending file: a second click on «Confirmar» finds the first job.
        e.HasIndex(j => j.PendingToken).IsUnique();
    }
}
