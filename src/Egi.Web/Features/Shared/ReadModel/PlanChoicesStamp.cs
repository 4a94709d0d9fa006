using System.Security.Cryptography;
using Egi.Domain.Directory;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Shared;

/// <summary>
/// A stored stamp of something many pages show and few saves change: a random token replaced, in the same transaction,
/// by every save that changes it. A page names the stamp in the address of what it lets the browser keep, so a browser
/// never shows an old copy after the change commits, on any instance (nothing is cached on the server).
/// </summary>
public sealed class ReadModelStamp
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

internal sealed class ReadModelStampConfiguration : IEntityTypeConfiguration<ReadModelStamp>
{
    public void Configure(EntityTypeBuilder<ReadModelStamp> b)
    {
        b.ToTable("ReadModelStamps");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(50);
        b.Property(s => s.Value).HasMaxLength(40);
    }
}

/// <summary>
/// The stamp of the institutional plans' choices a goal form offers (<see cref="PlanCatalog"/>): the other
/// dependencias' planes de acción, hundreds of items in a large entity, are fetched by the browser once per stamp
/// (Evaluations/PlanChoices) instead of being read, sorted and written into every goal form. Any save that adds,
/// changes or removes a plan or an item, or renames or removes a dependencia (whose name labels its plan), renews it.
/// </summary>
public static class PlanChoicesStamp
{
    public const string Key = "plan-choices";

    /// <summary>Whether the pending changes of <paramref name="db"/> change the choices (call after <c>DetectChanges</c>).</summary>
    public static bool Changes(EgiDbContext db)
    {
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in db.ChangeTracker.Entries())
            {
                if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
                if (entry.Entity is InstitutionalPlan or PlanItem) return true;
                if (entry.Entity is Dependency && (entry.State == EntityState.Deleted || entry.Property(nameof(Dependency.Name)).IsModified)) return true;
            }
            return false;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>A new random stamp, written in the caller's transaction (the row is created when missing).</summary>
    public static Task RenewAsync(EgiDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "ReadModelStamps" ("Key", "Value") VALUES ({Key}, {NewValue()}) ON CONFLICT ("Key") DO UPDATE SET "Value" = excluded."Value" """, ct);

    /// <summary>At start-up: a database that has no stamp yet gets a random one (never a fixed first value another database could share).</summary>
    public static Task EnsureAsync(EgiDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "ReadModelStamps" ("Key", "Value") VALUES ({Key}, {NewValue()}) ON CONFLICT ("Key") DO NOTHING""", ct);

    private static string NewValue() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
