using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>SPEC §4 "Change of evaluator" and the Comisión Evaluadora as evaluator; who may see an evaluation.</summary>
public class EvaluatorTests
{
    private static readonly DateTime Now = new(2026, 2, 20, 15, 0, 0, DateTimeKind.Utc);

    // ------------------------------------------------------------------ reassignment

    [Fact]
    public void Talento_Humano_reassigns_the_evaluator_and_the_evaluation_keeps_its_versions_and_history()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertOk(e.RejectGoals(Jefe, "Faltan resultados", OnGoalDay()));
        AssertOk(e.SubmitGoals(Evaluado, Goals333334(), OnGoalDay()));
        var history = e.History.ToList();
        var versions = e.Versions.ToList();
        var goals = e.OrderedGoals;
        var versionBefore = e.Version;

        AssertOk(e.ReassignEvaluator(TalentoHumano, OtherJefeId, "  Vacaciones del jefe: delega en Carla  ", Now));

        Assert.Equal(OtherJefeId, e.EvaluatorId);
        Assert.Equal(EvaluationState.GoalApproval, e.State);
        Assert.NotEqual(versionBefore, e.Version);
        Assert.Equal(Now, e.UpdatedAt);
        Assert.Equal(versions, e.Versions);
        Assert.Equal(goals, e.OrderedGoals);
        Assert.Equal(history, e.History.Take(history.Count));
        var h = e.History[^1];
        Assert.Equal(history.Count + 1, h.Sequence);
        Assert.Equal(("u-th", "Diana Talento Humano", ActorRole.TalentoHumano, EvaluationAction.ReassignEvaluator), (h.ActorUserId, h.ActorName, h.Role, h.Action));
        Assert.Equal((EvaluationState.GoalApproval, EvaluationState.GoalApproval, Now), (h.From, h.To, h.At));
        Assert.Equal("Vacaciones del jefe: delega en Carla", h.Comment);
    }

    [Fact]
    public void After_reassignment_the_old_jefe_is_refused_and_the_new_one_acts()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertOk(e.ReassignEvaluator(TalentoHumano, OtherJefeId, "Cambio de jefe", Now));

        AssertRefusedUnchanged(e, x => x.ApproveGoals(Jefe, OnGoalDay()), "Solo el evaluador de esta evaluación puede hacer esto.");
        Assert.False(e.IsCurrentEvaluator(Jefe));
        Assert.False(e.CanView(Jefe));

        AssertOk(e.ApproveGoals(OtherJefe, OnGoalDay()));
        Assert.True(e.IsCurrentEvaluator(OtherJefe));
        var h = e.History[^1];
        Assert.Equal(("Carla Otra Jefa", ActorRole.Evaluator, EvaluationAction.Approve), (h.ActorName, h.Role, h.Action));
    }

    [Fact]
    public void Reassigning_can_happen_at_any_step_of_the_year()
    {
        var e = At(EvaluationState.CompetencyRating);
        AssertOk(e.ReassignEvaluator(TalentoHumano, OtherJefeId, "El jefe se retiró", Now));
        AssertOk(e.RateCompetencies(OtherJefe, Scores(), Applicable, OnFollowUpIIDay()));
        Assert.Equal(EvaluationState.FinalAcceptance, e.State);
    }

    [Fact]
    public void Reassigning_is_refused_for_others_for_the_evaluado_as_evaluator_for_the_same_person_and_without_reason()
    {
        var e = At(EvaluationState.GoalApproval);

        AssertRefusedUnchanged(e, x => x.ReassignEvaluator(Jefe, OtherJefeId, "motivo", Now), "Solo Talento Humano puede reasignar el evaluador.");
        AssertRefusedUnchanged(e, x => x.ReassignEvaluator(Evaluado, OtherJefeId, "motivo", Now), "Solo Talento Humano puede reasignar el evaluador.");
        AssertRefusedUnchanged(e, x => x.ReassignEvaluator(TalentoHumano, EvaluadoId, "motivo", Now), "El evaluado no puede ser su propio evaluador.");
        AssertRefusedUnchanged(e, x => x.ReassignEvaluator(TalentoHumano, JefeId, "motivo", Now), "Esa persona ya es el evaluador.");
        AssertRefusedUnchanged(e, x => x.ReassignEvaluator(TalentoHumano, OtherJefeId, null, Now), "Escriba el motivo de la reasignación.");
        AssertRefusedUnchanged(e, x => x.ReassignEvaluator(TalentoHumano, OtherJefeId, "  ", Now), "Escriba el motivo de la reasignación.");
        Assert.Equal("EvaluatorId", e.ReassignEvaluator(TalentoHumano, EvaluadoId, "motivo", Now).Errors.Single().Field);
    }

    // ------------------------------------------------------------------ Comisión Evaluadora as evaluator

    [Fact]
    public void Assigning_a_committee_makes_the_recorder_act_for_all_recorded_as_the_committee()
    {
        var e = At(EvaluationState.GoalApproval);

        AssertOk(e.AssignCommittee(TalentoHumano, [Member40, Member41], Member41, "El jefe está impedido", Now));

        Assert.True(e.IsCommittee);
        Assert.Equal([Member40, Member41], e.CommitteeMemberIds);
        Assert.Equal(Member41, e.EvaluatorId);
        var assigned = e.History[^1];
        Assert.Equal((ActorRole.TalentoHumano, EvaluationAction.AssignCommittee, "El jefe está impedido"), (assigned.Role, assigned.Action, assigned.Comment));

        // Every member sees it; only the recorder acts; the old jefe does neither.
        Assert.True(e.CanView(CommitteeMember40));
        Assert.True(e.CanView(CommitteeMember41));
        Assert.False(e.CanView(Jefe));
        AssertRefusedUnchanged(e, x => x.ApproveGoals(CommitteeMember40, OnGoalDay()), "Solo el evaluador de esta evaluación puede hacer esto.");
        AssertRefusedUnchanged(e, x => x.ApproveGoals(Jefe, OnGoalDay()), "Solo el evaluador de esta evaluación puede hacer esto.");

        AssertOk(e.ApproveGoals(CommitteeMember41, OnGoalDay()));
        var h = e.History[^1];
        Assert.Equal(("Fabio Comisión", ActorRole.Committee, EvaluationAction.Approve), (h.ActorName, h.Role, h.Action));
    }

    [Fact]
    public void A_committee_modification_is_recorded_as_the_committees()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertOk(e.AssignCommittee(TalentoHumano, [Member40, Member41], Member40, "Comisión", Now));
        var modified = e.OrderedGoals.Select(g => g.Number == 1 ? g with { Description = "Meta precisada" } : g).ToList();

        AssertOk(e.ModifyGoals(CommitteeMember40, modified, new Dictionary<string, string> { ["1.Description"] = "Más precisa" }, OnGoalDay()));

        Assert.Equal((ActorRole.Committee, EvaluationAction.Modify), (e.History[^1].Role, e.History[^1].Action));
        Assert.Equal("Elena Comisión", e.Versions[^1].ActorName);
    }

    [Fact]
    public void Assigning_a_committee_is_refused_for_others_with_fewer_than_two_with_the_evaluado_with_an_outside_recorder_or_without_reason()
    {
        var e = At(EvaluationState.GoalApproval);

        AssertRefusedUnchanged(e, x => x.AssignCommittee(Jefe, [Member40, Member41], Member40, "motivo", Now), "Solo Talento Humano puede asignar una Comisión Evaluadora.");
        AssertRefusedUnchanged(e, x => x.AssignCommittee(TalentoHumano, [Member40], Member40, "motivo", Now), "La Comisión Evaluadora necesita al menos dos integrantes.");
        AssertRefusedUnchanged(e, x => x.AssignCommittee(TalentoHumano, [Member40, EvaluadoId], Member40, "motivo", Now), "El evaluado no puede integrar su propia comisión.");
        AssertRefusedUnchanged(e, x => x.AssignCommittee(TalentoHumano, [Member40, Member41], JefeId, "motivo", Now), "Quien registra debe ser integrante de la comisión.");
        AssertRefusedUnchanged(e, x => x.AssignCommittee(TalentoHumano, [Member40, Member41], Member40, "", Now), "Escriba el motivo de la asignación de la comisión.");
    }

    [Fact]
    public void Reassigning_a_single_evaluator_dissolves_the_committee_even_to_its_recorder()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertOk(e.AssignCommittee(TalentoHumano, [Member40, Member41], Member40, "Comisión", Now));

        AssertOk(e.ReassignEvaluator(TalentoHumano, Member40, "Vuelve a un solo evaluador", Now));

        Assert.False(e.IsCommittee);
        Assert.Equal(Member40, e.EvaluatorId);
        Assert.False(e.CanView(CommitteeMember41));
        AssertOk(e.ApproveGoals(CommitteeMember40, OnGoalDay()));
        Assert.Equal(ActorRole.Evaluator, e.History[^1].Role);
    }

    // ------------------------------------------------------------------ Talento Humano on their own evaluation

    [Fact]
    public void A_Talento_Humano_professional_cannot_reassign_reopen_or_escalate_their_own_evaluation()
    {
        var thEvaluado = Evaluado with { IsTalentoHumano = true };
        var e = At(EvaluationState.GoalApproval);
        const string own = "No puede hacerlo en su propia evaluación: lo hace otra persona de Talento Humano.";

        AssertRefusedUnchanged(e, x => x.ReassignEvaluator(thEvaluado, OtherJefeId, "Prefiero otro jefe", Now), own);
        AssertRefusedUnchanged(e, x => x.AssignCommittee(thEvaluado, [Member40, Member41], Member40, "Comisión", Now), own);
        AssertRefusedUnchanged(e, x => x.ReopenStep(thEvaluado, EvaluationStep.Goals, new DateOnly(2026, 5, 29), "Me faltó tiempo", OnFollowUpIDay()), own);

        var d = NewEvaluation();
        OneGoalDisagreement(d);
        OneGoalDisagreement(d);
        AssertRefusedUnchanged(d, x => x.EscalateToCommittee(thEvaluado, [Member40, Member41], Member40, "motivo", OnGoalDay()), own);

        // As evaluado they still act on their own evaluation, and another Talento Humano professional can do the rest.
        AssertOk(d.SubmitGoals(thEvaluado, Goals503020(), OnGoalDay()));
        AssertOk(e.ReassignEvaluator(TalentoHumano, OtherJefeId, "Cambio de jefe", Now));
    }

    [Fact]
    public void A_closed_evaluation_is_not_reopened()
    {
        var e = At(EvaluationState.Finalized);
        AssertRefusedUnchanged(e, x => x.ReopenStep(TalentoHumano, EvaluationStep.FollowUpII, new DateOnly(2027, 3, 10), "motivo", On(new DateOnly(2027, 3, 1))),
            "La evaluación está «Finalizada»: no se reabre.");
    }

    // ------------------------------------------------------------------ who sees

    [Fact]
    public void The_evaluado_the_evaluator_and_Talento_Humano_see_the_evaluation_another_jefe_does_not()
    {
        var e = At(EvaluationState.GoalApproval);

        Assert.True(e.CanView(Evaluado));
        Assert.True(e.CanView(Jefe));
        Assert.True(e.CanView(TalentoHumano));
        Assert.False(e.CanView(OtherJefe));
        Assert.False(e.CanView(CommitteeMember40));
        Assert.False(e.CanView(new Actor("u-sin-servidor", null, "Usuario sin servidor")));
    }

    [Fact]
    public void A_Talento_Humano_professional_who_is_also_a_servant_sees_any_evaluation()
    {
        var e = At(EvaluationState.GoalApproval);
        Assert.True(e.CanView(new Actor("u-th2", 55, "Gabriel TH", IsTalentoHumano: true)));
    }
}
