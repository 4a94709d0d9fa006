using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Evidence belongs to its follow-up round (issue 13): a piece of evidence attached while the evaluado drafts a
/// self-evaluation is sent with the next version they send (<see cref="EvidenceItem.SentWithVersion"/>), and every
/// version of a follow-up shows the evidence it had when it was sent — what was sent with it and with the earlier rounds
/// (evidence is never deleted), never what was attached afterwards.
/// </summary>
public static class EvidenceRounds
{
    /// <summary>
    /// When <paramref name="version"/> is the evaluado sending a self-evaluation, marks the evidence of that follow-up
    /// not sent yet as sent with it. Tracked: saved in the same save as the version.
    /// </summary>
    public static async Task StampAsync(EgiDbContext db, int evaluationId, EvaluationVersion version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(version);
        if (version.Kind != VersionKind.Proposal || version.Step.FollowUpNumber() is not { } followUp) return;
        var draft = await db.EvidenceItems
            .Where(x => x.EvaluationId == evaluationId && x.FollowUp == followUp && x.SentWithVersion == null)
            .ToListAsync(ct);
        foreach (var item in draft) item.MarkSentWith(version.Sequence);
    }

    /// <summary>The evidence a version of a follow-up had when it was sent (in upload order); empty for a goals version.</summary>
    public static IReadOnlyList<EvidenceItem> Of(EvaluationVersion version, IEnumerable<EvidenceItem> evidence)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(evidence);
        if (version.Step.FollowUpNumber() is not { } followUp) return [];
        return evidence.Where(x => x.FollowUp == followUp && x.SentWithVersion is { } s && s <= version.Sequence).OrderBy(x => x.Id).ToList();
    }

    /// <summary>The round (1, 2…) a piece of evidence was sent with, as the evaluation's versions number them; null while in the draft.</summary>
    public static int? RoundOf(EvidenceItem item, IEnumerable<EvaluationVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.SentWithVersion is { } s ? versions.FirstOrDefault(v => v.Sequence == s)?.Round : null;
    }

    /// <summary>
    /// Evidence stored before rounds were recorded: each piece not yet stamped goes with the first version of its
    /// follow-up that the evaluado sent at or after its upload (none: it is still in the draft). Run at start-up;
    /// reads the evaluations with such evidence in batches.
    /// </summary>
    public static async Task<int> BackfillAsync(EgiDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stamped = 0;
        var lastId = 0;
        while (true)
        {
            var ids = await db.EvidenceItems.AsNoTracking()
                .Where(x => x.SentWithVersion == null && x.EvaluationId > lastId)
                .Select(x => x.EvaluationId).Distinct().OrderBy(x => x).Take(200).ToListAsync(ct);
            if (ids.Count == 0) return stamped;
            lastId = ids[^1];
            var versions = await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.Id))
                .Select(e => new { e.Id, e.Versions }).ToDictionaryAsync(e => e.Id, e => e.Versions, ct);
            var items = await db.EvidenceItems.Where(x => x.SentWithVersion == null && ids.Contains(x.EvaluationId)).ToListAsync(ct);
            foreach (var item in items)
            {
                var sent = versions.GetValueOrDefault(item.EvaluationId, [])
                    .Where(v => v.Kind == VersionKind.Proposal && v.Step.FollowUpNumber() == item.FollowUp && v.At >= item.UploadedAt)
                    .OrderBy(v => v.Sequence).FirstOrDefault();
                if (sent is null) continue;
                item.MarkSentWith(sent.Sequence);
                stamped++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
