namespace Egi.Domain.Evaluations;

/// <summary>What the evaluado reports for one goal at a follow-up: cumulative % achieved and a narrative.</summary>
public sealed record GoalProgress
{
    /// <summary>1 = primer seguimiento, 2 = segundo seguimiento.</summary>
    public int FollowUp { get; init; }
    public int GoalNumber { get; init; }
    public int AchievedPercent { get; init; }
    public string Narrative { get; init; } = "";

    public const int NarrativeMax = 4000;
}

/// <summary>The evaluator's rating of one behavioural competency (activity 14).</summary>
public sealed record CompetencyScore
{
    public string Competency { get; init; } = "";
    public int Value { get; init; }
    public string? Comment { get; init; }
}

/// <summary>One step of the history: who moved the evaluation from which state to which, and why.</summary>
public sealed record EvaluationEvent
{
    public int Sequence { get; init; }
    public DateTime At { get; init; }
    public string ActorUserId { get; init; } = "";
    public string ActorName { get; init; } = "";

    /// <summary>In which capacity the person acted (persisted by name; <c>Label()</c> gives the Spanish).</summary>
    public ActorRole Role { get; init; }

    /// <summary>What was done (persisted by name; <c>Label()</c> gives the Spanish verb: Enviar, Aprobar…).</summary>
    public EvaluationAction Action { get; init; }
    public EvaluationState From { get; init; }
    public EvaluationState To { get; init; }
    public string? Comment { get; init; }
}

/// <summary>
/// A version of the goals or of a follow-up as someone proposed or changed it: every round is kept (SPEC §4).
/// The content is a JSON snapshot; changes list what the evaluator modified, before/after with justification.
/// </summary>
public sealed record EvaluationVersion
{
    public int Sequence { get; init; }
    public EvaluationStep Step { get; init; }
    public int Round { get; init; }
    public DateTime At { get; init; }
    public string ActorName { get; init; } = "";

    /// <summary>Proposal, modification or committee decision (persisted by name; <c>Label()</c> gives the Spanish).</summary>
    public VersionKind Kind { get; init; }
    public string ContentJson { get; init; } = "[]";
    public string ChangesJson { get; init; } = "[]";
}

/// <summary>Talento Humano reopened a closed step for this person until a date, with a reason.</summary>
public sealed record StepReopening
{
    public EvaluationStep Step { get; init; }
    public DateOnly Until { get; init; }
    public string Reason { get; init; } = "";
    public string By { get; init; } = "";
    public DateTime At { get; init; }
}
