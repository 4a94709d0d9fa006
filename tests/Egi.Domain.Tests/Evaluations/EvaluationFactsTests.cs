using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>
/// The facts the domain derives for pages and reports (issue 11): on whom the evaluation waits, the dates of the
/// steps, the scores and the person's deadlines — the same answers as the rules they come from.
/// </summary>
public class EvaluationFactsTests
{
    private static Evaluation Refreshed(Evaluation e, Period? period = null, DateOnly? hire = null)
    {
        e.RefreshFacts(period ?? NewPeriod(), hire ?? OldHireDate);
        return e;
    }

    [Fact]
    public void A_new_evaluation_waits_on_the_evaluado_to_formulate_with_the_stage_windows_as_deadlines()
    {
        var period = NewPeriod();
        var e = Refreshed(NewEvaluation(), period);

        Assert.Equal(EvaluationFacts.CurrentRevision, e.Facts.Revision);
        Assert.Equal(WaitingOn.Evaluado, e.Facts.WaitingOn);
        var w = Assert.Single(e.Waits);
        Assert.Equal((EvaluadoId, PendingAction.FormulateGoals), (w.ServantId, w.Action));
        Assert.Equal(period.Window(Stage.GoalSetting).End, e.Facts.GoalsDeadline);
        Assert.Equal(period.Window(Stage.FirstFollowUp).End, e.Facts.FollowUpIDeadline);
        Assert.Equal(period.Window(Stage.SecondFollowUp).End, e.Facts.FollowUpIIDeadline);
        Assert.Null(e.Facts.GoalsSubmittedOn);
        Assert.Null(e.Facts.FinalScore);
    }

    [Fact]
    public void Waits_follow_every_transition_and_are_updated_in_place()
    {
        var e = NewEvaluation();
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));
        Refreshed(e);
        var w = Assert.Single(e.Waits);
        Assert.Equal((JefeId, PendingAction.ApproveGoals), (w.ServantId, w.Action));
        Assert.Equal(GoalDay, e.Facts.GoalsSubmittedOn);
        Assert.Equal(1, e.Facts.GoalRounds);

        AssertOk(e.ApproveGoals(Jefe, OnGoalDay()));
        Refreshed(e);
        Assert.Equal((EvaluadoId, PendingAction.AcceptGoals), (Assert.Single(e.Waits).ServantId, e.Waits[0].Action));
        Assert.Equal(GoalDay, e.Facts.GoalsReviewedOn);
        Assert.Null(e.Facts.GoalsAgreedOn);
    }

    [Fact]
    public void The_dates_and_scores_of_a_finished_evaluation_are_those_of_the_history_and_the_scoring_policy()
    {
        var period = NewPeriod();
        var e = At(EvaluationState.Finalized, period);
        Refreshed(e, period);

        Assert.Equal(WaitingOn.Nobody, e.Facts.WaitingOn);
        Assert.Empty(e.Waits);
        Assert.NotNull(e.Facts.GoalsAgreedOn);
        Assert.NotNull(e.Facts.FollowUpIAcceptedOn);
        Assert.NotNull(e.Facts.CompetenciesRatedOn);
        Assert.NotNull(e.Facts.FinalizedOn);
        var score = new ScoringPolicy(period.Settings).Score(e);
        Assert.Equal(score.Final, e.Facts.FinalScore);
        Assert.Equal(score.GoalsComponent, e.Facts.GoalsComponent);
        Assert.Equal(score.CompetenciesComponent, e.Facts.CompetenciesComponent);
        Assert.Equal(score.Level, e.Facts.Level);
        Assert.Equal(score.FirstFollowUp, e.Facts.FirstFollowUpScore);
    }

    [Fact]
    public void The_unrounded_scores_are_kept_beside_the_rounded_ones_so_that_averages_round_once()
    {
        var period = NewPeriod();
        var e = At(EvaluationState.CompetencyRating, period);
        // Six competencies, one Frecuentemente: 23 / 24 × 100 = 95.8333…; goals 95 (every goal at 95 %);
        // final 0.85 × 95 + 0.15 × 95.8333… = 80.75 + 14.375 = 95.125 → shown 95.13.
        var scores = Applicable.Select((c, i) => new CompetencyScore { Competency = c, Value = i == 0 ? 3 : 4 }).ToList();
        AssertOk(e.RateCompetencies(Jefe, scores, Applicable, OpenDayFor(e.State, period)));
        AssertOk(e.AcceptFinal(Evaluado, OpenDayFor(e.State, period)));
        Refreshed(e, period);

        Assert.Equal(95.13m, e.Facts.FinalScore);
        Assert.Equal(95.125m, e.Facts.FinalScoreUnrounded);
        Assert.Equal(95.83m, e.Facts.CompetenciesComponent);
        Assert.Equal(95.8333333333m, e.Facts.CompetenciesComponentUnrounded);
        Assert.Equal(95m, e.Facts.GoalsComponentUnrounded);
        Assert.Equal(new ScoringPolicy(period.Settings).FirstFollowUp(
            e.OrderedGoals.Select(g => (g.Weight, g.AgreedFirstFollowUpPercent, 60)).ToList()), e.Facts.FirstFollowUpUnrounded);
    }

    /// <summary>
    /// SPEC §4: the first follow-up is informative, «for early warnings». The accepted first follow-up is an early
    /// warning when its score, as shown, falls in the No satisfactorio band of the period's scale (≤ 65 by default,
    /// inclusive); not before it is accepted, and it moves with the period's scale.
    /// </summary>
    [Theory]
    // Goals 50/30/20 agreed at 40/50/0 %: score = 50 × min(a₁/40, 1) + 30 × min(a₂/50, 1) + 20.
    [InlineData(24, 25, 65, 65.00, true)]
    [InlineData(24, 26, 65, 65.60, false)]
    [InlineData(10, 10, 65, 38.50, true)]
    [InlineData(40, 50, 65, 100.00, false)]
    [InlineData(24, 26, 70, 65.60, true)]
    [InlineData(24, 25, 60, 65.00, false)]
    public void The_accepted_first_follow_up_is_an_early_warning_in_the_no_satisfactorio_band_of_the_periods_scale(
        int first, int second, int unsatisfactoryUpTo, double score, bool warning)
    {
        var period = NewPeriod(s => s.UnsatisfactoryUpTo = unsatisfactoryUpTo);
        var e = At(EvaluationState.SelfEvaluationI, period);
        int[] achieved = [first, second, 0];
        var progress = e.OrderedGoals.Select((g, i) => new GoalProgress { GoalNumber = g.Number, AchievedPercent = achieved[i], Narrative = "Avance con soportes." }).ToList();
        AssertOk(e.SubmitSelfEvaluation(Evaluado, 1, progress, OnFollowUpIDay(period)));
        AssertOk(e.ApproveSelfEvaluation(Jefe, 1, OnFollowUpIDay(period)));
        Refreshed(e, period);
        Assert.Null(e.Facts.FirstFollowUpScore);
        Assert.False(e.Facts.EarlyWarning);

        AssertOk(e.AcceptSelfEvaluation(Evaluado, OnFollowUpIDay(period)));
        Refreshed(e, period);
        Assert.Equal((decimal)score, e.Facts.FirstFollowUpScore);
        Assert.Equal(warning, e.Facts.EarlyWarning);
        Assert.Equal(warning, new ScoringPolicy(period.Settings).IsEarlyWarning((decimal)score));

        // It stays with the evaluation through the second follow-up and the final rating.
        WalkTo(e, EvaluationState.Finalized, period);
        Refreshed(e, period);
        Assert.Equal(warning, e.Facts.EarlyWarning);
    }

    /// <summary>
    /// The early warning reads the first follow-up as it is shown, rounded once to two decimals: 65.0002 is shown 65,00,
    /// in the No satisfactorio band (≤ 65), so it warns, as the level of a final rating reads the rounded rating.
    /// </summary>
    [Fact]
    public void The_early_warning_reads_the_first_follow_up_as_shown_rounded_once()
    {
        var period = NewPeriod();
        var e = NewEvaluation();
        // 1 × 1/97 + 1 × 98/99 + 64 (agreed 0: met) + 34 × 0/50 = 0.0103… + 0.9898… + 64 = 65.0002…
        List<Goal> goals = [G("Meta uno del plan", 1, 97), G("Meta dos del plan", 1, 99), G("Meta tres del plan", 64, 0), G("Meta cuatro del plan", 34, 50)];
        AssertOk(e.SubmitGoals(Evaluado, goals, OnGoalDay(period)));
        WalkTo(e, EvaluationState.SelfEvaluationI, period);
        int[] achieved = [1, 98, 0, 0];
        var progress = e.OrderedGoals.Select((g, i) => new GoalProgress { GoalNumber = g.Number, AchievedPercent = achieved[i], Narrative = "Avance con soportes." }).ToList();
        AssertOk(e.SubmitSelfEvaluation(Evaluado, 1, progress, OnFollowUpIDay(period)));
        AssertOk(e.ApproveSelfEvaluation(Jefe, 1, OnFollowUpIDay(period)));
        AssertOk(e.AcceptSelfEvaluation(Evaluado, OnFollowUpIDay(period)));
        Refreshed(e, period);

        Assert.True(e.Facts.FirstFollowUpUnrounded > 65m);
        Assert.Equal(65.00m, e.Facts.FirstFollowUpScore);
        Assert.True(e.Facts.EarlyWarning);
    }

    /// <summary>
    /// The improvement plans' rule as the database runs it, over the stored level and lowest competency
    /// (<see cref="Egi.Domain.Improvement.ImprovementRule.RequiresPlan"/>), agrees with the rule that words the reasons
    /// (<see cref="Egi.Domain.Improvement.ImprovementRule.Assess"/>) for every rating and every threshold of the settings.
    /// </summary>
    [Fact]
    public void The_improvement_rule_over_the_stored_facts_agrees_with_the_reasons_it_gives()
    {
        var cases = 0;
        foreach (var lowest in new[] { 1, 2, 3, 4 })
        {
            var period = NewPeriod();
            var e = At(EvaluationState.CompetencyRating, period);
            var scores = Applicable.Select((c, i) => new CompetencyScore { Competency = c, Value = i == 0 ? lowest : 4 }).ToList();
            AssertOk(e.RateCompetencies(Jefe, scores, Applicable, OpenDayFor(e.State, period)));
            AssertOk(e.AcceptFinal(Evaluado, OpenDayFor(e.State, period)));
            Refreshed(e, period);
            Assert.Equal(lowest, e.Facts.LowestCompetency);
            foreach (var level in Enum.GetValues<RatingLevel>())
                foreach (var competencyBelow in new[] { 1, 2, 3, 4, 5 })
                {
                    var settings = period.Settings;
                    settings.ImprovementLevelBelow = level;
                    settings.ImprovementCompetencyBelow = competencyBelow;
                    var reasons = Egi.Domain.Improvement.ImprovementRule.Assess(new ScoringPolicy(settings).Score(e).Final, e.Competencies, settings);
                    Assert.Equal(reasons.Count > 0, Egi.Domain.Improvement.ImprovementRule.RequiresPlan(settings).Compile()(e));
                    cases++;
                }
        }
        Assert.Equal(4 * 3 * 5, cases);
        // Not finished: never, whatever it holds.
        var open = Refreshed(At(EvaluationState.FinalAcceptance, NewPeriod()), NewPeriod());
        Assert.False(Egi.Domain.Improvement.ImprovementRule.RequiresPlan(PeriodSettings.Defaults()).Compile()(open));
    }

    [Fact]
    public void An_evaluation_that_is_not_finished_keeps_no_final_scores_rounded_or_not()
    {
        var period = NewPeriod();
        var e = Refreshed(At(EvaluationState.FinalAcceptance, period), period);
        Assert.Null(e.Facts.FinalScore);
        Assert.Null(e.Facts.FinalScoreUnrounded);
        Assert.Null(e.Facts.GoalsComponentUnrounded);
        Assert.NotNull(e.Facts.FirstFollowUpUnrounded);
        Assert.Null(Refreshed(At(EvaluationState.SelfEvaluationIAcceptance, period), period).Facts.FirstFollowUpUnrounded);
    }

    [Fact]
    public void A_reopening_moves_the_persons_deadline_and_a_new_servant_gets_their_own_goal_days()
    {
        var period = NewPeriod();
        var e = NewEvaluation();
        var until = period.Window(Stage.GoalSetting).End.AddDays(20);
        AssertOk(e.ReopenStep(TalentoHumano, EvaluationStep.Goals, until, "Incapacidad médica", On(until.AddDays(-10), period)));
        Refreshed(e, period);
        Assert.Equal(until, e.Facts.GoalsDeadline);
        Assert.Equal(e.Deadline(EvaluationStep.Goals, period, OldHireDate), e.Facts.GoalsDeadline);

        var hired = new DateOnly(period.Year, 9, 1);
        var late = Refreshed(NewEvaluation(), period, hired);
        Assert.Equal(WorkingDays.AddWorkingDays(hired, period.Settings.NewServantGoalWorkingDays), late.Facts.GoalsDeadline);
    }

    [Fact]
    public void An_outgoing_evaluator_who_owes_a_partial_is_waited_on_as_well_as_the_evaluado()
    {
        var period = NewPeriod();
        var e = At(EvaluationState.SelfEvaluationI, period);
        AssertOk(e.ReassignEvaluator(TalentoHumano, OtherJefeId, "Licencia del jefe", OnFollowUpIDay(period)));
        Refreshed(e, period);

        Assert.Equal(1, e.Facts.PendingPartials);
        Assert.Contains(e.Waits, w => w.ServantId == JefeId && w.Action == PendingAction.RecordPartial);
        Assert.Contains(e.Waits, w => w.ServantId == EvaluadoId && w.Action == PendingAction.SelfEvaluateI);
        Assert.DoesNotContain(e.Waits, w => w.ServantId == OtherJefeId);
    }

    [Fact]
    public void Refreshing_twice_gives_the_same_facts()
    {
        var period = NewPeriod();
        var e = At(EvaluationState.SelfEvaluationIIApproval, period);
        Refreshed(e, period);
        var first = (e.Facts.WaitingSince, e.Facts.FollowUpIAcceptedOn, e.Facts.FirstFollowUpScore, e.Waits.Single().ServantId);
        var wait = e.Waits.Single();
        Refreshed(e, period);
        Assert.Same(wait, e.Waits.Single());
        Assert.Equal(first, (e.Facts.WaitingSince, e.Facts.FollowUpIAcceptedOn, e.Facts.FirstFollowUpScore, e.Waits.Single().ServantId));
    }
}
