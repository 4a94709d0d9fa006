using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>
/// SPEC §3: outside its window a step is closed; Talento Humano can reopen it for one person with a reason;
/// a new servant may formulate within 15 working days (Colombian holidays excluded) of the fecha de ingreso.
/// </summary>
public class WindowTests
{
    private const string GoalsClosed =
        "La etapa «Formulación y concertación de metas» está cerrada (ventana del 01/01/2026 al 31/03/2026). Solo Talento Humano puede reabrirla para usted.";

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void The_goal_window_is_open_from_1_january_to_31_march()
    {
        var e = NewEvaluation();
        Assert.True(e.IsStepOpen(EvaluationStep.Goals, On(D(2026, 1, 1))));
        Assert.True(e.IsStepOpen(EvaluationStep.Goals, On(D(2026, 3, 31))));
        Assert.False(e.IsStepOpen(EvaluationStep.Goals, On(D(2026, 4, 1))));
        Assert.False(e.IsStepOpen(EvaluationStep.Goals, On(D(2025, 12, 31))));
        Assert.False(e.IsStepOpen(EvaluationStep.Goals, On(FollowUpIDay)));
        Assert.True(e.IsStepOpen(EvaluationStep.FollowUpI, On(FollowUpIDay)));
        Assert.False(e.IsStepOpen(EvaluationStep.FollowUpII, On(FollowUpIDay)));
        Assert.True(e.IsStepOpen(EvaluationStep.FollowUpII, On(FollowUpIIDay)));
    }

    [Fact]
    public void Outside_the_goal_window_the_evaluado_cannot_save_submit_or_accept()
    {
        var e = NewEvaluation();
        var closed = On(FollowUpIDay);

        AssertRefusedUnchanged(e, x => x.SaveGoals(Evaluado, Goals503020(), closed), GoalsClosed);
        AssertRefusedUnchanged(e, x => x.SubmitGoals(Evaluado, Goals503020(), closed), GoalsClosed);

        e = At(EvaluationState.GoalAcceptance);
        AssertRefusedUnchanged(e, x => x.AcceptGoals(Evaluado, closed), GoalsClosed);
        AssertRefusedUnchanged(e, x => x.NotAcceptGoals(Evaluado, "motivo", closed), GoalsClosed);
    }

    [Fact]
    public void Outside_the_goal_window_the_evaluator_cannot_approve_reject_or_modify()
    {
        var e = At(EvaluationState.GoalApproval);
        var closed = On(D(2026, 4, 1));

        AssertRefusedUnchanged(e, x => x.ApproveGoals(Jefe, closed), "La etapa «Formulación y concertación de metas» está cerrada");
        AssertRefusedUnchanged(e, x => x.RejectGoals(Jefe, "motivo", closed), "está cerrada");
        var modified = e.OrderedGoals.Select(g => g.Number == 1 ? g with { Description = "Otra" } : g).ToList();
        AssertRefusedUnchanged(e, x => x.ModifyGoals(Jefe, modified, new Dictionary<string, string> { ["1.Description"] = "x" }, closed), "está cerrada");
    }

    [Fact]
    public void The_window_of_the_period_settings_is_the_one_that_counts()
    {
        var period = NewPeriod();
        Assert.Empty(period.SetWindows(period.Windows.Select(w => w.Stage == Stage.GoalSetting ? w with { End = D(2026, 5, 31) } : w).ToList()));
        var e = NewEvaluation();

        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), On(FollowUpIDay, period)));
        AssertRefused(e.ApproveGoals(Jefe, On(D(2026, 6, 1), period)), "(ventana del 01/01/2026 al 31/05/2026)");
    }

    [Fact]
    public void The_follow_up_windows_close_their_steps()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        AssertRefusedUnchanged(e, x => x.SubmitSelfEvaluation(Evaluado, 1, ProgressFor(x), On(D(2026, 7, 1))),
            "La etapa «Primer seguimiento (autoevaluación I)» está cerrada (ventana del 01/01/2026 al 30/06/2026).");
        AssertOk(e.SubmitSelfEvaluation(Evaluado, 1, ProgressFor(e), On(D(2026, 6, 30))));

        e = At(EvaluationState.SelfEvaluationII);
        AssertRefusedUnchanged(e, x => x.SubmitSelfEvaluation(Evaluado, 2, ProgressFor(x), On(D(2026, 12, 31))),
            "La etapa «Segundo seguimiento (autoevaluación II) y competencias» está cerrada (ventana del 01/01/2027 al 28/02/2027).");
        AssertRefusedUnchanged(e, x => x.SubmitSelfEvaluation(Evaluado, 2, ProgressFor(x), On(D(2027, 3, 1))), "está cerrada");
        AssertOk(e.SubmitSelfEvaluation(Evaluado, 2, ProgressFor(e), On(D(2027, 1, 1))));

        e = At(EvaluationState.CompetencyRating);
        AssertRefusedUnchanged(e, x => x.RateCompetencies(Jefe, Scores(), Applicable, On(D(2027, 3, 1))), "está cerrada");
        e = At(EvaluationState.FinalAcceptance);
        AssertRefusedUnchanged(e, x => x.AcceptFinal(Evaluado, On(D(2027, 3, 1))), "está cerrada");
    }

    [Fact]
    public void Wrong_actor_and_wrong_state_are_reported_before_the_closed_window()
    {
        var e = At(EvaluationState.GoalApproval);
        var closed = On(FollowUpIDay);
        AssertRefused(e.ApproveGoals(OtherJefe, closed), "Solo el evaluador de esta evaluación puede hacer esto.");
        AssertRefused(e.AcceptGoals(Evaluado, closed), "esta acción corresponde a «Aceptación de metas»");
    }

    // ------------------------------------------------------------------ reopening by Talento Humano

    [Fact]
    public void Talento_Humano_reopens_the_goals_for_one_person_until_a_date_and_it_is_recorded()
    {
        var e = NewEvaluation();
        var today = On(FollowUpIDay);
        AssertRefused(e.SubmitGoals(Evaluado, Goals503020(), today), GoalsClosed);
        var versionBefore = e.Version;

        AssertOk(e.ReopenStep(TalentoHumano, EvaluationStep.Goals, D(2026, 5, 29), "  Incapacidad médica en marzo  ", today));

        Assert.NotEqual(versionBefore, e.Version);
        var r = Assert.Single(e.Reopenings);
        Assert.Equal((EvaluationStep.Goals, D(2026, 5, 29), "Incapacidad médica en marzo", "Diana Talento Humano", today.Now), (r.Step, r.Until, r.Reason, r.By, r.At));
        var h = Assert.Single(e.History);
        Assert.Equal(("u-th", ActorRole.TalentoHumano, EvaluationAction.ReopenStep), (h.ActorUserId, h.Role, h.Action));
        Assert.Equal((EvaluationState.GoalFormulation, EvaluationState.GoalFormulation), (h.From, h.To));
        Assert.Equal("Concertación de metas hasta el 29/05/2026: Incapacidad médica en marzo", h.Comment);

        Assert.True(e.IsStepOpen(EvaluationStep.Goals, On(D(2026, 5, 29))));
        Assert.False(e.IsStepOpen(EvaluationStep.Goals, On(D(2026, 5, 30))));
        Assert.False(e.IsStepOpen(EvaluationStep.FollowUpII, today)); // only the step reopened

        // Both the evaluado and the evaluator can now act on the step.
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), today));
        AssertOk(e.ApproveGoals(Jefe, On(D(2026, 5, 20))));
        AssertRefused(e.AcceptGoals(Evaluado, On(D(2026, 5, 30))), GoalsClosed);
        AssertOk(e.AcceptGoals(Evaluado, On(D(2026, 5, 29))));
        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
    }

    [Fact]
    public void Reopening_for_one_evaluation_does_not_open_another()
    {
        var reopened = NewEvaluation();
        var other = NewEvaluation();
        AssertOk(reopened.ReopenStep(TalentoHumano, EvaluationStep.Goals, D(2026, 5, 29), "Ingreso tardío", On(FollowUpIDay)));

        Assert.True(reopened.IsStepOpen(EvaluationStep.Goals, On(FollowUpIDay)));
        Assert.False(other.IsStepOpen(EvaluationStep.Goals, On(FollowUpIDay)));
    }

    [Fact]
    public void Reopening_the_second_follow_up_lets_a_late_competency_rating_through()
    {
        var e = At(EvaluationState.CompetencyRating);
        var late = On(D(2027, 3, 10));
        AssertRefused(e.RateCompetencies(Jefe, Scores(), Applicable, late), "está cerrada");

        AssertOk(e.ReopenStep(TalentoHumano, EvaluationStep.FollowUpII, D(2027, 3, 20), "El jefe estuvo de vacaciones", late));

        AssertOk(e.RateCompetencies(Jefe, Scores(), Applicable, late));
    }

    [Fact]
    public void Only_Talento_Humano_reopens_with_a_reason_until_a_date_from_today_up_to_90_days()
    {
        var e = NewEvaluation();
        var today = On(FollowUpIDay);

        AssertRefusedUnchanged(e, x => x.ReopenStep(Jefe, EvaluationStep.Goals, D(2026, 5, 29), "motivo", today), "Solo Talento Humano puede reabrir un paso.");
        AssertRefusedUnchanged(e, x => x.ReopenStep(Evaluado, EvaluationStep.Goals, D(2026, 5, 29), "motivo", today), "Solo Talento Humano puede reabrir un paso.");
        AssertRefusedUnchanged(e, x => x.ReopenStep(TalentoHumano, EvaluationStep.Goals, D(2026, 5, 29), "  ", today), "Escriba el motivo de la reapertura.");
        AssertRefusedUnchanged(e, x => x.ReopenStep(TalentoHumano, EvaluationStep.Goals, D(2026, 5, 14), "motivo", today),
            "La fecha hasta la que se reabre no puede ser anterior a hoy.");
        AssertRefusedUnchanged(e, x => x.ReopenStep(TalentoHumano, EvaluationStep.Goals, FollowUpIDay.AddDays(91), "motivo", today), "Un paso se reabre por máximo 90 días.");

        AssertOk(e.ReopenStep(TalentoHumano, EvaluationStep.Goals, FollowUpIDay, "Solo por hoy", today));
        AssertOk(e.ReopenStep(TalentoHumano, EvaluationStep.Goals, FollowUpIDay.AddDays(90), "Ampliación", today));
        Assert.Equal(2, e.Reopenings.Count);
    }

    // ------------------------------------------------------------------ a new servant: 15 working days after the fecha de ingreso

    [Fact]
    public void A_servant_hired_16_july_2026_may_formulate_until_10_august_counting_the_holidays_of_20_july_and_7_august()
    {
        var hired = D(2026, 7, 16);
        // 15 working days after Thursday 16/07/2026, skipping weekends, 20/07 (Independencia) and 07/08 (Batalla de Boyacá).
        Assert.Equal(D(2026, 8, 10), WorkingDays.AddWorkingDays(hired, 15));

        var period = NewPeriod();
        EvaluationContext Day(DateOnly d) => On(d, period, hired);
        var e = NewEvaluation();

        Assert.False(e.IsStepOpen(EvaluationStep.Goals, Day(D(2026, 7, 15))));   // before the hire date
        Assert.True(e.IsStepOpen(EvaluationStep.Goals, Day(hired)));              // the hire date itself
        Assert.True(e.IsStepOpen(EvaluationStep.Goals, Day(D(2026, 8, 7))));      // a holiday in between
        Assert.True(e.IsStepOpen(EvaluationStep.Goals, Day(D(2026, 8, 10))));     // the last day allowed
        Assert.False(e.IsStepOpen(EvaluationStep.Goals, Day(D(2026, 8, 11))));    // the day after

        AssertRefusedUnchanged(e, x => x.SubmitGoals(Evaluado, Goals503020(), Day(D(2026, 8, 11))), GoalsClosed);
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), Day(D(2026, 8, 6))));
        AssertOk(e.ApproveGoals(Jefe, Day(D(2026, 8, 10))));
        AssertRefusedUnchanged(e, x => x.AcceptGoals(Evaluado, Day(D(2026, 8, 11))), GoalsClosed);
        AssertOk(e.AcceptGoals(Evaluado, Day(D(2026, 8, 10))));
    }

    [Fact]
    public void Without_the_holidays_the_last_day_would_have_been_6_august_the_rule_counts_them()
    {
        var e = NewEvaluation();
        var hired = D(2026, 7, 16);
        // 7 and 10 August are only inside because 20/07 and 07/08 do not count as working days.
        Assert.True(e.IsStepOpen(EvaluationStep.Goals, On(D(2026, 8, 10), hireDate: hired)));
        Assert.Equal(15, WorkingDays.CountBetween(hired, D(2026, 8, 10)));
    }

    [Fact]
    public void The_number_of_working_days_for_a_new_servant_is_a_period_setting()
    {
        var period = NewPeriod(s => s.NewServantGoalWorkingDays = 5);
        var hired = D(2026, 7, 16);
        var e = NewEvaluation();
        // 5 working days after 16/07: 17, 21, 22, 23, 24 (20/07 is a holiday).
        Assert.True(e.IsStepOpen(EvaluationStep.Goals, On(D(2026, 7, 24), period, hired)));
        Assert.False(e.IsStepOpen(EvaluationStep.Goals, On(D(2026, 7, 27), period, hired)));
    }

    [Fact]
    public void The_new_servant_rule_applies_only_to_the_goals_and_only_to_a_hire_in_the_period_year()
    {
        var hired = D(2026, 7, 16);
        var e = NewEvaluation();
        Assert.False(e.IsStepOpen(EvaluationStep.FollowUpI, On(D(2026, 7, 20), hireDate: hired)));
        Assert.False(e.IsStepOpen(EvaluationStep.Goals, On(D(2026, 7, 20), hireDate: D(2025, 7, 16))));
    }
}
