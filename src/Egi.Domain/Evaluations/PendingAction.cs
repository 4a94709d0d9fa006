namespace Egi.Domain.Evaluations;

/// <summary>What a person can do on an evaluation right now (the pages offer exactly this).</summary>
public enum PendingAction
{
    None = 0,
    FormulateGoals,
    ApproveGoals,
    AcceptGoals,
    SelfEvaluateI,
    ApproveSelfEvaluationI,
    AcceptSelfEvaluationI,
    SelfEvaluateII,
    ApproveSelfEvaluationII,
    RateCompetencies,
    AcceptFinal,

    /// <summary>The recorder of the Comisión Evaluadora decides an escalated step.</summary>
    CommitteeDecision,

    /// <summary>The outgoing evaluator records the partial evaluation of their tenure (not bound to a stage window).</summary>
    RecordPartial,
}

public static class PendingActions
{
    /// <summary>
    /// The transition <paramref name="actor"/> may take in the current state (windows aside: see
    /// <see cref="Evaluation.IsStepOpen"/>). The same rules the transition methods enforce.
    /// </summary>
    public static PendingAction PendingFor(this Evaluation e, Actor actor)
    {
        var action = e.StepPendingFor(actor);
        // An outgoing evaluator who owes a partial evaluation: that is what is left for them on this evaluation.
        return action == PendingAction.None && actor.ServantId is { } me && !e.IsEvaluado(actor) && e.HasPendingPartial(me)
            ? PendingAction.RecordPartial
            : action;
    }

    private static PendingAction StepPendingFor(this Evaluation e, Actor actor)
    {
        if (e.EscalatedStep is { } escalated && escalated == e.State.Step())
            return actor.ServantId is { } s && s == e.EscalationRecorderId ? PendingAction.CommitteeDecision : PendingAction.None;
        if (e.IsEvaluado(actor))
        {
            return e.State switch
            {
                EvaluationState.GoalFormulation => PendingAction.FormulateGoals,
                EvaluationState.GoalAcceptance => PendingAction.AcceptGoals,
                EvaluationState.SelfEvaluationI => PendingAction.SelfEvaluateI,
                EvaluationState.SelfEvaluationIAcceptance => PendingAction.AcceptSelfEvaluationI,
                EvaluationState.SelfEvaluationII => PendingAction.SelfEvaluateII,
                EvaluationState.FinalAcceptance => PendingAction.AcceptFinal,
                _ => PendingAction.None,
            };
        }
        if (e.IsCurrentEvaluator(actor))
        {
            return e.State switch
            {
                EvaluationState.GoalApproval => PendingAction.ApproveGoals,
                EvaluationState.SelfEvaluationIApproval => PendingAction.ApproveSelfEvaluationI,
                EvaluationState.SelfEvaluationIIApproval => PendingAction.ApproveSelfEvaluationII,
                EvaluationState.CompetencyRating => PendingAction.RateCompetencies,
                _ => PendingAction.None,
            };
        }
        return PendingAction.None;
    }

    /// <summary>
    /// The pending action and, when it exists, whether its step's window is open today for this person — never while the
    /// period is closed (read-only).
    /// </summary>
    public static bool CanActNow(this Evaluation e, Actor actor, PendingAction action, EvaluationContext ctx) =>
        e.PendingFor(actor) == action && action != PendingAction.None && !ctx.Period.IsClosed
        && (action == PendingAction.RecordPartial || (e.State.Step() is { } step && e.IsStepOpen(step, ctx)));
}
