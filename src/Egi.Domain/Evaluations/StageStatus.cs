namespace Egi.Domain.Evaluations;

/// <summary>Where a servant stands in stage 1 (activities 4–6): the columns of the summary per dependencia.</summary>
public enum Stage1Status
{
    /// <summary>Eligible but without an evaluation in the period (period in preparation, no jefe, not opened yet).</summary>
    NotStarted = 0,

    /// <summary>Formulación de metas (activity 4), including an evaluation opened and not yet touched.</summary>
    Formulation = 1,

    /// <summary>Aprobación de metas (activity 5).</summary>
    Approval = 2,

    /// <summary>Aceptación de metas (activity 6).</summary>
    Acceptance = 3,

    /// <summary>Goals agreed: accepted by the evaluado or decided by a Comisión Evaluadora.</summary>
    Agreed = 4,

    /// <summary>Closed by retirement before the goals were agreed.</summary>
    ClosedNotAgreed = 5,
}

/// <summary>Where a servant stands in stage 2 (activities 8–10, first follow-up).</summary>
public enum Stage2Status
{
    /// <summary>No evaluation, or goals not agreed yet (or closed before the first follow-up was accepted).</summary>
    NotStarted = 0,

    /// <summary>Autoevaluación I, its approval or its acceptance.</summary>
    InProgress = 1,

    /// <summary>The first follow-up was accepted (or decided by a committee).</summary>
    Accepted = 2,

    /// <summary>The first follow-up does not apply: «No aplica (ingreso posterior)» (<see cref="Evaluation.FollowUpIExemption"/>).</summary>
    NotApplicable = 3,
}

/// <summary>The stage an evaluation has reached (the dashboard's «Avance de las etapas»), in the order of the year.</summary>
public enum StagePosition
{
    /// <summary>No evaluation in the period (only a servant without one; never stored for an evaluation).</summary>
    NoEvaluation = 0,

    /// <summary>Concertación de metas: formulation, approval or acceptance.</summary>
    Goals = 1,

    /// <summary>Primer seguimiento: Autoevaluación I, its approval or its acceptance.</summary>
    FollowUpI = 2,

    /// <summary>Segundo seguimiento: Autoevaluación II through the competencies and the final acceptance.</summary>
    FollowUpII = 3,

    /// <summary>Finalizada.</summary>
    Finalized = 4,

    /// <summary>Cerrada por retiro.</summary>
    Closed = 5,
}

/// <summary>
/// Where an evaluation stands in each stage of the consolidation reports and the dashboard: one rule, computed by
/// <see cref="Evaluation.RefreshFacts"/> and stored with the facts, so that the reports count plain columns.
/// </summary>
public static class StageStatuses
{
    public static Stage1Status Stage1(EvaluationState state, DateOnly? goalsAgreedOn) => state switch
    {
        EvaluationState.GoalFormulation => Stage1Status.Formulation,
        EvaluationState.GoalApproval => Stage1Status.Approval,
        EvaluationState.GoalAcceptance => Stage1Status.Acceptance,
        EvaluationState.ClosedByRetirement when goalsAgreedOn is null => Stage1Status.ClosedNotAgreed,
        _ => Stage1Status.Agreed,
    };

    public static Stage2Status Stage2(EvaluationState state, bool exempt, DateOnly? followUpIAcceptedOn) =>
        state is >= EvaluationState.SelfEvaluationI and <= EvaluationState.SelfEvaluationIAcceptance ? Stage2Status.InProgress
        : exempt ? Stage2Status.NotApplicable
        : followUpIAcceptedOn is not null ? Stage2Status.Accepted
        : Stage2Status.NotStarted;

    public static StagePosition Position(EvaluationState state) =>
        state == EvaluationState.Finalized ? StagePosition.Finalized
        : state == EvaluationState.ClosedByRetirement ? StagePosition.Closed
        : state <= EvaluationState.GoalAcceptance ? StagePosition.Goals
        : state <= EvaluationState.SelfEvaluationIAcceptance ? StagePosition.FollowUpI
        : StagePosition.FollowUpII;
}
