using System.Linq.Expressions;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Shared;

/// <summary>
/// The stored totals of the evaluations of one period and one dependencia (issue 11): how many, in which state, stage
/// and level, and the sums of their unrounded scores — the summary table the consolidation reports, the annual report
/// and the dashboard read instead of counting every evaluation of the period on each request. Kept by each save in the
/// same transaction (<see cref="DependencyTallies.RecountAsync"/>, called by <see cref="EgiDbContext"/>): the rows of the
/// (period, dependencia) pairs a save touched are counted again from the evaluations' stored facts, so a tally always
/// equals a count of the rows, never a running sum that could drift. One row per dependencia, with a column per state
/// (<see cref="InState"/>): a read is the period's rows as stored, with nothing to add up (bench/HISTORY.md «00:40 UTC on 06/12/2026»).
/// </summary>
public sealed class DependencyTally : DependencyTotals
{
    public int PeriodId { get; set; }

    /// <summary>
    /// How many of these evaluations are of servants of a vinculación EGI evaluates (<see cref="Eligibility.IsOfEvaluableType"/>:
    /// provisional or libre nombramiento, not gerente público), retired or not: what the count of the eligible servants
    /// without an evaluation subtracts (<see cref="DependencyTallies.ReadAsync"/>), so it needs no probe per servant.
    /// </summary>
    public int OfEvaluableType { get; set; }

    // How many of these evaluations are in each state (one column per EvaluationState: InState(state) reads them).
    public int InGoalFormulation { get; set; }
    public int InGoalApproval { get; set; }
    public int InGoalAcceptance { get; set; }
    public int InSelfEvaluationI { get; set; }
    public int InSelfEvaluationIApproval { get; set; }
    public int InSelfEvaluationIAcceptance { get; set; }
    public int InSelfEvaluationII { get; set; }
    public int InSelfEvaluationIIApproval { get; set; }
    public int InCompetencyRating { get; set; }
    public int InFinalAcceptance { get; set; }
    public int InFinalized { get; set; }
    public int InClosedByRetirement { get; set; }

    /// <summary>How many of these evaluations are in <paramref name="state"/>.</summary>
    public int InState(EvaluationState state) => state switch
    {
        EvaluationState.GoalFormulation => InGoalFormulation,
        EvaluationState.GoalApproval => InGoalApproval,
        EvaluationState.GoalAcceptance => InGoalAcceptance,
        EvaluationState.SelfEvaluationI => InSelfEvaluationI,
        EvaluationState.SelfEvaluationIApproval => InSelfEvaluationIApproval,
        EvaluationState.SelfEvaluationIAcceptance => InSelfEvaluationIAcceptance,
        EvaluationState.SelfEvaluationII => InSelfEvaluationII,
        EvaluationState.SelfEvaluationIIApproval => InSelfEvaluationIIApproval,
        EvaluationState.CompetencyRating => InCompetencyRating,
        EvaluationState.FinalAcceptance => InFinalAcceptance,
        EvaluationState.Finalized => InFinalized,
        EvaluationState.ClosedByRetirement => InClosedByRetirement,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A state without a column in DependencyTally: add one (and a migration)."),
    };
}

internal sealed class DependencyTallyConfiguration : IEntityTypeConfiguration<DependencyTally>
{
    public void Configure(EntityTypeBuilder<DependencyTally> builder)
    {
        builder.ToTable("DependencyTallies");
        builder.HasKey(t => new { t.PeriodId, t.DependencyId });
        // A period deleted takes its tallies with it (SQLite may give its id to the next period).
        builder.HasOne<Period>().WithMany().HasForeignKey(t => t.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The totals of a period per dependencia and (when asked) the count of each state, as the reports and the dashboard read them.</summary>
public sealed record PeriodTotals(IReadOnlyList<DependencyTotals> Totals, IReadOnlyList<StateCount> States);

/// <summary>
/// Reads and keeps <see cref="DependencyTally"/>. A read is small queries: the period's tallies added up per
/// dependencia (one row each), for the annual report its counts per state, and, while the period is not closed, the
/// eligible servants without an evaluation in it per dependencia («Sin evaluación»: eligibility depends on the day).
/// Those are the eligible servants (counted from an index of <c>Servants</c> alone) less the evaluations of servants of
/// an evaluable vinculación the tallies keep (<see cref="DependencyTally.OfEvaluableType"/>), plus those of them whose
/// evaluado has retired by today (few; an index on the retirement date): no look-up of the evaluations per servant.
/// </summary>
public static class DependencyTallies
{
    /// <summary>
    /// The period's totals per dependencia from the stored tallies (one row per dependencia, as stored), with
    /// <paramref name="states"/> its state counts (from the same rows; else none), and while the period is not closed
    /// the eligible servants without an evaluation added as «Sin iniciar».
    /// </summary>
    public static async Task<PeriodTotals> ReadAsync(EgiDbContext db, Period period, DateOnly today, CancellationToken ct = default, bool states = false)
    {
        var periodId = period.Id;
        var tallies = await db.Set<DependencyTally>().AsNoTracking().Where(t => t.PeriodId == periodId).ToListAsync(ct);
        var counts = states ? StateCounts(tallies) : null;
        List<(int DependencyId, int Count)> notEvaluated = [];
        if (period.Status != PeriodStatus.Closed)
        {
            // Eligible servants, less the evaluated ones of an evaluable vinculación, plus those of them retired by today.
            var byDependency = tallies.ToDictionary(t => t.DependencyId, t => -t.OfEvaluableType);
            foreach (var c in await EligibleAndRetiredEvaluated(db, periodId, today).ToListAsync(ct))
                byDependency[c.DependencyId] = byDependency.GetValueOrDefault(c.DependencyId) + c.Count;
            notEvaluated = byDependency.Where(x => x.Value > 0).Select(x => (x.Key, x.Value)).ToList();
        }
        return Fold([.. tallies], counts, notEvaluated);
    }

    /// <summary>The states, in the order the annual report shows them.</summary>
    internal static IReadOnlyList<EvaluationState> States { get; } = Enum.GetValues<EvaluationState>();

    /// <summary>The count of each state with evaluations, per dependencia.</summary>
    private static List<StateCount> StateCounts(IEnumerable<DependencyTally> tallies) =>
        [.. from t in tallies from s in States let n = t.InState(s) where n != 0 select new StateCount { DependencyId = t.DependencyId, State = s, Count = n }];

    /// <summary>
    /// One query, per dependencia: the servants eligible today (the stored headcounts and the servants whose fecha de
    /// retiro is after today: <see cref="DependencyHeadcounts.On"/>), and those of an evaluable vinculación retired by
    /// today who have an evaluation in the period (through the retirement date's index). Neither reads every servant.
    /// </summary>
    public static IQueryable<StateCount> EligibleAndRetiredEvaluated(EgiDbContext db, int periodId, DateOnly today) =>
        DependencyHeadcounts.On(db, today)
            .Where(r => r.Eligible != 0)
            .Select(r => new StateCount { DependencyId = r.DependencyId, State = null, Count = r.Eligible })
            .Concat(db.Servants.AsNoTracking().Where(Servant.RetiredOn(today)).Where(Eligibility.IsOfEvaluableType)
                .Where(s => db.Evaluations.Any(e => e.PeriodId == periodId && e.EvaluadoId == s.Id))
                .GroupBy(s => s.DependencyId)
                .Select(g => new StateCount { DependencyId = g.Key, State = null, Count = g.Count() }));

    /// <summary>
    /// The same totals counted now from every evaluation of the period, without the stored tallies (and the servants
    /// without an evaluation by looking for each one's): what <see cref="ReadAsync"/> must always equal (the tests
    /// compare them after every kind of change). The state counts are a count per dependencia and state of their own,
    /// not the tally's columns: a state the tally forgets to count shows as a difference.
    /// </summary>
    public static async Task<PeriodTotals> RecountedAsync(EgiDbContext db, Period period, DateOnly today, CancellationToken ct = default)
    {
        var tallies = await Tally(Evaluated(db, period.Id), period.Id).ToListAsync(ct);
        var states = await Evaluated(db, period.Id).GroupBy(r => new { r.DependencyId, r.State })
            .Select(g => new StateCount { DependencyId = g.Key.DependencyId, State = g.Key.State, Count = g.Count() }).ToListAsync(ct);
        return Fold([.. tallies], states, await NotEvaluatedAsync(db, period, today, ct));
    }

    /// <summary>
    /// Locks, until the end of the transaction, the tallies a save will count again: for each period of
    /// <paramref name="pairs"/> (ascending), the given dependencias, or the whole period when they are <c>null</c>. On
    /// PostgreSQL transaction-scoped advisory locks: first each period's (shared when the save counts some of its
    /// dependencias, exclusive for the whole period), then one per (period, dependencia), in ascending order. Two saves
    /// of the same dependencia count one after the other, and the later one sees the earlier one's committed rows;
    /// saves of different dependencias count at the same time (bench/HISTORY.md «19:30 UTC on 06/12/2026»: with one
    /// lock per period, 32 saves at once spent four fifths of their time waiting for it); counting a whole period (the
    /// first count at start-up) waits for every other save of it, and they for it. A save takes them before it writes
    /// anything, so it never waits for a lock while holding a row another save that holds the lock needs. Several saves
    /// in one caller's transaction (an import) each take theirs in order, so such a transaction and a save of two
    /// dependencias could take two of them in opposite orders: PostgreSQL detects that and refuses one of the two. It
    /// needs both to write the same two dependencias at the same moment. SQLite has one writer at a time: nothing to
    /// do (<see cref="TallyLocks.None"/>).
    /// </summary>
    public static async Task<TallyLocks> LockAsync(EgiDbContext db, IEnumerable<(int PeriodId, IReadOnlyCollection<int>? Dependencies)> pairs,
        CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql()) return TallyLocks.None;
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Tallies are locked inside the transaction of the save that changes them.");
        var locks = new TallyLocks([]);
        await locks.AddAsync(db, pairs, ct);
        return locks;
    }

    /// <summary>
    /// Takes, in one round trip, the locks of some periods (each its own: exclusive to count all of it, shared beside the
    /// locks of some of its dependencias), then those of some (period, dependencia) pairs, each kind in ascending order:
    /// the two statements of one command run one after the other, and in each the sorted subquery hands the keys to the
    /// aggregate one after the other. The pairs' keys are PostgreSQL's single 64-bit advisory keys (<see cref="PairKey"/>),
    /// a space apart from the two-number keys of the periods and the headcounts.
    /// </summary>
    internal static async Task LockKeysAsync(EgiDbContext db, List<(int PeriodId, bool Whole)> periods, List<long> keys, CancellationToken ct)
    {
        if (periods.Count == 0 && keys.Count == 0) return;
        var ordered = periods.OrderBy(p => p.PeriodId).ToList();
        var (periodIds, whole) = (ordered.Select(p => p.PeriodId).ToArray(), ordered.Select(p => p.Whole).ToArray());
        var sorted = keys.Distinct().Order().ToArray();
        // Both statements always (an empty list locks nothing): one text, one prepared statement.
        await db.Database.ExecuteSqlAsync($"""
            SELECT count(CASE WHEN w THEN pg_advisory_xact_lock({LockClass}, p) ELSE pg_advisory_xact_lock_shared({LockClass}, p) END)
            FROM (SELECT p, w FROM unnest({periodIds}, {whole}) AS t(p, w) ORDER BY p) AS s;
            SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest({sorted}) AS t(k) ORDER BY k) AS s
            """, ct);
    }

    /// <summary>The advisory key of one dependencia's tallies in one period: the period in the high half, the dependencia in the low one.</summary>
    public static long PairKey(int periodId, int dependencyId) => ((long)periodId << 32) | (uint)dependencyId;

    /// <summary>
    /// Counts again the tallies of <paramref name="dependencyIds"/> in <paramref name="periodId"/> from the evaluations'
    /// stored facts and replaces them, inside the caller's transaction (the save that changed them), which holds their
    /// locks (<see cref="LockAsync"/>).
    /// </summary>
    public static async Task RecountAsync(EgiDbContext db, int periodId, IReadOnlyCollection<int> dependencyIds, CancellationToken ct = default)
    {
        if (dependencyIds.Count == 0) return;
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Tallies are recounted inside the transaction of the save that changed them.");
        var ids = dependencyIds.ToArray();
        var fresh = await Recount(db, periodId, ids).ToListAsync(ct);
        // The counted rows replace the stored ones in one statement; a dependencia left without evaluations in the
        // period (its last evaluado moved or deleted) loses its row.
        var emptied = ids.Except(fresh.Select(t => t.DependencyId)).ToArray();
        if (emptied.Length > 0)
            await db.Set<DependencyTally>().Where(t => t.PeriodId == periodId && emptied.Contains(t.DependencyId)).ExecuteDeleteAsync(ct);
        if (fresh.Count > 0)
            await BulkInsert.UpsertAsync(db, db.Model.FindEntityType(typeof(DependencyTally))!, fresh, ct);
    }

    /// <summary>
    /// Counts again every tally of every period, in one transaction (start-up, when none was ever stored: the rows that
    /// predate the table; all or nothing, so an interrupted start leaves none and the next start counts them).
    /// </summary>
    public static async Task RecountAllAsync(EgiDbContext db, CancellationToken ct = default)
    {
        var dependencies = await db.Dependencies.Select(d => d.Id).ToListAsync(ct);
        var periods = await db.Periods.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, periods.Select(p => (p, (IReadOnlyCollection<int>?)null)), ct);
        foreach (var periodId in periods) await RecountAsync(db, periodId, dependencies, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The query that counts the tallies of <paramref name="dependencyIds"/> in a period again (what each save runs).</summary>
    public static IQueryable<DependencyTally> Recount(EgiDbContext db, int periodId, int[] dependencyIds) =>
        Tally(Evaluated(db, periodId).Where(r => dependencyIds.Contains(r.DependencyId)), periodId);

    /// <summary>The advisory lock class of the tallies (the other number is the period): «EGI» + 1.</summary>
    private const int LockClass = 0x45474901;

    /// <summary>The evaluations of the period as the tallies count them (the evaluado's current dependencia and vinculación).</summary>
    private static IQueryable<CountedRow> Evaluated(EgiDbContext db, int periodId) =>
        db.Evaluations.AsNoTracking().Where(e => e.PeriodId == periodId).Join(db.Servants, e => e.EvaluadoId, s => s.Id, CountedShape);

    /// <summary>
    /// An evaluation and its evaluado as a counted row, with the domain's own <see cref="Eligibility.IsOfEvaluableType"/>
    /// inlined on the joined servant: a test of the row's own columns. (It was a look-up of the servant by key, which
    /// PostgreSQL's generic plan ran as a scan of every servant, hashed, on each save: half of a recount's time.)
    /// </summary>
    private static readonly Expression<Func<Evaluation, Servant, CountedRow>> CountedShape = BuildCountedShape();

    private static Expression<Func<Evaluation, Servant, CountedRow>> BuildCountedShape()
    {
        Expression<Func<Evaluation, Servant, bool, CountedRow>> shape = (e, s, evaluable) => new CountedRow
        {
            DependencyId = s.DependencyId,
            OfEvaluableType = evaluable,
            State = e.State,
            Stage1 = e.Facts.Stage1,
            Stage2 = e.Facts.Stage2,
            Progress = e.Facts.Position,
            Level = e.Facts.Level,
            FirstFollowUpUnrounded = e.Facts.FirstFollowUpUnrounded,
            EarlyWarning = e.Facts.EarlyWarning,
            GoalsUnrounded = e.Facts.GoalsComponentUnrounded,
            CompetenciesUnrounded = e.Facts.CompetenciesComponentUnrounded,
            FinalUnrounded = e.Facts.FinalScoreUnrounded,
        };
        var rule = Eligibility.IsOfEvaluableType;
        var evaluable = DayRule.Substitute(rule.Body, rule.Parameters[0], shape.Parameters[1]);
        return Expression.Lambda<Func<Evaluation, Servant, CountedRow>>(
            DayRule.Substitute(shape.Body, shape.Parameters[2], evaluable), shape.Parameters[0], shape.Parameters[1]);
    }

    /// <summary>The one definition of what a tally counts: per dependencia, every state and status and the score sums.</summary>
    private static IQueryable<DependencyTally> Tally(IQueryable<CountedRow> rows, int periodId) =>
        from r in rows
        group r by r.DependencyId into g
        select new DependencyTally
        {
            PeriodId = periodId,
            DependencyId = g.Key,
            Servants = g.Count(),
            OfEvaluableType = g.Count(r => r.OfEvaluableType),
            InGoalFormulation = g.Count(r => r.State == EvaluationState.GoalFormulation),
            InGoalApproval = g.Count(r => r.State == EvaluationState.GoalApproval),
            InGoalAcceptance = g.Count(r => r.State == EvaluationState.GoalAcceptance),
            InSelfEvaluationI = g.Count(r => r.State == EvaluationState.SelfEvaluationI),
            InSelfEvaluationIApproval = g.Count(r => r.State == EvaluationState.SelfEvaluationIApproval),
            InSelfEvaluationIAcceptance = g.Count(r => r.State == EvaluationState.SelfEvaluationIAcceptance),
            InSelfEvaluationII = g.Count(r => r.State == EvaluationState.SelfEvaluationII),
            InSelfEvaluationIIApproval = g.Count(r => r.State == EvaluationState.SelfEvaluationIIApproval),
            InCompetencyRating = g.Count(r => r.State == EvaluationState.CompetencyRating),
            InFinalAcceptance = g.Count(r => r.State == EvaluationState.FinalAcceptance),
            InFinalized = g.Count(r => r.State == EvaluationState.Finalized),
            InClosedByRetirement = g.Count(r => r.State == EvaluationState.ClosedByRetirement),
            NotStarted = g.Count(r => r.Stage1 == Stage1Status.NotStarted),
            Formulation = g.Count(r => r.Stage1 == Stage1Status.Formulation),
            Approval = g.Count(r => r.Stage1 == Stage1Status.Approval),
            Acceptance = g.Count(r => r.Stage1 == Stage1Status.Acceptance),
            Agreed = g.Count(r => r.Stage1 == Stage1Status.Agreed),
            ClosedNotAgreed = g.Count(r => r.Stage1 == Stage1Status.ClosedNotAgreed),
            Stage2NotStarted = g.Count(r => r.Stage2 == Stage2Status.NotStarted),
            Stage2InProgress = g.Count(r => r.Stage2 == Stage2Status.InProgress),
            Stage2Accepted = g.Count(r => r.Stage2 == Stage2Status.Accepted),
            Stage2NotApplicable = g.Count(r => r.Stage2 == Stage2Status.NotApplicable),
            // Sums of the unrounded scores: an average is rounded once (DependencyTotals.Average), never averaged from rounded scores.
            FirstFollowUpSum = g.Where(r => r.Stage2 == Stage2Status.Accepted).Sum(r => r.FirstFollowUpUnrounded),
            FirstFollowUpCount = g.Count(r => r.Stage2 == Stage2Status.Accepted && r.FirstFollowUpUnrounded != null),
            EarlyWarnings = g.Count(r => r.EarlyWarning),
            GoalsSum = g.Sum(r => r.GoalsUnrounded),
            CompetenciesSum = g.Sum(r => r.CompetenciesUnrounded),
            FinalSum = g.Sum(r => r.FinalUnrounded),
            Scored = g.Count(r => r.FinalUnrounded != null),
            Outstanding = g.Count(r => r.FinalUnrounded != null && r.Level == RatingLevel.Sobresaliente),
            Satisfactory = g.Count(r => r.FinalUnrounded != null && r.Level == RatingLevel.Satisfactorio),
            Unsatisfactory = g.Count(r => r.FinalUnrounded != null && r.Level == RatingLevel.NoSatisfactorio),
            NoEvaluation = g.Count(r => r.Progress == StagePosition.NoEvaluation),
            InGoals = g.Count(r => r.Progress == StagePosition.Goals),
            InFollowUpI = g.Count(r => r.Progress == StagePosition.FollowUpI),
            InFollowUpII = g.Count(r => r.Progress == StagePosition.FollowUpII),
            Finalized = g.Count(r => r.Progress == StagePosition.Finalized),
            Closed = g.Count(r => r.Progress == StagePosition.Closed),
        };

    /// <summary>
    /// While the period is not closed, the eligible servants without an evaluation in it, per dependencia, looked for one
    /// by one (<see cref="NotEvaluated"/>): the definition <see cref="ReadAsync"/>'s arithmetic must equal.
    /// </summary>
    private static async Task<List<(int DependencyId, int Count)>> NotEvaluatedAsync(EgiDbContext db, Period period, DateOnly today, CancellationToken ct)
    {
        if (period.Status == PeriodStatus.Closed) return [];
        var counts = await NotEvaluated(db, period.Id, today).ToListAsync(ct);
        return counts.Select(c => (c.DependencyId, c.Count)).ToList();
    }

    /// <summary>Per dependencia, the eligible servants without an evaluation in the period: the «Sin iniciar» / «Sin evaluación» of the reports.</summary>
    public static IQueryable<StateCount> NotEvaluated(EgiDbContext db, int periodId, DateOnly today) =>
        db.Servants.AsNoTracking()
            .Where(Eligibility.IsEligibleOn(today))
            .Where(s => !db.Evaluations.Any(e => e.PeriodId == periodId && e.EvaluadoId == s.Id))
            .GroupBy(s => s.DependencyId)
            .Select(g => new StateCount { DependencyId = g.Key, State = null, Count = g.Count() });

    /// <summary>
    /// The totals per dependencia with each one's servants without an evaluation added as «Sin iniciar» of both stages
    /// (a dependencia with only those gets a line of its own), and the state counts with them as «no state».
    /// </summary>
    private static PeriodTotals Fold(List<DependencyTotals> totals, IReadOnlyList<StateCount>? states, IReadOnlyList<(int DependencyId, int Count)> notEvaluated)
    {
        var byDependency = totals.ToDictionary(t => t.DependencyId);
        foreach (var (dependencyId, n) in notEvaluated)
        {
            if (!byDependency.TryGetValue(dependencyId, out var t)) totals.Add(byDependency[dependencyId] = t = new DependencyTotals { DependencyId = dependencyId });
            t.Servants += n;
            t.NotStarted += n;
            t.Stage2NotStarted += n;
            t.NoEvaluation += n;
        }
        if (states is null) return new(totals, []);
        return new(totals, [.. states, .. notEvaluated.Select(n => new StateCount { DependencyId = n.DependencyId, State = null, Count = n.Count })]);
    }
}

/// <summary>
/// What a save changes in the tallies, read from the change tracker before it writes: per period, the evaluados whose
/// evaluation was added, deleted, or changed its state or a counted fact; and the servants who moved to another
/// dependencia, changed their vinculación or their gerente público mark (<see cref="DependencyTally.OfEvaluableType"/>),
/// or were deleted, with the dependencia they leave. After the save, in its transaction,
/// <see cref="RecountAsync"/> counts again the (period, dependencia) pairs they touch: the evaluados' dependencias and
/// the ones the changed servants left, in every period where they have an evaluation. It also carries the dependencias
/// whose headcounts the save changes (<see cref="DependencyHeadcounts.Changed"/>), locked and counted again with them.
/// </summary>
internal sealed class TallyChanges
{
    /// <summary>The evaluation's stored facts the tallies count (<see cref="DependencyTallies"/>), besides its state.</summary>
    private static readonly string[] CountedFacts =
    [
        nameof(EvaluationFacts.Stage1), nameof(EvaluationFacts.Stage2), nameof(EvaluationFacts.Position), nameof(EvaluationFacts.Level),
        nameof(EvaluationFacts.FirstFollowUpUnrounded), nameof(EvaluationFacts.EarlyWarning), nameof(EvaluationFacts.GoalsComponentUnrounded),
        nameof(EvaluationFacts.CompetenciesComponentUnrounded), nameof(EvaluationFacts.FinalScoreUnrounded),
    ];

    private readonly Dictionary<int, HashSet<int>> evaluados = [];
    /// <summary>Servants who moved, changed vinculación or gerente público mark, or were deleted: their id and the dependencia they leave.</summary>
    private readonly Dictionary<int, int> changedServants = [];

    /// <summary>Of those, the ones who move: the dependencia they join (the save writes it).</summary>
    private readonly Dictionary<int, int> joining = [];

    /// <summary>The tallies this save holds locked (<see cref="PrepareAsync"/>).</summary>
    private TallyLocks locks = TallyLocks.None;

    /// <summary>The evaluations of those servants (period, evaluado), read by <see cref="PrepareAsync"/> before the save.</summary>
    private List<(int PeriodId, int EvaluadoId)> changedServantsEvaluations = [];

    /// <summary>The dependencias whose <see cref="DependencyHeadcount"/> the save changes (<see cref="DependencyHeadcounts.Changed"/>).</summary>
    private HashSet<int> headcounts = [];

    public bool IsEmpty => evaluados.Count == 0 && changedServants.Count == 0 && headcounts.Count == 0;

    public static TallyChanges Of(EgiDbContext db)
    {
        var changes = new TallyChanges();
        foreach (var entry in db.ChangeTracker.Entries<Evaluation>())
        {
            var counted = entry.State switch
            {
                EntityState.Added or EntityState.Deleted => true,
                EntityState.Modified => entry.Property(e => e.State).IsModified
                    || CountedFacts.Any(f => entry.ComplexProperty(e => e.Facts).Property(f).IsModified),
                _ => false,
            };
            if (counted) changes.Add(entry.Property(e => e.PeriodId).OriginalValue, entry.Property(e => e.EvaluadoId).OriginalValue);
        }
        foreach (var entry in db.ChangeTracker.Entries<Servant>())
            if (entry.State == EntityState.Deleted
                || entry.State == EntityState.Modified && (ValueChanged(entry.Property(s => s.DependencyId)) || ValueChanged(entry.Property(s => s.EmploymentType))
                    || ValueChanged(entry.Property(s => s.IsPublicManager))))
            {
                changes.changedServants[entry.Entity.Id] = entry.Property(s => s.DependencyId).OriginalValue;
                if (entry.State == EntityState.Modified) changes.joining[entry.Entity.Id] = entry.Property(s => s.DependencyId).CurrentValue;
            }
        changes.headcounts = DependencyHeadcounts.Changed(db);
        return changes;
    }

    /// <summary>A servant's property the save really changes (modified to another value), as the tallies and the headcounts read it.</summary>
    internal static bool ValueChanged<T>(PropertyEntry<Servant, T> p) => p.IsModified && !EqualityComparer<T>.Default.Equals(p.OriginalValue, p.CurrentValue);

    /// <summary>New evaluations written without the change tracker (<see cref="EgiDbContext.InsertOpenedEvaluationsAsync"/>).</summary>
    public static TallyChanges Opened(int periodId, IEnumerable<int> evaluadoIds)
    {
        var changes = new TallyChanges();
        foreach (var id in evaluadoIds) changes.Add(periodId, id);
        return changes;
    }

    private void Add(int periodId, int evaluadoId)
    {
        if (!evaluados.TryGetValue(periodId, out var ids)) evaluados[periodId] = ids = [];
        ids.Add(evaluadoId);
    }

    /// <summary>
    /// Before the save writes, inside its transaction: locks the headcounts when it changes them
    /// (<see cref="DependencyHeadcounts.LockAsync"/>, always first), finds the periods where the changed servants have
    /// evaluations (before the save may delete them) and locks the tallies of every (period, dependencia) pair the save
    /// touches (<see cref="DependencyTallies.LockAsync"/>): the evaluados' dependencias as stored now, and those the
    /// changed servants leave and join.
    /// </summary>
    public async Task PrepareAsync(EgiDbContext db, CancellationToken ct)
    {
        if (IsEmpty) return;
        if (headcounts.Count > 0) await DependencyHeadcounts.LockAsync(db, ct);
        if (changedServants.Count > 0)
        {
            var changedIds = changedServants.Keys.ToArray();
            changedServantsEvaluations = (await db.Evaluations.AsNoTracking().Where(e => changedIds.Contains(e.EvaluadoId))
                .Select(e => new { e.PeriodId, e.EvaluadoId }).Distinct().ToListAsync(ct)).Select(e => (e.PeriodId, e.EvaluadoId)).ToList();
        }
        if (!db.Database.IsNpgsql() || evaluados.Count == 0 && changedServantsEvaluations.Count == 0) return;
        locks = await DependencyTallies.LockAsync(db, Locked(await PairsAsync(db, joining, ct)), ct);
    }

    /// <summary>
    /// Counts again, after the save and inside its transaction (after <see cref="PrepareAsync"/>), the headcounts of the
    /// dependencias it changed and the tallies of every pair it touched, as the servants are stored now. A pair it did not
    /// lock before the save (an evaluado another save moved in between) is locked now, out of order: the only case where
    /// two saves could wait for each other, which PostgreSQL detects and ends by refusing one of them.
    /// </summary>
    public async Task RecountAsync(EgiDbContext db, CancellationToken ct)
    {
        if (IsEmpty) return;
        await DependencyHeadcounts.RecountAsync(db, headcounts, ct);
        var pairs = await PairsAsync(db, joining: null, ct);
        await locks.AddAsync(db, Locked(pairs), ct);
        foreach (var (periodId, deps) in pairs.OrderBy(p => p.Key))
            await DependencyTallies.RecountAsync(db, periodId, deps, ct);
    }

    /// <summary>The stored dependencia of each of <paramref name="servantIds"/> as the save loaded it; null if one is not loaded.</summary>
    private static Dictionary<int, int>? Tracked(EgiDbContext db, int[] servantIds)
    {
        var loaded = new Dictionary<int, int>();
        foreach (var entry in db.ChangeTracker.Entries<Servant>())
            if (entry.State is EntityState.Unchanged or EntityState.Modified or EntityState.Deleted)
                loaded[entry.Entity.Id] = entry.Property(s => s.DependencyId).OriginalValue;
        return servantIds.All(loaded.ContainsKey) ? loaded : null;
    }

    private static IEnumerable<(int, IReadOnlyCollection<int>?)> Locked(Dictionary<int, HashSet<int>> pairs) =>
        pairs.Select(p => (p.Key, (IReadOnlyCollection<int>?)p.Value));

    /// <summary>
    /// The (period, dependencia) pairs the save touches: the dependencia of each evaluado whose evaluation it changes,
    /// and for each period where a changed servant has an evaluation, the dependencia they leave, the one stored now and
    /// (<paramref name="joining"/>, before the save) the one they join.
    /// </summary>
    private async Task<Dictionary<int, HashSet<int>>> PairsAsync(EgiDbContext db, IReadOnlyDictionary<int, int>? joining, CancellationToken ct)
    {
        var pairs = new Dictionary<int, HashSet<int>>();
        void Pair(int periodId, int dependencyId)
        {
            if (!pairs.TryGetValue(periodId, out var deps)) pairs[periodId] = deps = [];
            deps.Add(dependencyId);
        }
        var servantIds = evaluados.Values.SelectMany(v => v).Concat(changedServants.Keys).Distinct().ToArray();
        // Before the save (joining given) the dependencias only choose the locks to take first, and the servants the save
        // loaded say where they were then (a transition loads its evaluado with the evaluation): no statement. After it,
        // they are read as stored now, inside the locks: the count must follow a servant another save moved meanwhile.
        var dependencyOf = joining is not null && Tracked(db, servantIds) is { } tracked
            ? tracked
            : await db.Servants.AsNoTracking().Where(s => servantIds.Contains(s.Id))
                .Select(s => new { s.Id, s.DependencyId }).ToDictionaryAsync(s => s.Id, s => s.DependencyId, ct);
        foreach (var (periodId, ids) in evaluados)
            foreach (var id in ids)
                if (dependencyOf.TryGetValue(id, out var dependencyId)) Pair(periodId, dependencyId);
        foreach (var (periodId, evaluadoId) in changedServantsEvaluations)
        {
            Pair(periodId, changedServants[evaluadoId]);
            if (dependencyOf.TryGetValue(evaluadoId, out var now)) Pair(periodId, now);
            if (joining is not null && joining.TryGetValue(evaluadoId, out var joined)) Pair(periodId, joined);
        }
        return pairs;
    }
}

/// <summary>
/// The tallies one save holds locked (<see cref="DependencyTallies.LockAsync"/>): per period, the whole period
/// (<c>null</c>) or some of its dependencias.
/// </summary>
public sealed class TallyLocks
{
    private readonly Dictionary<int, HashSet<int>?>? held;

    internal TallyLocks(Dictionary<int, HashSet<int>?>? held) => this.held = held;

    /// <summary>Nothing locked, and nothing to lock: SQLite, whose one writer at a time needs no lock.</summary>
    public static TallyLocks None { get; } = new(null);

    /// <summary>Whether the tallies of that dependencia in that period are held (always, on SQLite).</summary>
    public bool Holds(int periodId, int dependencyId) =>
        held is null || held.TryGetValue(periodId, out var deps) && (deps is null || deps.Contains(dependencyId));

    /// <summary>
    /// Locks what of <paramref name="pairs"/> is not held yet: per period (ascending), the whole period exclusively
    /// (dependencias <c>null</c>), or its shared lock when it is new and then, after every period's, the locks of its
    /// dependencias in ascending order (<see cref="DependencyTallies.LockAsync"/>; a save's later call, for a pair it found
    /// only after its save, takes them out of that order).
    /// </summary>
    internal async Task AddAsync(EgiDbContext db, IEnumerable<(int PeriodId, IReadOnlyCollection<int>? Dependencies)> pairs, CancellationToken ct)
    {
        if (held is null) return;
        var periods = new List<(int PeriodId, bool Whole)>();
        var keys = new List<long>();
        foreach (var (periodId, dependencies) in pairs.OrderBy(p => p.PeriodId))
        {
            if (dependencies is null)
            {
                if (held.TryGetValue(periodId, out var all) && all is null) continue;
                periods.Add((periodId, true));
                held[periodId] = null;
                continue;
            }
            foreach (var dependencyId in dependencies.Where(d => !Holds(periodId, d)))
            {
                if (!held.TryGetValue(periodId, out var mine))
                {
                    periods.Add((periodId, false));
                    held[periodId] = mine = [];
                }
                keys.Add(DependencyTallies.PairKey(periodId, dependencyId));
                mine!.Add(dependencyId);
            }
        }
        await DependencyTallies.LockKeysAsync(db, periods, keys, ct);
    }
}
