using System.Linq.Expressions;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Shared;

/// <summary>
/// How many servants of a dependencia have no fecha de retiro, and how many of those are of a vinculación EGI evaluates
/// (issue 11): the part of «servidores activos» and «servidores evaluables» that does not change with the day, stored and
/// kept by each save that adds, deletes, moves or changes such a servant, in the save's transaction
/// (<see cref="DependencyHeadcounts.RecountAsync"/>). Who is active or eligible on a day is these plus the servants with a
/// fecha de retiro after that day, read through the retirement date's index (<see cref="DependencyHeadcounts.On"/>): a
/// view of the dashboard, a report or the home no longer counts the whole servants table.
/// </summary>
public sealed class DependencyHeadcount
{
    public int DependencyId { get; set; }

    /// <summary>Servants of the dependencia without a fecha de retiro.</summary>
    public int WithoutRetirement { get; set; }

    /// <summary>Of them, those of a vinculación EGI evaluates (<see cref="Eligibility.IsOfEvaluableType"/>).</summary>
    public int EvaluableWithoutRetirement { get; set; }
}

internal sealed class DependencyHeadcountConfiguration : IEntityTypeConfiguration<DependencyHeadcount>
{
    public void Configure(EntityTypeBuilder<DependencyHeadcount> builder)
    {
        builder.ToTable("DependencyHeadcounts");
        builder.HasKey(h => h.DependencyId);
        builder.Property(h => h.DependencyId).ValueGeneratedNever();
        // A dependencia deleted (it has no servants by then) takes its row with it.
        builder.HasOne<Dependency>().WithMany().HasForeignKey(h => h.DependencyId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Active and eligible servants of a dependencia on a day, as one row of <see cref="DependencyHeadcounts.On"/> (a dependencia may have several: sum them).</summary>
public sealed class HeadcountRow
{
    public int DependencyId { get; set; }
    public int Active { get; set; }
    public int Eligible { get; set; }
}

/// <summary>Reads and keeps <see cref="DependencyHeadcount"/>.</summary>
public static class DependencyHeadcounts
{
    /// <summary>
    /// The servants active (<see cref="Servant.ActiveOn"/>) and eligible (<see cref="Eligibility.IsEligibleOn"/>) on
    /// <paramref name="today"/> per dependencia: the stored rows, and one row per servant whose fecha de retiro is after
    /// that day (through the retirement date's index). Several rows per dependencia: the reader sums them.
    /// </summary>
    public static IQueryable<HeadcountRow> On(EgiDbContext db, DateOnly today) =>
        db.Set<DependencyHeadcount>().AsNoTracking()
            .Select(h => new HeadcountRow { DependencyId = h.DependencyId, Active = h.WithoutRetirement, Eligible = h.EvaluableWithoutRetirement })
            .Concat(Counted(db).Where(c => c.RetirementDate != null && c.RetirementDate > today)
                .Select(c => new HeadcountRow { DependencyId = c.DependencyId, Active = 1, Eligible = c.Evaluable ? 1 : 0 }));

    /// <summary>The servants active and eligible on <paramref name="today"/> in the whole entity (one query).</summary>
    public static async Task<(int Active, int Eligible)> TotalsOnAsync(EgiDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var totals = await On(db, today).GroupBy(_ => 1)
            .Select(g => new { Active = g.Sum(r => r.Active), Eligible = g.Sum(r => r.Eligible) }).FirstOrDefaultAsync(ct);
        return totals is null ? (0, 0) : (totals.Active, totals.Eligible);
    }

    /// <summary>
    /// Counts again the rows of <paramref name="dependencyIds"/> from the servants (their index of dependencia, vinculación,
    /// gerente público and fecha de retiro alone) and replaces them, inside the transaction of the save that changed them,
    /// which holds the lock (<see cref="LockAsync"/>). A dependencia without such servants keeps no row.
    /// </summary>
    public static async Task RecountAsync(EgiDbContext db, IReadOnlyCollection<int> dependencyIds, CancellationToken ct = default)
    {
        if (dependencyIds.Count == 0) return;
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Headcounts are recounted inside the transaction of the save that changed them.");
        var ids = dependencyIds.Distinct().ToArray();
        var fresh = await Recount(db, ids).ToListAsync(ct);
        await db.Set<DependencyHeadcount>().Where(h => ids.Contains(h.DependencyId)).ExecuteDeleteAsync(ct);
        if (fresh.Count > 0)
            await BulkInsert.InsertAsync(db, db.Model.FindEntityType(typeof(DependencyHeadcount))!, fresh, ct);
    }

    /// <summary>
    /// At start-up: counts every dependencia again and, only if the stored rows differ (servants written by hand or a
    /// restored table), replaces them all, in one transaction under the lock; returns whether they differed. One grouped
    /// read of the servants' index (milliseconds at 50 000 servants); nothing is written when they agree, so several
    /// instances starting at once do not rewrite the table.
    /// </summary>
    public static async Task<bool> EnsureAsync(EgiDbContext db, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, ct);
        var all = await db.Dependencies.Select(d => d.Id).ToArrayAsync(ct);
        var fresh = (await Recount(db, all).ToListAsync(ct)).OrderBy(h => h.DependencyId).ToList();
        var stored = (await db.Set<DependencyHeadcount>().AsNoTracking().ToListAsync(ct)).OrderBy(h => h.DependencyId).ToList();
        static (int, int, int) Key(DependencyHeadcount h) => (h.DependencyId, h.WithoutRetirement, h.EvaluableWithoutRetirement);
        if (fresh.Select(Key).SequenceEqual(stored.Select(Key))) return false;
        await RecountAsync(db, all, ct); // every stored row names a dependencia (its foreign key): all of them are replaced
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The rows of <paramref name="dependencyIds"/> counted now from the servants (what <see cref="RecountAsync"/> stores).</summary>
    public static IQueryable<DependencyHeadcount> Recount(EgiDbContext db, int[] dependencyIds) =>
        from c in Counted(db)
        where c.RetirementDate == null && dependencyIds.Contains(c.DependencyId)
        group c by c.DependencyId into g
        select new DependencyHeadcount { DependencyId = g.Key, WithoutRetirement = g.Count(), EvaluableWithoutRetirement = g.Count(c => c.Evaluable) };

    /// <summary>
    /// Serializes the saves that change headcounts until the end of their transaction. On PostgreSQL a transaction-scoped
    /// advisory lock: two saves adding servants to one dependencia count one after the other, and the later one sees the
    /// earlier one's row. Taken before anything is written, and before the tallies' locks (<see cref="DependencyTallies.LockAsync"/>),
    /// by every save that takes both (an import takes it with its first batch of servants, before it opens their
    /// evaluations). One lock for the whole table, not one per dependencia: a save that changes servants waits for an
    /// import running at the same time until it commits (as every write does on SQLite), but no two saves can take
    /// dependencias' locks in opposite orders. SQLite has one writer at a time: nothing to do.
    /// </summary>
    public static async Task LockAsync(EgiDbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql()) return;
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Headcounts are locked inside the transaction of the save that changes them.");
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockClass}, 0)", ct);
    }

    /// <summary>The advisory lock class of the headcounts: «EGI» + 2 (the tallies' is + 1).</summary>
    private const int LockClass = 0x45474902;

    /// <summary>
    /// The dependencias whose headcounts a save changes, read from the change tracker before it writes: of the servants
    /// added or deleted, and of those whose dependencia (the one they leave and the one they join), vinculación, gerente
    /// público mark or fecha de retiro changed.
    /// </summary>
    public static HashSet<int> Changed(EgiDbContext db)
    {
        var dependencies = new HashSet<int>();
        foreach (var entry in db.ChangeTracker.Entries<Servant>())
        {
            if (entry.State is EntityState.Added or EntityState.Deleted
                || entry.State == EntityState.Modified && (TallyChanges.ValueChanged(entry.Property(s => s.DependencyId))
                    || TallyChanges.ValueChanged(entry.Property(s => s.EmploymentType)) || TallyChanges.ValueChanged(entry.Property(s => s.IsPublicManager))
                    || TallyChanges.ValueChanged(entry.Property(s => s.RetirementDate))))
            {
                if (entry.State != EntityState.Added) dependencies.Add(entry.Property(s => s.DependencyId).OriginalValue);
                if (entry.State != EntityState.Deleted) dependencies.Add(entry.Entity.DependencyId);
            }
        }
        return dependencies;
    }

    /// <summary>A servant as the headcounts count it.</summary>
    private sealed class CountedServant
    {
        public int DependencyId { get; init; }
        public DateOnly? RetirementDate { get; init; }
        public bool Evaluable { get; init; }
    }

    private static IQueryable<CountedServant> Counted(EgiDbContext db) => db.Servants.AsNoTracking().Select(CountedShape);

    /// <summary>The projection of a servant with the domain's own <see cref="Eligibility.IsOfEvaluableType"/> inlined, so the database evaluates it.</summary>
    private static readonly Expression<Func<Servant, CountedServant>> CountedShape = BuildShape();

    private static Expression<Func<Servant, CountedServant>> BuildShape()
    {
        Expression<Func<Servant, bool, CountedServant>> shape = (s, evaluable) =>
            new CountedServant { DependencyId = s.DependencyId, RetirementDate = s.RetirementDate, Evaluable = evaluable };
        var rule = Eligibility.IsOfEvaluableType;
        var evaluable = DayRule.Substitute(rule.Body, rule.Parameters[0], shape.Parameters[0]);
        return Expression.Lambda<Func<Servant, CountedServant>>(DayRule.Substitute(shape.Body, shape.Parameters[1], evaluable), shape.Parameters[0]);
    }
}
