using System.Linq.Expressions;
using Egi.Web.Features.Shared;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>An evaluation loaded with what its pages need: the period, the people, and the acting person.</summary>
public sealed record EvaluationCase(Evaluation Evaluation, Period Period, Servant Evaluado, Servant? Evaluator, Actor Actor, EvaluationContext Context)
{
    /// <summary>The name of the evaluado's dependencia, read with the evaluation ("—" when it has none).</summary>
    public string EvaluadoDependency { get; init; } = "—";

    public bool IsEvaluado => Evaluation.IsEvaluado(Actor);
    public bool IsEvaluator => Evaluation.IsCurrentEvaluator(Actor);
}

/// <summary>
/// The thin layer between pages and the domain: loads an evaluation for the signed-in person (refusing
/// anyone who may not see it), runs one domain transition, saves with optimistic concurrency, and queues
/// the notification to whoever must act next in the same transaction.
/// </summary>
public sealed class EvaluationWorkflow(EgiDbContext db, CurrentUser me, TimeProvider clock, EvaluationNotices notices)
{
    public Actor Actor => new(me.UserId ?? "", me.ServantId, me.DisplayName, me.IsTalentoHumano);

    private sealed record Loaded(Evaluation Evaluation, Servant Evaluado, Servant? Evaluator, string? Dependency);

    private static readonly PerModel<Func<EgiDbContext, int, CancellationToken, Task<Loaded?>>> Load =
        CompiledQueries.Single((EgiDbContext db, int id, CancellationToken ct) =>
            WithPeople(db, db.Evaluations.Where(e => e.Id == id)).FirstOrDefault());

    private static readonly PerModel<Func<EgiDbContext, int, CancellationToken, Task<Loaded?>>> Read =
        CompiledQueries.Single((EgiDbContext db, int id, CancellationToken ct) =>
            WithPeople(db, db.Evaluations.AsNoTracking().IgnoreAutoIncludes().Where(e => e.Id == id)).FirstOrDefault());

    /// <summary>Each evaluation with its evaluado, evaluator and the evaluado's dependencia, joined by key.</summary>
    [ExpandsTo(nameof(WithPeopleExpression))]
    private static IQueryable<Loaded> WithPeople(EgiDbContext db, IQueryable<Evaluation> evaluations) =>
        throw CompiledQueries.NotExpanded(nameof(WithPeople));

    private static Expression<Func<EgiDbContext, IQueryable<Evaluation>, IQueryable<Loaded>>> WithPeopleExpression { get; } = (db, evaluations) =>
        from e in evaluations
        join evaluado in db.Servants on e.EvaluadoId equals evaluado.Id
        join d in db.Dependencies on evaluado.DependencyId equals d.Id into dependencies
        from d in dependencies.DefaultIfEmpty()
        join r in db.Servants on e.EvaluatorId equals (int?)r.Id into evaluators
        from r in evaluators.DefaultIfEmpty()
        select new Loaded(e, evaluado, r, d == null ? null : d.Name);

    private static readonly PerModel<Func<EgiDbContext, int, CancellationToken, Task<Period>>> PeriodById =
        CompiledQueries.Single((EgiDbContext db, int id, CancellationToken ct) => db.Periods.AsNoTracking().First(p => p.Id == id));

    /// <summary>
    /// The evaluation if the signed-in person may see it; null when it does not exist or is not theirs (pages answer 404).
    /// Consulta reads dashboards and reports, not individual evaluations (Ley 1581, SPEC §1): it is refused like a stranger.
    /// For a page that saves something other than the goals (a decision, a self-evaluation, a rating…): no plan item is
    /// read, and <see cref="RunAsync"/> refuses a transition that replaces the goals of a case loaded so.
    /// </summary>
    public Task<EvaluationCase?> LoadAsync(int id, CancellationToken ct = default) => LoadAsync(Load, id, planItems: null, ct);

    /// <summary>
    /// <see cref="LoadAsync(int, CancellationToken)"/> for a page that saves goals: with the period's plan items that
    /// <paramref name="planItems"/> (the items the posted goals name) are, which the domain checks the goals against
    /// (<see cref="PlanItemLookup"/>; not the period's hundreds of items).
    /// </summary>
    public Task<EvaluationCase?> LoadAsync(int id, IEnumerable<int?> planItems, CancellationToken ct = default) => LoadAsync(Load, id, planItems, ct);

    /// <summary>
    /// <see cref="LoadAsync(int, CancellationToken)"/> for a page that only shows the evaluation: nothing is tracked
    /// (no snapshot of its goals, history and versions to compare at a save that never comes), so it cannot be passed
    /// to <see cref="RunAsync"/>. Nor does it read the period's plan items (<see cref="EvaluationContext.PlanItems"/> is
    /// null): only a goal being saved is checked against them, and a goal shows the label it was saved with — every
    /// item of every plan of the period was read on each view before.
    /// </summary>
    public Task<EvaluationCase?> ReadAsync(int id, CancellationToken ct = default) => LoadAsync(Read, id, planItems: null, ct);

    private async Task<EvaluationCase?> LoadAsync(PerModel<Func<EgiDbContext, int, CancellationToken, Task<Loaded?>>> query, int id, IEnumerable<int?>? planItems,
        CancellationToken ct)
    {
        // One command for the evaluation, its two people and the evaluado's dependencia (on PostgreSQL each command is a
        // round trip), joined by key: EF Core would number a First() subquery over the whole table. A tracking query
        // (but for ReadAsync), as the evaluation must be to be saved (its JSON collections cannot be attached afterwards);
        // the two servants come tracked with it and nothing here changes them. The period is read apart: its windows
        // joined here would repeat the evaluation's JSON columns once per window.
        var row = await query.For(db)(db, id, ct);
        if (row is null) return null;
        var actor = Actor;
        var evaluation = row.Evaluation;
        if (!evaluation.CanView(actor)) return null;
        var period = await PeriodById.For(db)(db, evaluation.PeriodId, ct);
        var context = new EvaluationContext(me.Today, clock.GetUtcNow().UtcDateTime, period, row.Evaluado.HireDate)
        {
            PlanItems = planItems is null ? null : await new PlanCatalog(db).LookupAsync(period.Id, planItems, ct),
        };
        return new EvaluationCase(evaluation, period, row.Evaluado, row.Evaluator, actor, context) { EvaluadoDependency = row.Dependency ?? "—" };
    }

    /// <summary>
    /// Runs <paramref name="transition"/> on the evaluation as the signed-in person. <paramref name="expectedVersion"/>
    /// is the version the person saw: if someone saved in between, nothing is saved and a stale refusal
    /// (<see cref="Outcome.IsStale"/>, <see cref="EvaluationMessages.StaleEvaluation"/>) is returned.
    /// </summary>
    public async Task<Outcome> RunAsync(EvaluationCase c, Guid expectedVersion, Func<Evaluation, Outcome> transition, CancellationToken ct = default)
    {
        if (db.Entry(c.Evaluation).State == EntityState.Detached)
            throw new InvalidOperationException("An evaluation read with ReadAsync (untracked, without its plan items) is not saved: load it with LoadAsync.");
        if (c.Evaluation.Version != expectedVersion) return Outcome.Stale(EvaluationMessages.StaleEvaluation);
        var goalsBefore = c.Evaluation.Goals;
        var historyBefore = c.Evaluation.History.Count;
        var partialsBefore = c.Evaluation.Partials.Count;
        var versionsBefore = c.Evaluation.Versions.Count;
        var outcome = transition(c.Evaluation);
        if (c.Context.PlanItems is null && !ReferenceEquals(goalsBefore, c.Evaluation.Goals))
            throw new InvalidOperationException("Goals are saved only on a case loaded with the period's plan items (LoadAsync), which they are checked against.");
        if (!outcome.Succeeded) return outcome;
        // A self-evaluation sent: the evidence of its draft is sent with it (the version shows what it had).
        foreach (var sent in c.Evaluation.Versions.Skip(versionsBefore))
            await EvidenceRounds.StampAsync(db, c.Evaluation.Id, sent, ct);
        db.Entry(c.Evaluation).Property(e => e.Version).OriginalValue = expectedVersion;
        // Whoever must act next (and the other party when a step closes) is told, in the same transaction.
        if (c.Evaluation.History.Count > historyBefore) await notices.AfterTransitionAsync(c.Evaluation, c.Period, c.Actor.ServantId, ct);
        // A change of evaluator left the outgoing one a partial evaluation to record: tell them.
        foreach (var p in c.Evaluation.Partials.Skip(partialsBefore))
            await notices.PartialOwedAsync(c.Evaluation, p, c.Period, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale(EvaluationMessages.StaleEvaluation);
        }
        catch (DbUpdateException)
        {
            // Two saves of the same step at once (a form sent twice, two tabs): the notice each queues carries the same
            // deduplication key, and the later one's can collide with the earlier one's before the evaluation's version is
            // compared. The evaluation changed meanwhile, so this save is refused as stale, as it would have been.
            if (await SavedMeanwhileAsync(c.Evaluation.Id, expectedVersion)) return Outcome.Stale(EvaluationMessages.StaleEvaluation);
            throw;
        }
    }

    /// <summary>Whether the stored evaluation is no longer the version the person saw (after a failed save, outside it).</summary>
    private async Task<bool> SavedMeanwhileAsync(int id, Guid expectedVersion)
    {
        var stored = await db.Evaluations.AsNoTracking().Where(e => e.Id == id).Select(e => (Guid?)e.Version).FirstOrDefaultAsync();
        return stored != expectedVersion;
    }
}
