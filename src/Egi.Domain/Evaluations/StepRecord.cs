using System.Text.Json;

namespace Egi.Domain.Evaluations;

/// <summary>One action on a step of the workflow, with the round it belongs to (how many times the evaluado had sent it).</summary>
public sealed record StepEvent(int Round, EvaluationEvent Event);

/// <summary>
/// The record of a step of the procedure ("Reporte Excel del sistema" of activities 4–6, 8–10 and 12–15), read from
/// what the evaluation keeps: every action on the step with its round, what the evaluado sent in each round (the
/// versions), what the evaluator or the committee answered and changed, and what the evaluado answered. Pure functions
/// over the history and the versions, so a report can apply them to the columns it read without loading the aggregate.
/// </summary>
public static class StepRecord
{
    private static readonly JsonSerializerOptions Json = new();

    /// <summary>The actions of the workflow of a step (not the administrative ones: reassignments, reopenings, partials).</summary>
    public static IReadOnlySet<EvaluationAction> StepActions { get; } = new HashSet<EvaluationAction>
    {
        EvaluationAction.Submit, EvaluationAction.Approve, EvaluationAction.Reject, EvaluationAction.Modify,
        EvaluationAction.Accept, EvaluationAction.NotAccept, EvaluationAction.RateCompetencies,
        EvaluationAction.Escalate, EvaluationAction.CommitteeDecision,
    };

    private static readonly HashSet<EvaluationAction> Reviews =
        [EvaluationAction.Approve, EvaluationAction.Modify, EvaluationAction.Reject, EvaluationAction.CommitteeDecision];

    /// <summary>The goals a version holds (a version of <see cref="EvaluationStep.Goals"/>).</summary>
    public static IReadOnlyList<Goal> Goals(this EvaluationVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return JsonSerializer.Deserialize<List<Goal>>(version.ContentJson, Json) ?? [];
    }

    /// <summary>The progress per goal a version holds (a version of a follow-up).</summary>
    public static IReadOnlyList<GoalProgress> Progress(this EvaluationVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return JsonSerializer.Deserialize<List<GoalProgress>>(version.ContentJson, Json) ?? [];
    }

    /// <summary>What the evaluator (or the committee) changed in a version, before/after with the justification.</summary>
    public static IReadOnlyList<FieldChange> Changes(this EvaluationVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return JsonSerializer.Deserialize<List<FieldChange>>(version.ChangesJson, Json) ?? [];
    }

    /// <summary>Every action of the workflow on <paramref name="step"/>, in order, each with its round (0 before the first sending).</summary>
    public static IReadOnlyList<StepEvent> Events(IEnumerable<EvaluationEvent> history, EvaluationStep step)
    {
        ArgumentNullException.ThrowIfNull(history);
        var round = 0;
        var events = new List<StepEvent>();
        foreach (var h in history.OrderBy(h => h.Sequence))
        {
            if (h.From.Step() != step || !StepActions.Contains(h.Action)) continue;
            if (h.Action == EvaluationAction.Submit) round++;
            events.Add(new StepEvent(round, h));
        }
        return events;
    }

    /// <summary>The versions of <paramref name="step"/> in order (proposals, modifications, committee decisions).</summary>
    public static IReadOnlyList<EvaluationVersion> Versions(IEnumerable<EvaluationVersion> versions, EvaluationStep step)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return versions.Where(v => v.Step == step).OrderBy(v => v.Sequence).ToList();
    }

    /// <summary>What the evaluado sent last for the step (their last proposal), or null if they never sent it.</summary>
    public static EvaluationVersion? LastProposal(IEnumerable<EvaluationVersion> versions, EvaluationStep step) =>
        Versions(versions, step).LastOrDefault(v => v.Kind == VersionKind.Proposal);

    /// <summary>
    /// The step as it stands on record: the last version sent or decided (a modification or a committee decision after
    /// the evaluado's last proposal, else that proposal). A draft the evaluado has not sent is not part of the record.
    /// </summary>
    public static EvaluationVersion? Current(IEnumerable<EvaluationVersion> versions, EvaluationStep step) =>
        Versions(versions, step).LastOrDefault();

    /// <summary>
    /// The answer of the evaluator (or the committee) to the evaluado's last sending of the step: approve, modify,
    /// reject or the committee's decision; null while it has not been answered (or was never sent).
    /// </summary>
    public static EvaluationAction? LastReview(IEnumerable<EvaluationEvent> history, EvaluationStep step) =>
        LastRound(history, step).Review?.Event.Action;

    /// <summary>
    /// The evaluado's answer to the review of their last sending: accept or not accept; null while it has not been
    /// answered (and after a rejection or a committee's decision, which need none).
    /// </summary>
    public static EvaluationAction? LastAnswer(IEnumerable<EvaluationEvent> history, EvaluationStep step) =>
        LastRound(history, step).Answer?.Event.Action;

    /// <summary>The last round of the step: the review of the last sending and the evaluado's answer to it.</summary>
    private static (StepEvent? Review, StepEvent? Answer) LastRound(IEnumerable<EvaluationEvent> history, EvaluationStep step)
    {
        var events = Events(history, step);
        var sent = events.LastOrDefault(e => e.Event.Action == EvaluationAction.Submit);
        if (sent is null) return (null, null);
        var round = events.SkipWhile(e => e != sent).Where(e => e.Round == sent.Round).ToList();
        var review = round.LastOrDefault(e => Reviews.Contains(e.Event.Action));
        if (review is null || review.Event.Action is EvaluationAction.Reject or EvaluationAction.CommitteeDecision) return (review, null);
        var answer = round.SkipWhile(e => e != review).FirstOrDefault(e => e.Event.Action is EvaluationAction.Accept or EvaluationAction.NotAccept);
        return (review, answer);
    }

    /// <summary>The Spanish noun of a review for a record («Aprobación», «Modificación»…); «Sin revisar» when there is none.</summary>
    public static string ReviewLabel(EvaluationAction? review) => review switch
    {
        EvaluationAction.Approve => "Aprobación",
        EvaluationAction.Modify => "Modificación",
        EvaluationAction.Reject => "Rechazo",
        EvaluationAction.CommitteeDecision => "Decisión de la comisión",
        null => "Sin revisar",
        _ => review.Value.Label(),
    };

    /// <summary>The Spanish noun of the evaluado's answer; «Sin respuesta» when there is none.</summary>
    public static string AnswerLabel(EvaluationAction? answer) => answer switch
    {
        EvaluationAction.Accept => "Aceptación",
        EvaluationAction.NotAccept => "No aceptación",
        null => "Sin respuesta",
        _ => answer.Value.Label(),
    };
}
