using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>
/// Where an evaluation stands in each stage of the consolidation reports and the dashboard (issue 11): one rule in the
/// domain, stored with the facts at every save, so the reports count plain columns instead of re-deriving it in SQL.
/// </summary>
public class StageStatusesTests
{
    [Theory]
    [InlineData(EvaluationState.GoalFormulation, Stage1Status.Formulation, Stage2Status.NotStarted, StagePosition.Goals)]
    [InlineData(EvaluationState.GoalApproval, Stage1Status.Approval, Stage2Status.NotStarted, StagePosition.Goals)]
    [InlineData(EvaluationState.GoalAcceptance, Stage1Status.Acceptance, Stage2Status.NotStarted, StagePosition.Goals)]
    [InlineData(EvaluationState.SelfEvaluationI, Stage1Status.Agreed, Stage2Status.InProgress, StagePosition.FollowUpI)]
    [InlineData(EvaluationState.SelfEvaluationIApproval, Stage1Status.Agreed, Stage2Status.InProgress, StagePosition.FollowUpI)]
    [InlineData(EvaluationState.SelfEvaluationIAcceptance, Stage1Status.Agreed, Stage2Status.InProgress, StagePosition.FollowUpI)]
    [InlineData(EvaluationState.SelfEvaluationII, Stage1Status.Agreed, Stage2Status.Accepted, StagePosition.FollowUpII)]
    [InlineData(EvaluationState.CompetencyRating, Stage1Status.Agreed, Stage2Status.Accepted, StagePosition.FollowUpII)]
    [InlineData(EvaluationState.FinalAcceptance, Stage1Status.Agreed, Stage2Status.Accepted, StagePosition.FollowUpII)]
    [InlineData(EvaluationState.Finalized, Stage1Status.Agreed, Stage2Status.Accepted, StagePosition.Finalized)]
    public void Each_save_stores_the_stage_of_the_evaluation_along_the_year(EvaluationState state, Stage1Status stage1, Stage2Status stage2, StagePosition position)
    {
        var period = NewPeriod();
        var e = At(state, period);
        e.RefreshFacts(period, OldHireDate);

        Assert.Equal((stage1, stage2, position), (e.Facts.Stage1, e.Facts.Stage2, e.Facts.Position));
    }

    [Fact]
    public void A_retirement_before_the_goals_were_agreed_is_closed_not_agreed_and_after_it_counts_as_agreed()
    {
        var agreedOn = new DateOnly(2026, 2, 10);
        Assert.Equal(Stage1Status.ClosedNotAgreed, StageStatuses.Stage1(EvaluationState.ClosedByRetirement, null));
        Assert.Equal(Stage1Status.Agreed, StageStatuses.Stage1(EvaluationState.ClosedByRetirement, agreedOn));
        Assert.Equal(StagePosition.Closed, StageStatuses.Position(EvaluationState.ClosedByRetirement));
        Assert.Equal(Stage2Status.NotStarted, StageStatuses.Stage2(EvaluationState.ClosedByRetirement, false, null));
        Assert.Equal(Stage2Status.Accepted, StageStatuses.Stage2(EvaluationState.ClosedByRetirement, false, agreedOn));
    }

    [Fact]
    public void A_late_hire_exempt_from_the_first_follow_up_is_not_applicable_once_past_it_but_in_progress_while_in_it()
    {
        Assert.Equal(Stage2Status.NotApplicable, StageStatuses.Stage2(EvaluationState.SelfEvaluationII, true, null));
        Assert.Equal(Stage2Status.NotApplicable, StageStatuses.Stage2(EvaluationState.GoalAcceptance, true, null));
        Assert.Equal(Stage2Status.InProgress, StageStatuses.Stage2(EvaluationState.SelfEvaluationIApproval, true, null));
    }
}
