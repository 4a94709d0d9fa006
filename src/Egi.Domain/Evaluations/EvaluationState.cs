using Egi.Domain.Calendar;

namespace Egi.Domain.Evaluations;

/// <summary>The states of an evaluation, named after the steps of P-TH-10 (the number is the activity).</summary>
public enum EvaluationState
{
    GoalFormulation = 4,
    GoalApproval = 5,
    GoalAcceptance = 6,
    SelfEvaluationI = 8,
    SelfEvaluationIApproval = 9,
    SelfEvaluationIAcceptance = 10,
    SelfEvaluationII = 12,
    SelfEvaluationIIApproval = 13,
    CompetencyRating = 14,
    FinalAcceptance = 15,
    Finalized = 16,

    /// <summary>Closed before the end (the servant retired): only the partial evaluation remains.</summary>
    ClosedByRetirement = 99,
}

/// <summary>A step that goes round between evaluado and evaluator until they agree (disagreement is counted per step).</summary>
public enum EvaluationStep
{
    Goals = 1,
    FollowUpI = 2,
    FollowUpII = 3,
}

public static class EvaluationStateInfo
{
    /// <summary>The one place with the Spanish name of each state.</summary>
    public static string Label(this EvaluationState state) => state switch
    {
        EvaluationState.GoalFormulation => "Formulación de metas",
        EvaluationState.GoalApproval => "Aprobación de metas",
        EvaluationState.GoalAcceptance => "Aceptación de metas",
        EvaluationState.SelfEvaluationI => "Autoevaluación I",
        EvaluationState.SelfEvaluationIApproval => "Aprobación de la evaluación I",
        EvaluationState.SelfEvaluationIAcceptance => "Aceptación de la evaluación I",
        EvaluationState.SelfEvaluationII => "Autoevaluación II",
        EvaluationState.SelfEvaluationIIApproval => "Aprobación de la evaluación II",
        EvaluationState.CompetencyRating => "Calificación de competencias",
        EvaluationState.FinalAcceptance => "Aceptación final",
        EvaluationState.Finalized => "Finalizada",
        EvaluationState.ClosedByRetirement => "Cerrada por retiro",
        _ => state.ToString(),
    };

    public static string Label(this EvaluationStep step) => step switch
    {
        EvaluationStep.Goals => "Concertación de metas",
        EvaluationStep.FollowUpI => "Primer seguimiento",
        EvaluationStep.FollowUpII => "Segundo seguimiento",
        _ => step.ToString(),
    };

    /// <summary>Who must act in this state.</summary>
    public static WaitingOn WaitingOn(this EvaluationState state) => state switch
    {
        EvaluationState.GoalFormulation or EvaluationState.GoalAcceptance
            or EvaluationState.SelfEvaluationI or EvaluationState.SelfEvaluationIAcceptance
            or EvaluationState.SelfEvaluationII or EvaluationState.FinalAcceptance => Evaluations.WaitingOn.Evaluado,
        EvaluationState.GoalApproval or EvaluationState.SelfEvaluationIApproval
            or EvaluationState.SelfEvaluationIIApproval or EvaluationState.CompetencyRating => Evaluations.WaitingOn.Evaluator,
        _ => Evaluations.WaitingOn.Nobody,
    };

    public static EvaluationStep? Step(this EvaluationState state) => state switch
    {
        EvaluationState.GoalFormulation or EvaluationState.GoalApproval or EvaluationState.GoalAcceptance => EvaluationStep.Goals,
        EvaluationState.SelfEvaluationI or EvaluationState.SelfEvaluationIApproval or EvaluationState.SelfEvaluationIAcceptance => EvaluationStep.FollowUpI,
        EvaluationState.SelfEvaluationII or EvaluationState.SelfEvaluationIIApproval or EvaluationState.CompetencyRating
            or EvaluationState.FinalAcceptance => EvaluationStep.FollowUpII,
        _ => null,
    };

    /// <summary>The follow-up a step is (1 or 2); null for the goals. The one place that numbers the follow-ups.</summary>
    public static int? FollowUpNumber(this EvaluationStep step) => step switch
    {
        EvaluationStep.FollowUpI => 1,
        EvaluationStep.FollowUpII => 2,
        _ => null,
    };

    /// <summary>The step of follow-up <paramref name="followUp"/> (1 or 2): the inverse of <see cref="FollowUpNumber"/>.</summary>
    public static EvaluationStep FollowUpStep(int followUp) => followUp switch
    {
        1 => EvaluationStep.FollowUpI,
        2 => EvaluationStep.FollowUpII,
        _ => throw new ArgumentOutOfRangeException(nameof(followUp), followUp, "A follow-up is 1 or 2."),
    };

    /// <summary>The states in which the evaluation is in <paramref name="step"/> (for queries: «in this step»).</summary>
    public static IReadOnlyList<EvaluationState> StatesOf(EvaluationStep step) =>
        Enum.GetValues<EvaluationState>().Where(s => s.Step() == step).ToList();

    /// <summary>The calendar stage whose window governs the step.</summary>
    public static Stage Stage(this EvaluationStep step) => step switch
    {
        EvaluationStep.Goals => Calendar.Stage.GoalSetting,
        EvaluationStep.FollowUpI => Calendar.Stage.FirstFollowUp,
        _ => Calendar.Stage.SecondFollowUp,
    };

    /// <summary>True once the goals are agreed (stage 1 done).</summary>
    public static bool GoalsAgreed(this EvaluationState state) =>
        state is not (EvaluationState.GoalFormulation or EvaluationState.GoalApproval or EvaluationState.GoalAcceptance);

    /// <summary>True when nothing more happens in the evaluation: finalized, or closed by the evaluado's retiro.</summary>
    public static bool IsClosed(this EvaluationState state) =>
        state is EvaluationState.Finalized or EvaluationState.ClosedByRetirement;
}

public enum WaitingOn
{
    Nobody = 0,
    Evaluado = 1,
    Evaluator = 2,
}
