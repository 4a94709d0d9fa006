using Egi.Domain.Common;

namespace Egi.Domain.Evaluations;

/// <summary>The evidence of the self-evaluations (SPEC §4): attached and removed only through the evaluation.</summary>
public sealed partial class Evaluation
{
    /// <summary>
    /// The evidence of this evaluation. Loaded only where needed (it is its own table); <see cref="AttachEvidence"/> adds
    /// to it without loading the rest, <see cref="RemoveEvidence"/> needs the piece removed loaded (the caller deletes its row and file).
    /// </summary>
    public List<EvidenceItem> Evidence { get; private set; } = [];

    /// <summary>The follow-up (1 or 2) whose self-evaluation is in course, or null when none is.</summary>
    private int? DraftFollowUp => State switch
    {
        EvaluationState.SelfEvaluationI => 1,
        EvaluationState.SelfEvaluationII => 2,
        _ => null,
    };

    /// <summary>
    /// Why <paramref name="actor"/> may not attach evidence to goal <paramref name="goalNumber"/> now, or null: only the
    /// evaluado, during their self-evaluation I or II (its draft: in course, in its window, not escalated), in an open
    /// period, to a goal of the evaluation. Asked before a file is even stored.
    /// </summary>
    public Outcome? EvidenceRefused(Actor actor, int goalNumber, EvaluationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(ctx);
        if (PeriodClosed(ctx) is { } closed) return closed;
        if (!IsEvaluado(actor)) return Outcome.Refused("Solo el evaluado adjunta o quita evidencia de su autoevaluación.");
        if (DraftFollowUp is null)
            return Outcome.Refused($"La evaluación está en «{State.Label()}»: la evidencia se adjunta mientras el evaluado diligencia su autoevaluación.");
        if (AsEvaluado(actor, State, ctx) is { } refused) return refused;
        if (!Goals.Any(g => g.Number == goalNumber))
            return Outcome.Refused("Elija la meta a la que corresponde la evidencia.", nameof(EvidenceItem.GoalNumber));
        return null;
    }

    /// <summary>
    /// The evaluado attaches a piece of evidence (a file already checked and stored, or a link) to a goal of the
    /// self-evaluation in course; it goes with the next version they send. Changes the evaluation's version.
    /// </summary>
    public Outcome AttachEvidence(Actor actor, EvidenceItem item, EvaluationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (EvidenceRefused(actor, item.GoalNumber, ctx) is { } refused) return refused;
        if (item.Kind == EvidenceKind.Link && EvidenceItem.CheckUrl(item.Url) is { } badLink) return Outcome.Refused(badLink, nameof(EvidenceItem.Url));
        if (item.Kind == EvidenceKind.File && (string.IsNullOrEmpty(item.StoredName) || item.Size <= 0))
            return Outcome.Refused($"El archivo «{item.OriginalName}» está vacío.");
        item.EvaluationId = Id;
        item.FollowUp = DraftFollowUp!.Value;
        Evidence.Add(item);
        Touch(ctx.Now);
        return Outcome.Ok;
    }

    /// <summary>
    /// The evaluado removes a piece of evidence still in the draft of the self-evaluation in course (never one already
    /// sent with a version: versions keep their evidence). Changes the evaluation's version.
    /// </summary>
    public Outcome RemoveEvidence(Actor actor, EvidenceItem item, EvaluationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!Evidence.Contains(item)) return Outcome.Refused("Esa evidencia no pertenece a esta evaluación.");
        if (EvidenceRefused(actor, item.GoalNumber, ctx) is { } refused) return refused;
        if (item.FollowUp != DraftFollowUp)
            return Outcome.Refused($"Esa evidencia es del {(item.FollowUp == 2 ? "segundo" : "primer")} seguimiento: se conserva con él.");
        if (!item.IsDraft) return Outcome.Refused("Esa evidencia ya se envió con una versión de la autoevaluación: se conserva.");
        Evidence.Remove(item);
        Touch(ctx.Now);
        return Outcome.Ok;
    }
}
