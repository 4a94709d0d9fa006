using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>
/// Servants hired late in the year (issue 13, SPEC §3 «Late hires»): the evaluation covers the time worked. A first
/// follow-up whose window closed before the goals of a servant who entered in the period's year were agreed does not
/// apply («No aplica (ingreso posterior)»); the evaluation goes on to the second follow-up, the final rating is that of
/// the follow-up that applies, and nobody is late for a step they could not take.
/// </summary>
public class LateHireTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>Hired Tuesday 01/09/2026: the 15th working day after it is Tuesday 22/09/2026.</summary>
    private static readonly DateOnly September = D(2026, 9, 1);

    private static EvaluationContext Ctx(DateOnly day, DateOnly hired, Period? period = null) => On(day, period, hired);

    /// <summary>Formulated, approved and accepted on <paramref name="day"/> by a servant hired on <paramref name="hired"/>.</summary>
    private static Evaluation AgreedOn(DateOnly day, DateOnly hired, Period? period = null)
    {
        var e = NewEvaluation();
        var ctx = Ctx(day, hired, period);
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), ctx));
        AssertOk(e.ApproveGoals(Jefe, ctx));
        AssertOk(e.AcceptGoals(Evaluado, ctx));
        return e;
    }

    [Fact]
    public void A_servant_hired_on_1_September_agrees_goals_in_their_own_window_and_goes_on_to_the_second_follow_up()
    {
        var e = AgreedOn(D(2026, 9, 22), September);

        Assert.Equal(EvaluationState.SelfEvaluationII, e.State);
        Assert.Equal(FollowUpExemption.LateHire, e.FollowUpIExemption);
        Assert.Equal("No aplica (ingreso posterior)", e.FollowUpIExemption!.Value.Label());
        // The history shows both steps: the evaluado's «Aceptar», then EGI's rule, with why.
        var accept = e.History[^2];
        Assert.Equal((EvaluationAction.Accept, EvaluationState.GoalAcceptance, EvaluationState.SelfEvaluationI), (accept.Action, accept.From, accept.To));
        var skip = e.History[^1];
        Assert.Equal((EvaluationAction.FollowUpNotApplicable, ActorRole.System, "EGI"), (skip.Action, skip.Role, skip.ActorName));
        Assert.Equal((EvaluationState.SelfEvaluationI, EvaluationState.SelfEvaluationII), (skip.From, skip.To));
        Assert.Equal(
            "No aplica (ingreso posterior): la ventana del primer seguimiento cerró el 30/06/2026, antes de que las metas quedaran concertadas "
            + "el 22/09/2026 (fecha de ingreso: 01/09/2026). La evaluación sigue con el segundo seguimiento, cuya ventana abre el 01/01/2027.",
            skip.Comment);
        Assert.Equal(PendingAction.SelfEvaluateII, e.PendingFor(Evaluado));
    }

    [Fact]
    public void The_late_hire_reaches_a_final_rating_without_any_reopening_scored_on_the_second_follow_up_only()
    {
        var e = AgreedOn(D(2026, 9, 15), September);
        // Nothing to do until the second follow-up's window opens.
        AssertRefused(e.SubmitSelfEvaluation(Evaluado, 2, ProgressFor(e, 80), Ctx(D(2026, 12, 1), September)), "está cerrada");
        var ctx = Ctx(FollowUpIIDay, September);
        AssertOk(e.SubmitSelfEvaluation(Evaluado, 2, ProgressFor(e, 80), ctx));
        AssertOk(e.ApproveSelfEvaluation(Jefe, 2, ctx));
        AssertOk(e.RateCompetencies(Jefe, Scores(3), Applicable, ctx));
        AssertOk(e.AcceptFinal(Evaluado, ctx));
        Assert.Equal(EvaluationState.Finalized, e.State);
        Assert.DoesNotContain(e.History, h => h.Action == EvaluationAction.ReopenStep);
        Assert.Empty(e.ProgressOf(1));

        // Goals 80 (second follow-up), competencies 75: 0,85 × 80 + 0,15 × 75 = 79,25. The first follow-up does not apply.
        var policy = new ScoringPolicy(NewPeriod().Settings);
        var score = policy.Score(e);
        Assert.Equal(new ScoreBreakdown(null, 80m, 75m, 79.25m, RatingLevel.Satisfactorio), score);

        // The same second follow-up over the whole year gives the same final rating: follow-up I weighs nothing in it.
        var wholeYear = At(EvaluationState.SelfEvaluationII);
        var c = OnFollowUpIIDay();
        AssertOk(wholeYear.SubmitSelfEvaluation(Evaluado, 2, ProgressFor(wholeYear, 80), c));
        AssertOk(wholeYear.ApproveSelfEvaluation(Jefe, 2, c));
        AssertOk(wholeYear.RateCompetencies(Jefe, Scores(3), Applicable, c));
        var full = policy.Score(wholeYear);
        Assert.NotNull(full.FirstFollowUp);
        Assert.Equal((score.GoalsComponent, score.Final), (full.GoalsComponent, full.Final));

        // The stored facts: finalized with its score, no first follow-up score, not followed up on the first follow-up.
        e.RefreshFacts(NewPeriod(), September);
        Assert.Equal(79.25m, e.Facts.FinalScore);
        Assert.Null(e.Facts.FirstFollowUpScore);
        Assert.Null(e.Facts.FollowUpIAcceptedOn);
        Assert.False(e.Facts.FollowUpIApplies);
    }

    [Fact]
    public void A_committee_decision_that_agrees_the_goals_of_a_late_hire_also_goes_on_to_the_second_follow_up()
    {
        var e = NewEvaluation();
        var period = NewPeriod(s => s.DisagreementRounds = 1);
        var ctx = Ctx(D(2026, 9, 10), September, period);
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), ctx));
        AssertOk(e.ApproveGoals(Jefe, ctx));
        AssertOk(e.NotAcceptGoals(Evaluado, "No estoy de acuerdo con los pesos", ctx));
        AssertOk(e.EscalateToCommittee(TalentoHumano, [Member40, Member41], Member40, "Desacuerdo en los pesos", ctx));
        AssertOk(e.DecideGoalsByCommittee(CommitteeMember40, Goals503020(), "Se mantienen los pesos propuestos", ctx));

        Assert.Equal(EvaluationState.SelfEvaluationII, e.State);
        Assert.Equal(FollowUpExemption.LateHire, e.FollowUpIExemption);
        Assert.Equal(EvaluationAction.FollowUpNotApplicable, e.History[^1].Action);
    }

    [Fact]
    public void A_servant_hired_in_June_who_agrees_before_the_first_follow_up_closes_takes_it()
    {
        var e = AgreedOn(D(2026, 6, 19), D(2026, 6, 1));
        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        Assert.Null(e.FollowUpIExemption);
    }

    [Fact]
    public void A_servant_hired_in_June_who_agrees_in_July_inside_their_own_window_skips_the_first_follow_up()
    {
        // Hired 22/06/2026: the own window ends after 30/06, so the goals may lawfully be agreed in July.
        var e = AgreedOn(D(2026, 7, 8), D(2026, 6, 22));
        Assert.Equal(EvaluationState.SelfEvaluationII, e.State);
        Assert.Equal(FollowUpExemption.LateHire, e.FollowUpIExemption);
    }

    [Fact]
    public void A_first_follow_up_reopened_for_the_person_before_the_agreement_still_applies()
    {
        var hired = D(2026, 6, 22);
        var e = NewEvaluation();
        AssertOk(e.ReopenStep(TalentoHumano, EvaluationStep.FollowUpI, D(2026, 7, 31), "Ingresó a finales de junio", Ctx(D(2026, 6, 25), hired)));
        var ctx = Ctx(D(2026, 7, 8), hired);
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), ctx));
        AssertOk(e.ApproveGoals(Jefe, ctx));
        AssertOk(e.AcceptGoals(Evaluado, ctx));
        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        Assert.Null(e.FollowUpIExemption);
    }

    [Fact]
    public void A_servant_of_earlier_years_who_agrees_late_is_not_a_late_hire_and_still_owes_the_first_follow_up()
    {
        var e = NewEvaluation();
        AssertOk(e.ReopenStep(TalentoHumano, EvaluationStep.Goals, D(2026, 9, 30), "Incapacidad médica", On(D(2026, 9, 1))));
        var ctx = On(D(2026, 9, 15));
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), ctx));
        AssertOk(e.ApproveGoals(Jefe, ctx));
        AssertOk(e.AcceptGoals(Evaluado, ctx));
        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        Assert.Null(e.FollowUpIExemption);
        Assert.True(Lateness.Of(e, EvaluationStep.FollowUpI, On(D(2026, 9, 16))).IsLate);
    }

    [Fact]
    public void A_late_hire_is_never_late_for_the_first_follow_up_while_agreeing_goals_nor_after()
    {
        var e = NewEvaluation();
        // 10/09: formulating in the own window: pending on the goals, nothing on the first follow-up.
        var ctx = Ctx(D(2026, 9, 10), September);
        Assert.Equal(LatenessStatus.Pending, Lateness.Of(e, EvaluationStep.Goals, ctx).Status);
        Assert.Equal(D(2026, 9, 22), Lateness.Of(e, EvaluationStep.Goals, ctx).Deadline);
        Assert.Equal(LatenessStatus.None, Lateness.Of(e, EvaluationStep.FollowUpI, ctx).Status);
        e.RefreshFacts(NewPeriod(), September);
        Assert.False(e.Facts.FollowUpIApplies);
        Assert.False(e.Facts.Owes(EvaluationStep.FollowUpI));
        Assert.Equal(D(2026, 9, 22), e.Facts.GoalsDeadline);
        // Someone hired long ago, in the same state on the same day, is late on both.
        Assert.True(Lateness.Of(e, EvaluationStep.FollowUpI, On(D(2026, 9, 10))).IsLate);
        e.RefreshFacts(NewPeriod(), OldHireDate);
        Assert.True(e.Facts.FollowUpIApplies);

        // Past the own window without agreeing: late on the goals only.
        Assert.True(Lateness.Of(e, EvaluationStep.Goals, Ctx(D(2026, 9, 23), September)).IsLate);
        Assert.Equal(LatenessStatus.None, Lateness.Of(e, EvaluationStep.FollowUpI, Ctx(D(2026, 9, 23), September)).Status);

        // Agreed: not late on anything until the second follow-up's window, then pending there.
        var agreed = AgreedOn(D(2026, 9, 22), September);
        foreach (var step in Lateness.Steps)
            Assert.Equal(LatenessStatus.None, Lateness.Of(agreed, step, Ctx(D(2026, 11, 20), September)).Status);
        Assert.Equal(LatenessStatus.Pending, Lateness.Of(agreed, EvaluationStep.FollowUpII, Ctx(D(2027, 1, 5), September)).Status);
        Assert.True(Lateness.Of(agreed, EvaluationStep.FollowUpII, Ctx(D(2027, 3, 1), September)).IsLate);
    }

    [Fact]
    public void A_first_follow_up_that_does_not_apply_is_not_reopened()
    {
        var e = AgreedOn(D(2026, 9, 22), September);
        AssertRefusedUnchanged(e, x => x.ReopenStep(TalentoHumano, EvaluationStep.FollowUpI, D(2026, 10, 30), "Para que registre el primer seguimiento", Ctx(D(2026, 10, 1), September)),
            "El primer seguimiento no aplica a esta evaluación: «No aplica (ingreso posterior)».");
        // The second follow-up can be reopened as for anyone.
        AssertOk(e.ReopenStep(TalentoHumano, EvaluationStep.FollowUpII, D(2026, 10, 30), "Viaje de comisión en enero", Ctx(D(2026, 10, 1), September)));
    }

    // ------------------------------------------------------------------ late entries (in EGI after the period opened)

    /// <summary>The evaluation of a servant of earlier years who entered EGI (the directory) on <paramref name="day"/>, with the period open.</summary>
    private static Evaluation EnteredOn(DateOnly day) =>
        Evaluation.OpenForLateEntry(PeriodId, EvaluadoId, JefeId, new DateTime(day.Year, day.Month, day.Day, 15, 0, 0, DateTimeKind.Utc), day);

    [Fact]
    public void A_servant_of_earlier_years_entered_in_September_is_not_late_on_the_goals_they_could_not_agree_before()
    {
        var e = EnteredOn(September);
        Assert.Equal(September, e.EnteredOn);
        // The own window: 15 working days from the day the evaluation opened, as for a new servant.
        Assert.Equal(new PersonalWindow(September, D(2026, 9, 22), PersonalWindowReason.LateEntry), e.OwnGoalsWindow(NewPeriod(), OldHireDate));
        var ctx = On(D(2026, 9, 10), hireDate: OldHireDate);
        Assert.True(e.IsStepOpen(EvaluationStep.Goals, ctx));
        var goals = Lateness.Of(e, EvaluationStep.Goals, ctx);
        Assert.Equal((LatenessStatus.Pending, D(2026, 9, 22)), (goals.Status, goals.Deadline));
        Assert.Equal(LatenessStatus.None, Lateness.Of(e, EvaluationStep.FollowUpI, ctx).Status);
        e.RefreshFacts(NewPeriod(), OldHireDate);
        Assert.Equal(D(2026, 9, 22), e.Facts.GoalsDeadline);
        Assert.False(e.Facts.FollowUpIApplies);

        // The same servant in an evaluation opened with the period is late on both.
        var withPeriod = NewEvaluation();
        Assert.Null(withPeriod.OwnGoalsWindow(NewPeriod(), OldHireDate));
        Assert.False(withPeriod.IsStepOpen(EvaluationStep.Goals, ctx));
        Assert.True(Lateness.Of(withPeriod, EvaluationStep.Goals, ctx).IsLate);
        Assert.True(Lateness.Of(withPeriod, EvaluationStep.FollowUpI, ctx).IsLate);

        // Past the own window without agreeing: late on the goals, and the step is closed to them.
        var after = On(D(2026, 9, 23), hireDate: OldHireDate);
        Assert.True(Lateness.Of(e, EvaluationStep.Goals, after).IsLate);
        AssertRefused(e.SubmitGoals(Evaluado, Goals503020(), after), "está cerrada");
    }

    [Fact]
    public void A_late_entry_who_agrees_goals_in_their_own_window_goes_on_to_the_second_follow_up_and_the_history_says_why()
    {
        var e = EnteredOn(September);
        var ctx = On(D(2026, 9, 22), hireDate: OldHireDate);
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), ctx));
        AssertOk(e.ApproveGoals(Jefe, ctx));
        AssertOk(e.AcceptGoals(Evaluado, ctx));

        Assert.Equal(EvaluationState.SelfEvaluationII, e.State);
        Assert.Equal(FollowUpExemption.LateHire, e.FollowUpIExemption);
        Assert.Equal(
            "No aplica (ingreso posterior): la ventana del primer seguimiento cerró el 30/06/2026, antes de que las metas quedaran concertadas "
            + "el 22/09/2026 (evaluación abierta en EGI el 01/09/2026, con la vigencia en curso). La evaluación sigue con el segundo seguimiento, "
            + "cuya ventana abre el 01/01/2027.",
            e.History[^1].Comment);
    }

    [Fact]
    public void A_late_entry_inside_the_goals_window_changes_nothing_the_window_ends_later()
    {
        // Entered on 02/02/2026: its 15 working days end before 31/03, the end of the stage window.
        var e = EnteredOn(D(2026, 2, 2));
        Assert.Equal(D(2026, 3, 31), e.Deadline(EvaluationStep.Goals, NewPeriod(), OldHireDate));
        Assert.False(e.MayAgreeGoalsAfterFollowUpI(NewPeriod(), OldHireDate));
        Assert.True(Lateness.Of(e, EvaluationStep.Goals, On(D(2026, 4, 1), hireDate: OldHireDate)).IsLate);
    }

    [Fact]
    public void The_own_goals_window_is_the_one_that_ends_last_of_the_fecha_de_ingreso_and_the_late_entry()
    {
        var period = NewPeriod();
        Assert.Null(Evaluation.OwnGoalsWindowOf(period, OldHireDate, null));
        Assert.Equal(new PersonalWindow(September, D(2026, 9, 22), PersonalWindowReason.NewServant), Evaluation.OwnGoalsWindowOf(period, September, null));
        // Hired on 01/09, entered EGI on 15/09: the 15 working days run from the 15th (to 06/10/2026).
        Assert.Equal(new PersonalWindow(D(2026, 9, 15), D(2026, 10, 6), PersonalWindowReason.LateEntry), Evaluation.OwnGoalsWindowOf(period, September, D(2026, 9, 15)));
        // Entered EGI before the fecha de ingreso's window ends later: the fecha de ingreso's.
        Assert.Equal(PersonalWindowReason.NewServant, Evaluation.OwnGoalsWindowOf(period, September, D(2026, 8, 20))!.Reason);
        // The settings' working days apply to both.
        var shorter = NewPeriod(s => s.NewServantGoalWorkingDays = 5);
        Assert.Equal(D(2026, 9, 8), Evaluation.OwnGoalsWindowOf(shorter, OldHireDate, September)!.Until);
    }
}
