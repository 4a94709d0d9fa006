using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>
/// A closed period is read-only (issue 13, SPEC §3): no transition, reopening of a step, change of evaluator or partial
/// evaluation on its evaluations; Talento Humano may reopen the period with a reason and close it again.
/// </summary>
public class ClosedPeriodTests
{
    private const string ReadOnly = "La «Vigencia 2026» está cerrada: es de solo lectura y no admite cambios. Talento Humano puede reabrirla con un motivo.";

    private static Period Closed()
    {
        var p = NewPeriod();
        AssertOk(p.Close());
        return p;
    }

    public static TheoryData<EvaluationState, string> Transitions => new()
    {
        { EvaluationState.GoalFormulation, "save goals" },
        { EvaluationState.GoalFormulation, "submit goals" },
        { EvaluationState.GoalApproval, "approve goals" },
        { EvaluationState.GoalApproval, "reject goals" },
        { EvaluationState.GoalAcceptance, "accept goals" },
        { EvaluationState.SelfEvaluationI, "submit follow-up I" },
        { EvaluationState.SelfEvaluationIApproval, "approve follow-up I" },
        { EvaluationState.SelfEvaluationIAcceptance, "accept follow-up I" },
        { EvaluationState.SelfEvaluationII, "save follow-up II" },
        { EvaluationState.CompetencyRating, "rate competencies" },
        { EvaluationState.FinalAcceptance, "accept final" },
        { EvaluationState.FinalAcceptance, "not accept final" },
        { EvaluationState.SelfEvaluationII, "reopen a step" },
        { EvaluationState.SelfEvaluationII, "reassign the evaluator" },
        { EvaluationState.SelfEvaluationII, "assign a committee" },
        { EvaluationState.SelfEvaluationII, "change the evaluator from the directory" },
        { EvaluationState.SelfEvaluationII, "close by retirement" },
    };

    private static Outcome Run(Evaluation e, string transition, EvaluationContext c) => transition switch
    {
        "save goals" => e.SaveGoals(Evaluado, Goals503020(), c),
        "submit goals" => e.SubmitGoals(Evaluado, Goals503020(), c),
        "approve goals" => e.ApproveGoals(Jefe, c),
        "reject goals" => e.RejectGoals(Jefe, "Faltan metas del plan de acción", c),
        "accept goals" => e.AcceptGoals(Evaluado, c),
        "submit follow-up I" => e.SubmitSelfEvaluation(Evaluado, 1, ProgressFor(e), c),
        "approve follow-up I" => e.ApproveSelfEvaluation(Jefe, 1, c),
        "accept follow-up I" => e.AcceptSelfEvaluation(Evaluado, c),
        "save follow-up II" => e.SaveSelfEvaluation(Evaluado, 2, ProgressFor(e), c),
        "rate competencies" => e.RateCompetencies(Jefe, Scores(), Applicable, c),
        "accept final" => e.AcceptFinal(Evaluado, c),
        "not accept final" => e.NotAcceptFinal(Evaluado, "Mi avance es mayor", c),
        "reopen a step" => e.ReopenStep(TalentoHumano, EvaluationStep.FollowUpII, c.Today.AddDays(10), "Incapacidad médica", c),
        "reassign the evaluator" => e.ReassignEvaluator(TalentoHumano, OtherJefeId, "Licencia del jefe", c),
        "assign a committee" => e.AssignCommittee(TalentoHumano, [Member40, Member41], Member40, "Conflicto de interés", c),
        "change the evaluator from the directory" => e.ChangeEvaluatorFromDirectory(TalentoHumano, OtherJefeId, PartialCause.BossChange, c),
        "close by retirement" => e.CloseByRetirement(TalentoHumano, c.Today, c),
        _ => throw new ArgumentOutOfRangeException(nameof(transition)),
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Nothing_changes_an_evaluation_of_a_closed_period(EvaluationState state, string transition)
    {
        var e = At(state);
        var open = OpenDayFor(state);
        AssertRefusedUnchanged(e, x => Run(x, transition, open with { Period = Closed() }), ReadOnly);
    }

    [Fact]
    public void Partial_evaluations_are_neither_recorded_nor_waived_in_a_closed_period()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var c = OnFollowUpIDay();
        AssertOk(e.ReassignEvaluator(TalentoHumano, OtherJefeId, "Traslado del jefe", c));
        var goals = e.OrderedGoals.Select(g => new PartialGoal { GoalNumber = g.Number, AchievedPercent = 40, Observation = "Avance a la fecha" }).ToList();
        var closed = Closed();
        AssertRefusedUnchanged(e, x => x.RecordPartial(Jefe, 1, goals, null, c.Now, closed), ReadOnly);
        AssertRefusedUnchanged(e, x => x.WaivePartial(TalentoHumano, 1, "El jefe dejó la entidad", c.Now, closed), ReadOnly);
        AssertOk(e.RecordPartial(Jefe, 1, goals, null, c.Now, NewPeriod()));
    }

    [Fact]
    public void Talento_Humano_reopens_a_closed_period_with_a_reason_the_evaluations_move_again_and_it_closes_again()
    {
        var period = Closed();
        var e = At(EvaluationState.GoalApproval);
        AssertRefused(e.ApproveGoals(Jefe, OnGoalDay(period)), ReadOnly);

        AssertRefused(period.Reopen("  ", "Diana Talento Humano", new DateTime(2027, 3, 1, 15, 0, 0, DateTimeKind.Utc)), "Escriba el «Motivo»");
        AssertRefused(period.Reopen(new string('x', 2001), "Diana Talento Humano", new DateTime(2027, 3, 1, 15, 0, 0, DateTimeKind.Utc)), "máximo 2000");
        Assert.Equal(PeriodStatus.Closed, period.Status);
        Assert.Empty(period.Reopenings);

        var at = new DateTime(2027, 3, 1, 15, 0, 0, DateTimeKind.Utc);
        AssertOk(period.Reopen("  Falta la aceptación final de tres servidores  ", "Diana Talento Humano", at));
        Assert.Equal(PeriodStatus.Open, period.Status);
        Assert.Equal(new PeriodReopening { At = at, By = "Diana Talento Humano", Reason = "Falta la aceptación final de tres servidores" }, Assert.Single(period.Reopenings));
        Assert.Null(period.ReadOnlyRefusal());
        AssertOk(e.ApproveGoals(Jefe, OnGoalDay(period)));

        AssertRefused(period.Reopen("Otra vez", "Diana Talento Humano", at), "solo se reabre una vigencia cerrada");
        AssertOk(period.Close());
        AssertRefused(e.AcceptGoals(Evaluado, OnGoalDay(period)), ReadOnly);
    }

    [Fact]
    public void A_period_in_preparation_is_not_reopened()
    {
        var p = Period.CreateWithDefaults(2027);
        AssertRefused(p.Reopen("Motivo", "Diana", DateTime.UtcNow), "«En preparación»: solo se reabre una vigencia cerrada");
        Assert.Equal(PeriodStatus.Preparation, p.Status);
    }
}
