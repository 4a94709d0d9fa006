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
        Of(evaluation, await db.EvidenceItems.AsNoTracking().Where(x => x.EvaluationId == evaluation.Id).ToListAsync(ct));
}
