namespace Egi.Web.Features.Shared;

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
