using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Egi.Web.Features.Shared;

/// <summary>
/// Which evaluations of a save need their <see cref="GoalPlanLink"/> rows written again, read from the change tracker
/// before the save writes: those added, those whose goals changed (a goal added, removed or edited) and those whose
/// facts were recomputed under a new <see cref="EvaluationFacts.CurrentRevision"/> (how the rows of evaluations saved
/// before the table existed are back-filled at start-up). After the save, in its transaction, <see cref="ApplyAsync"/>
/// replaces their rows with what the domain derives (<see cref="Evaluation.GoalPlanLinks"/>).
/// </summary>
internal sealed class GoalLinkChanges
{
    private readonly List<Evaluation> added = [];
    private readonly List<Evaluation> changed = [];

    public bool IsEmpty => added.Count == 0 && changed.Count == 0;

    /// <summary>Reads the tracker as the save will write it (call after <c>DetectChanges</c>; it does not detect again).</summary>
    public static GoalLinkChanges Of(EgiDbContext db)
    {
        var changes = new GoalLinkChanges();
        var evaluations = db.ChangeTracker.Entries<Evaluation>().ToList();
        if (evaluations.Count == 0) return changes;
        var goalType = db.Model.FindEntityType(typeof(Evaluation))!.FindNavigation(nameof(Evaluation.Goals))!.TargetEntityType;
        var owner = goalType.FindOwnership()!.Properties[0].Name;
        var goalsChanged = new HashSet<object>();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in db.ChangeTracker.Entries())
                if (entry.Metadata == goalType && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                    && (entry.State == EntityState.Deleted ? entry.Property(owner).OriginalValue : entry.Property(owner).CurrentValue) is { } id)
                    goalsChanged.Add(id);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        foreach (var entry in evaluations)
        {
            if (entry.State == EntityState.Added) changes.added.Add(entry.Entity);
            else if (entry.State == EntityState.Modified && (goalsChanged.Contains(entry.Entity.Id) || Recomputed(entry)))
                changes.changed.Add(entry.Entity);
        }
        return changes;
    }

    private static bool Recomputed(EntityEntry<Evaluation> entry)
    {
        var revision = entry.ComplexProperty(e => e.Facts).Property(f => f.Revision);
        return revision.IsModified && revision.OriginalValue != revision.CurrentValue;
    }

    /// <summary>After the save, inside its transaction: the rows of the changed evaluations are deleted and written again.</summary>
    public async Task ApplyAsync(EgiDbContext db, CancellationToken ct)
    {
        if (IsEmpty) return;
        var ids = changed.Select(e => e.Id).ToArray();
        if (ids.Length > 0) await db.Set<GoalPlanLink>().Where(l => ids.Contains(l.EvaluationId)).ExecuteDeleteAsync(ct);
        var rows = added.Concat(changed).SelectMany(e => e.GoalPlanLinks()).Cast<object>().ToList();
        await BulkInsert.InsertAsync(db, db.Model.FindEntityType(typeof(GoalPlanLink))!, rows, ct);
    }
}
