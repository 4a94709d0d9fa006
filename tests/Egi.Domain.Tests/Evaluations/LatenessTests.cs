using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>
/// Control points (activity 17): a step is late when the person's own last day for it has passed and the evaluation
/// has not passed the step; days late and days left are working days (Colombian holidays excluded).
/// </summary>
public class LatenessTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void On_the_last_day_of_the_goal_window_the_step_is_pending_and_the_next_day_it_is_late()
    {
        var e = NewEvaluation();
        var lastDay = Lateness.Of(e, EvaluationStep.Goals, On(D(2026, 3, 31)));
        Assert.Equal(LatenessStatus.Pending, lastDay.Status);
        Assert.Equal(D(2026, 3, 31), lastDay.Deadline);
        Assert.Equal(0, lastDay.WorkingDaysLeft);
        Assert.Equal(WaitingOn.Evaluado, lastDay.WaitingOn);

        var nextDay = Lateness.Of(e, EvaluationStep.Goals, On(D(2026, 4, 1)));
        Assert.True(nextDay.IsLate);
        Assert.Equal(1, nextDay.WorkingDaysLate);
    }

    [Fact]
    public void Holy_thursday_and_good_friday_and_the_weekend_are_not_counted_as_days_late()
    {
        // 31/03/2026 closes; 01/04 counts; 02/04 and 03/04 are holidays; 04–05/04 weekend; 06/04 counts.
        var late = Lateness.Of(NewEvaluation(), EvaluationStep.Goals, On(D(2026, 4, 6)));
        Assert.True(late.IsLate);
        Assert.Equal(2, late.WorkingDaysLate);
        // On a Saturday the weekend adds nothing: 30/06 closes; 01, 02 and 03/07 count.
        var weekend = Lateness.Of(NewEvaluation(), EvaluationStep.FollowUpI, On(D(2026, 7, 4)));
        Assert.True(weekend.IsLate);
        Assert.Equal(3, weekend.WorkingDaysLate);
    }

    [Fact]
    public void Days_left_skip_the_san_jose_holiday()
    {
        // From Friday 20/03/2026 to 31/03: 23/03 is San José (moved to Monday): 24, 25, 26, 27, 30, 31 = 6.
        var pending = Lateness.Of(NewEvaluation(), EvaluationStep.Goals, On(D(2026, 3, 20)));
        Assert.Equal(LatenessStatus.Pending, pending.Status);
        Assert.Equal(6, pending.WorkingDaysLeft);
        Assert.True(pending.ClosesWithin(6));
        Assert.False(pending.ClosesWithin(5));
    }

    [Fact]
    public void A_new_servant_has_15_working_days_after_the_fecha_de_ingreso_for_the_goals()
    {
        // Hired Monday 01/06/2026: 08/06 (Corpus Christi) and 15/06 (Sagrado Corazón) are holidays → the 15th working day is 24/06.
        var hired = D(2026, 6, 1);
        var e = NewEvaluation();
        var onLastDay = Lateness.Of(e, EvaluationStep.Goals, On(D(2026, 6, 24), hireDate: hired));
        Assert.Equal(D(2026, 6, 24), onLastDay.Deadline);
        Assert.Equal(LatenessStatus.Pending, onLastDay.Status);
        var after = Lateness.Of(e, EvaluationStep.Goals, On(D(2026, 6, 25), hireDate: hired));
        Assert.True(after.IsLate);
        Assert.Equal(1, after.WorkingDaysLate);
        // Someone hired long ago was already late then.
        Assert.True(Lateness.Of(e, EvaluationStep.Goals, On(D(2026, 6, 24))).IsLate);
    }

    [Fact]
    public void A_reopening_moves_the_persons_deadline()
    {
        var e = NewEvaluation();
        AssertOk(e.ReopenStep(TalentoHumano, EvaluationStep.Goals, D(2026, 4, 15), "Incapacidad médica", On(D(2026, 4, 8))));
        var open = Lateness.Of(e, EvaluationStep.Goals, On(D(2026, 4, 15)));
        Assert.Equal(LatenessStatus.Pending, open.Status);
        Assert.Equal(D(2026, 4, 15), open.Deadline);
        var late = Lateness.Of(e, EvaluationStep.Goals, On(D(2026, 4, 16)));
        Assert.True(late.IsLate);
        Assert.Equal(1, late.WorkingDaysLate);
    }

    [Fact]
    public void A_passed_step_is_never_late_and_the_next_one_waits_on_whoever_must_act()
    {
        var e = At(EvaluationState.SelfEvaluationIApproval);
        Assert.Equal(LatenessStatus.None, Lateness.Of(e, EvaluationStep.Goals, On(D(2026, 7, 10))).Status);
        var late = Lateness.Of(e, EvaluationStep.FollowUpI, On(D(2026, 7, 10)));
        Assert.True(late.IsLate);
        Assert.Equal(WaitingOn.Evaluator, late.WaitingOn);

        // Goals never agreed: late on the goals and on the first follow-up once both windows closed.
        var stuck = NewEvaluation();
        Assert.True(Lateness.Of(stuck, EvaluationStep.FollowUpI, On(D(2026, 7, 10))).IsLate);
    }

    [Fact]
    public void A_finished_evaluation_or_a_window_not_yet_open_is_not_followed_up()
    {
        var done = At(EvaluationState.Finalized);
        foreach (var step in Lateness.Steps)
            Assert.Equal(LatenessStatus.None, Lateness.Of(done, step, On(D(2027, 6, 1))).Status);
        Assert.Equal(LatenessStatus.None, Lateness.Of(NewEvaluation(), EvaluationStep.FollowUpII, On(D(2026, 5, 15))).Status);
    }

    [Fact]
    public void Only_the_evaluation_stages_have_a_step()
    {
        Assert.Equal(EvaluationStep.Goals, Lateness.StepOf(Stage.GoalSetting));
        Assert.Equal(EvaluationStep.FollowUpI, Lateness.StepOf(Stage.FirstFollowUp));
        Assert.Equal(EvaluationStep.FollowUpII, Lateness.StepOf(Stage.SecondFollowUp));
        Assert.Null(Lateness.StepOf(Stage.AnnualConsolidation));
    }
}
