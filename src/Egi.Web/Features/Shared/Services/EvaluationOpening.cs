using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

/// <summary>
/// Creates the evaluations of a period: every eligible servant gets one with their current jefe as evaluator
/// when Talento Humano opens the period, and a servant who becomes eligible later gets one at that moment.
/// </summary>
public sealed class EvaluationOpening(EgiDbContext db, TimeProvider clock)
{
    public sealed record Result(int Created, IReadOnlyList<string> WithoutEvaluator);

    private DateOnly Today => BogotaTime.Day(clock.GetUtcNow());

    /// <summary>The opening of a period: opens the evaluations of every eligible servant who has none yet (idempotent).</summary>
    public Task<Result> OpenAllAsync(Period period, CancellationToken ct = default) => OpenMissingAsync(period, lateEntry: false, ct);

    /// <summary>
    /// After an import or a synchronization of the directory into an open period: opens the evaluations of the servants
    /// who entered EGI (or became eligible) since the period opened, each a late entry (<see cref="Evaluation.EnteredOn"/>:
    /// their own window for the goals starts today).
    /// </summary>
    public Task<Result> OpenLateEntriesAsync(Period period, CancellationToken ct = default) => OpenMissingAsync(period, lateEntry: true, ct);

    private async Task<Result> OpenMissingAsync(Period period, bool lateEntry, CancellationToken ct)
    {
        if (period.Status != PeriodStatus.Open) return new(0, []);
        var today = Today;
        var servants = await db.Servants.AsNoTracking().ToListAsync(ct);
        var existing = (await db.Evaluations.Where(e => e.PeriodId == period.Id).Select(e => e.EvaluadoId).ToListAsync(ct)).ToHashSet();
        var byId = servants.ToDictionary(s => s.Id);
        var withoutEvaluator = new List<string>();
        var now = clock.GetUtcNow().UtcDateTime;
        var opened = new List<Evaluation>();
        foreach (var s in servants.Where(s => !existing.Contains(s.Id) && s.IsEvaluatedIn(period.Year, today)))
        {
            if (EvaluatorOf(s, byId, today) is not { } evaluator)
            {
                withoutEvaluator.Add(s.FullName);
                continue;
            }
            opened.Add(lateEntry ? Evaluation.OpenForLateEntry(period.Id, s.Id, evaluator, now, today) : Evaluation.Open(period.Id, s.Id, evaluator, now));
        }
        // Whatever the caller left pending first; then the new evaluations in bulk (facts and waits from the domain, a
        // multi-row INSERT per thousand, their audit lines), one transaction, none of them tracked.
        await db.SaveChangesAsync(ct);
        await db.InsertOpenedEvaluationsAsync(opened, period, byId.ToDictionary(x => x.Key, x => x.Value.HireDate), ct);
        // Inside the import's transaction the import refreshes the statistics once it commits.
        if (opened.Count > 0 && db.Database.CurrentTransaction is null) await PlannerStatistics.RefreshAsync(db, ct);
        return new(opened.Count, withoutEvaluator);
    }

    /// <summary>
    /// After a servant is created or changed: opens their evaluation in every open period they are evaluated in
    /// (<see cref="Servant.IsEvaluatedIn"/>) and have none yet — a late entry (<see cref="Evaluation.EnteredOn"/>), since
    /// the period was already open. Returns the names of the periods where one was opened.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsureForServantAsync(int servantId, CancellationToken ct = default)
    {
        var today = Today;
        var servant = await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == servantId, ct);
        if (servant is null) return [];
        var periods = await db.Periods.AsNoTracking()
            .Where(p => p.Status == PeriodStatus.Open && !db.Evaluations.Any(e => e.PeriodId == p.Id && e.EvaluadoId == servantId))
            .OrderBy(p => p.Year).ToListAsync(ct);
        periods.RemoveAll(p => !servant.IsEvaluatedIn(p.Year, today));
        if (periods.Count == 0) return [];
        var boss = servant.BossId is { } b ? await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == b, ct) : null;
        if (boss is null || boss.IsRetired(today)) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var period in periods)
            db.Evaluations.Add(Evaluation.OpenForLateEntry(period.Id, servant.Id, boss.Id, now, today));
        await db.SaveChangesAsync(ct);
        return periods.Select(p => p.Name).ToList();
    }

    private static int? EvaluatorOf(Servant s, IReadOnlyDictionary<int, Servant> byId, DateOnly today) =>
        s.BossId is { } b && byId.TryGetValue(b, out var boss) && !boss.IsRetired(today) ? boss.Id : null;
}
