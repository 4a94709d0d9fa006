using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>PendingFor tells each person what they can do now: the same rules the transitions enforce.</summary>
public sealed class PendingActionTests
{
    [Theory]
    [InlineData(EvaluationState.GoalFormulation, PendingAction.FormulateGoals, PendingAction.None)]
    [InlineData(EvaluationState.GoalApproval, PendingAction.None, PendingAction.ApproveGoals)]
    [InlineData(EvaluationState.GoalAcceptance, PendingAction.AcceptGoals, PendingAction.None)]
    [InlineData(EvaluationState.SelfEvaluationI, PendingAction.SelfEvaluateI, PendingAction.None)]
    [InlineData(EvaluationState.SelfEvaluationIApproval, PendingAction.None, PendingAction.ApproveSelfEvaluationI)]
    [InlineData(EvaluationState.SelfEvaluationIAcceptance, PendingAction.AcceptSelfEvaluationI, PendingAction.None)]
    [InlineData(EvaluationState.SelfEvaluationII, PendingAction.SelfEvaluateII, PendingAction.None)]
    [InlineData(EvaluationState.SelfEvaluationIIApproval, PendingAction.None, PendingAction.ApproveSelfEvaluationII)]
    [InlineData(EvaluationState.CompetencyRating, PendingAction.None, PendingAction.RateCompetencies)]
    [InlineData(EvaluationState.FinalAcceptance, PendingAction.AcceptFinal, PendingAction.None)]
    [InlineData(EvaluationState.Finalized, PendingAction.None, PendingAction.None)]
    public void Each_state_offers_its_step_to_the_right_person_only(EvaluationState state, PendingAction evaluado, PendingAction jefe)
    {
        var e = At(state);
        Assert.Equal(evaluado, e.PendingFor(Evaluado));
        Assert.Equal(jefe, e.PendingFor(Jefe));
        Assert.Equal(PendingAction.None, e.PendingFor(OtherJefe));
        Assert.Equal(PendingAction.None, e.PendingFor(TalentoHumano));
    }

    [Fact]
    public void The_offered_action_is_the_one_the_domain_accepts()
    {
        var e = At(EvaluationState.GoalApproval);
        Assert.True(e.CanActNow(Jefe, PendingAction.ApproveGoals, OnGoalDay()));
        AssertOk(e.ApproveGoals(Jefe, OnGoalDay()));
        Assert.Equal(PendingAction.AcceptGoals, e.PendingFor(Evaluado));
    }

    [Fact]
    public void Outside_the_window_the_action_is_pending_but_cannot_be_taken_now()
    {
        var e = At(EvaluationState.GoalFormulation);
        Assert.Equal(PendingAction.FormulateGoals, e.PendingFor(Evaluado));
        Assert.False(e.CanActNow(Evaluado, PendingAction.FormulateGoals, OnFollowUpIDay()));
        Assert.True(e.CanActNow(Evaluado, PendingAction.FormulateGoals, OnGoalDay()));
    }
}
