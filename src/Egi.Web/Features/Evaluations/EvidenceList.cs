using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// What the partial _EvidenceList shows: every piece of evidence of one evaluation, by follow-up, goal and order of
/// attachment. A page that already read the evaluation's evidence passes it (<see cref="Of"/>); the others read it here.
/// </summary>
public sealed record EvidenceList(Evaluation Evaluation, IReadOnlyList<EvidenceItem> Items)
{
    public static EvidenceList Of(Evaluation evaluation, IEnumerable<EvidenceItem> items) =>
        new(evaluation, items.Where(x => x.EvaluationId == evaluation.Id).OrderBy(x => x.FollowUp).ThenBy(x => x.GoalNumber).ThenBy(x => x.Id).ToList());

    public static async Task<EvidenceList> LoadAsync(EgiDbContext db, Evaluation evaluation, CancellationToken ct = default) =>
        Of(evaluation, await ItemsAsync(db, evaluation.Id, ct));

    /// <summary>The evaluation's evidence in the order it was attached (compiled once: <see cref="CompiledQueries"/>).</summary>
    public static async Task<List<EvidenceItem>> ItemsAsync(EgiDbContext db, int evaluationId, CancellationToken ct = default) =>
        await ItemsQuery.For(db)(db, evaluationId).ToListAsync(ct);

    private static readonly PerModel<Func<EgiDbContext, int, IAsyncEnumerable<EvidenceItem>>> ItemsQuery =
        CompiledQueries.List((EgiDbContext db, int evaluationId) =>
            db.EvidenceItems.AsNoTracking().Where(x => x.EvaluationId == evaluationId).OrderBy(x => x.Id));
}
