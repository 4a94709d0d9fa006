using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>The concurrency token (a stale save is refused by the web layer) and who each state waits on.</summary>
public class VersionAndWaitingTests
{
    private static readonly EvaluationState[] PathStates =
    [
        EvaluationState.GoalFormulation, EvaluationState.GoalApproval, EvaluationState.GoalAcceptance,
        EvaluationState.SelfEvaluationI, EvaluationState.SelfEvaluationIApproval, EvaluationState.SelfEvaluationIAcceptance,
        EvaluationState.SelfEvaluationII, EvaluationState.SelfEvaluationIIApproval, EvaluationState.CompetencyRating,
        EvaluationState.FinalAcceptance, EvaluationState.Finalized,
    ];

    public static TheoryData<EvaluationState> HappyPathStates() => new(PathStates);

    [Fact]
    public void Every_successful_change_gives_a_new_version_and_every_version_is_unique()
    {
        var e = NewEvaluation();
        var seen = new HashSet<Guid> { e.Version };

        void Changed(Outcome outcome)
        {
            AssertOk(outcome);
            Assert.True(seen.Add(e.Version), "The version did not change after a successful change.");
        }

        Changed(e.SaveGoals(Evaluado, [G("Borrador", 50)], OnGoalDay()));
        Changed(e.SaveGoals(Evaluado, [G("Borrador", 50)], OnGoalDay())); // even saving the same draft again
        Changed(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));
        Changed(e.RejectGoals(Jefe, "motivo", OnGoalDay()));
        Changed(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));
        var modified = e.OrderedGoals.Select(g => g.Number == 1 ? g with { Description = "Otra" } : g).ToList();
        Changed(e.ModifyGoals(Jefe, modified, new Dictionary<string, string> { ["1.Description"] = "x" }, OnGoalDay()));
        Changed(e.NotAcceptGoals(Evaluado, "motivo", OnGoalDay()));
        Changed(e.ReopenStep(TalentoHumano, EvaluationStep.Goals, GoalDay.AddDays(10), "motivo", OnGoalDay()));
        Changed(e.ReassignEvaluator(TalentoHumano, OtherJefeId, "motivo", DateTime.UtcNow));
        Changed(e.AssignCommittee(TalentoHumano, [JefeId, Member40], JefeId, "motivo", DateTime.UtcNow));
        Changed(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));
        Changed(e.ApproveGoals(Jefe, OnGoalDay()));
        Changed(e.AcceptGoals(Evaluado, OnGoalDay()));
        Changed(e.SaveSelfEvaluation(Evaluado, 1, ProgressFor(e), OnFollowUpIDay()));
        Changed(e.SubmitSelfEvaluation(Evaluado, 1, ProgressFor(e), OnFollowUpIDay()));
        Changed(e.ApproveSelfEvaluation(Jefe, 1, OnFollowUpIDay()));
        Changed(e.AcceptSelfEvaluation(Evaluado, OnFollowUpIDay()));
        Changed(e.SubmitSelfEvaluation(Evaluado, 2, ProgressFor(e), OnFollowUpIIDay()));
        Changed(e.ApproveSelfEvaluation(Jefe, 2, OnFollowUpIIDay()));
        Changed(e.RateCompetencies(Jefe, Scores(), Applicable, OnFollowUpIIDay()));
        Changed(e.AcceptFinal(Evaluado, OnFollowUpIIDay()));

        Assert.Equal(EvaluationState.Finalized, e.State);
    }

    [Fact]
    public void A_refused_change_keeps_the_version_and_everything_else()
    {
        var e = At(EvaluationState.GoalApproval);
        var version = e.Version;

        Assert.False(e.ApproveGoals(Evaluado, OnGoalDay()).Succeeded);        // wrong actor
        Assert.False(e.AcceptGoals(Evaluado, OnGoalDay()).Succeeded);         // wrong state
        Assert.False(e.ApproveGoals(Jefe, OnFollowUpIDay()).Succeeded);       // closed window
        Assert.False(e.RejectGoals(Jefe, "", OnGoalDay()).Succeeded);         // no reason
        Assert.False(e.ModifyGoals(Jefe, e.OrderedGoals, new Dictionary<string, string>(), OnGoalDay()).Succeeded); // no change
        Assert.False(e.ReassignEvaluator(Jefe, OtherJefeId, "x", DateTime.UtcNow).Succeeded);
        Assert.False(e.EscalateToCommittee(TalentoHumano, [Member40, Member41], Member40, "x", OnGoalDay()).Succeeded);

        Assert.Equal(version, e.Version);
        Assert.Equal(EvaluationState.GoalApproval, e.State);
        Assert.Single(e.History);
    }

    [Theory]
    [MemberData(nameof(HappyPathStates))]
    public void Who_each_state_waits_on(EvaluationState state)
    {
        var expected = state switch
        {
            EvaluationState.GoalFormulation or EvaluationState.GoalAcceptance or EvaluationState.SelfEvaluationI
                or EvaluationState.SelfEvaluationIAcceptance or EvaluationState.SelfEvaluationII or EvaluationState.FinalAcceptance => WaitingOn.Evaluado,
            EvaluationState.GoalApproval or EvaluationState.SelfEvaluationIApproval or EvaluationState.SelfEvaluationIIApproval
                or EvaluationState.CompetencyRating => WaitingOn.Evaluator,
            _ => WaitingOn.Nobody,
        };

        var e = At(state);

        Assert.Equal(state, e.State);
        Assert.Equal(expected, e.WaitingOn);
        Assert.Equal(expected, state.WaitingOn());
    }

    [Fact]
    public void A_closed_by_retirement_evaluation_waits_on_nobody()
    {
        Assert.Equal(WaitingOn.Nobody, EvaluationState.ClosedByRetirement.WaitingOn());
        Assert.Equal("Cerrada por retiro", EvaluationState.ClosedByRetirement.Label());
        Assert.Null(EvaluationState.ClosedByRetirement.Step());
    }

    [Fact]
    public void An_escalated_step_waits_on_the_committee()
    {
        var e = NewEvaluation();
        OneGoalDisagreement(e);
        OneGoalDisagreement(e);
        Assert.Equal(WaitingOn.Evaluado, e.WaitingOn);

        AssertOk(e.EscalateToCommittee(TalentoHumano, [Member40, Member41], Member40, "motivo", OnGoalDay()));

        Assert.Equal(WaitingOn.Evaluator, e.WaitingOn);
    }

    [Fact]
    public void Every_state_has_a_spanish_label_and_belongs_to_its_step()
    {
        Assert.Equal(
            [
                "Formulación de metas", "Aprobación de metas", "Aceptación de metas",
                "Autoevaluación I", "Aprobación de la evaluación I", "Aceptación de la evaluación I",
                "Autoevaluación II", "Aprobación de la evaluación II", "Calificación de competencias",
                "Aceptación final", "Finalizada",
            ],
            PathStates.Select(s => s.Label()));
        Assert.Equal(
            [
                EvaluationStep.Goals, EvaluationStep.Goals, EvaluationStep.Goals,
                EvaluationStep.FollowUpI, EvaluationStep.FollowUpI, EvaluationStep.FollowUpI,
                EvaluationStep.FollowUpII, EvaluationStep.FollowUpII, EvaluationStep.FollowUpII, EvaluationStep.FollowUpII, null,
            ],
            PathStates.Select(s => s.Step()));
        Assert.Equal(["Concertación de metas", "Primer seguimiento", "Segundo seguimiento"],
            Enum.GetValues<EvaluationStep>().Select(s => s.Label()));
    }
}
