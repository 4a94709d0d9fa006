using System.Text.Json;
using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>
/// SPEC §4 "Disagreement": after N «no aceptar» on the same step (default 2) Talento Humano is alerted and may
/// escalate the step to a Comisión Evaluadora, which decides; the decision is final for that step and recorded.
/// </summary>
public class DisagreementTests
{
    private const string Escalated = "El paso «Concertación de metas» fue escalado a una Comisión Evaluadora, que decide.";
    private static readonly int[] Committee = [Member40, Member41];

    private static Evaluation WithGoalDisagreements(int count, Domain.Calendar.Period? period = null)
    {
        var e = NewEvaluation();
        for (var i = 0; i < count; i++) OneGoalDisagreement(e, period, $"Desacuerdo número {i + 1}");
        return e;
    }

    private static Evaluation EscalatedGoals()
    {
        var e = WithGoalDisagreements(2);
        AssertOk(e.EscalateToCommittee(TalentoHumano, Committee, Member40, "Dos rondas sin acuerdo", OnGoalDay()));
        return e;
    }

    // ------------------------------------------------------------------ counting

    [Fact]
    public void No_aceptar_is_counted_per_step()
    {
        var e = WithGoalDisagreements(2);
        Assert.Equal(2, e.NotAccepted(EvaluationStep.Goals));
        Assert.Equal(0, e.NotAccepted(EvaluationStep.FollowUpI));

        WalkTo(e, EvaluationState.SelfEvaluationIAcceptance);
        AssertOk(e.NotAcceptSelfEvaluation(Evaluado, "No estoy de acuerdo", OnFollowUpIDay()));

        Assert.Equal(2, e.NotAccepted(EvaluationStep.Goals));
        Assert.Equal(1, e.NotAccepted(EvaluationStep.FollowUpI));
        Assert.Equal(0, e.NotAccepted(EvaluationStep.FollowUpII));
    }

    [Fact]
    public void Rejections_by_the_evaluator_are_not_disagreements()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertOk(e.RejectGoals(Jefe, "Corrija", OnGoalDay()));
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));
        AssertOk(e.RejectGoals(Jefe, "Corrija otra vez", OnGoalDay()));
        Assert.Equal(0, e.NotAccepted(EvaluationStep.Goals));
    }

    [Fact]
    public void The_disagreement_is_reached_after_two_no_aceptar_by_default()
    {
        var settings = NewPeriod().Settings;
        var e = WithGoalDisagreements(1);
        Assert.False(e.DisagreementReached(EvaluationStep.Goals, settings));

        OneGoalDisagreement(e);

        Assert.True(e.DisagreementReached(EvaluationStep.Goals, settings));
        Assert.False(e.DisagreementReached(EvaluationStep.FollowUpI, settings));
    }

    [Fact]
    public void With_three_disagreement_rounds_in_the_settings_the_third_no_aceptar_reaches_it()
    {
        var period = NewPeriod(s => s.DisagreementRounds = 3);
        var e = WithGoalDisagreements(2, period);

        Assert.False(e.DisagreementReached(EvaluationStep.Goals, period.Settings));
        AssertRefused(e.EscalateToCommittee(TalentoHumano, Committee, Member40, "motivo", OnGoalDay(period)),
            "Solo se escala tras 3 «no aceptar» en el mismo paso (van 2).");

        OneGoalDisagreement(e, period);

        Assert.True(e.DisagreementReached(EvaluationStep.Goals, period.Settings));
        AssertOk(e.EscalateToCommittee(TalentoHumano, Committee, Member40, "motivo", OnGoalDay(period)));
    }

    [Fact]
    public void Once_the_parties_agree_the_old_disagreement_no_longer_alerts()
    {
        var settings = NewPeriod().Settings;
        var e = WithGoalDisagreements(2);
        Assert.True(e.DisagreementReached(EvaluationStep.Goals, settings));

        WalkTo(e, EvaluationState.SelfEvaluationI);

        Assert.Equal(2, e.NotAccepted(EvaluationStep.Goals)); // the history still tells it
        Assert.False(e.DisagreementReached(EvaluationStep.Goals, settings)); // but there is nothing left to escalate
        AssertRefused(e.EscalateToCommittee(TalentoHumano, Committee, Member40, "motivo", OnFollowUpIDay()), "(van 0)");
    }

    // ------------------------------------------------------------------ escalation

    [Fact]
    public void Escalating_before_the_limit_is_refused()
    {
        var e = WithGoalDisagreements(1);
        AssertRefusedUnchanged(e, x => x.EscalateToCommittee(TalentoHumano, Committee, Member40, "motivo", OnGoalDay()),
            "Solo se escala tras 2 «no aceptar» en el mismo paso (van 1).");
    }

    [Fact]
    public void Only_Talento_Humano_escalates()
    {
        var e = WithGoalDisagreements(2);
        const string msg = "Solo Talento Humano puede escalar a una Comisión Evaluadora.";
        AssertRefusedUnchanged(e, x => x.EscalateToCommittee(Jefe, Committee, Member40, "motivo", OnGoalDay()), msg);
        AssertRefusedUnchanged(e, x => x.EscalateToCommittee(Evaluado, Committee, Member40, "motivo", OnGoalDay()), msg);
        AssertRefusedUnchanged(e, x => x.EscalateToCommittee(CommitteeMember40, Committee, Member40, "motivo", OnGoalDay()), msg);
    }

    [Fact]
    public void The_committee_needs_two_members_not_the_evaluado_and_a_recorder_among_them()
    {
        var e = WithGoalDisagreements(2);
        var ctx = OnGoalDay();

        AssertRefusedUnchanged(e, x => x.EscalateToCommittee(TalentoHumano, [Member40], Member40, "motivo", ctx), "La Comisión Evaluadora necesita al menos dos integrantes.");
        AssertRefusedUnchanged(e, x => x.EscalateToCommittee(TalentoHumano, [Member40, Member40], Member40, "motivo", ctx), "necesita al menos dos integrantes");
        AssertRefusedUnchanged(e, x => x.EscalateToCommittee(TalentoHumano, [Member40, EvaluadoId], Member40, "motivo", ctx), "El evaluado no puede integrar su propia comisión.");
        AssertRefusedUnchanged(e, x => x.EscalateToCommittee(TalentoHumano, Committee, OtherJefeId, "motivo", ctx), "Quien registra debe ser integrante de la comisión.");
        AssertRefusedUnchanged(e, x => x.EscalateToCommittee(TalentoHumano, Committee, Member40, " ", ctx), "Escriba el motivo del escalamiento.");
    }

    [Fact]
    public void Escalating_records_who_why_and_the_committee_and_waits_on_the_committee()
    {
        var e = WithGoalDisagreements(2);
        var versionBefore = e.Version;

        AssertOk(e.EscalateToCommittee(TalentoHumano, [Member40, Member41, Member40], Member40, "  Dos rondas sin acuerdo  ", OnGoalDay()));

        Assert.NotEqual(versionBefore, e.Version);
        Assert.Equal(EvaluationStep.Goals, e.EscalatedStep);
        Assert.Equal(Committee, e.EscalationMemberIds);
        Assert.Equal(Member40, e.EscalationRecorderId);
        Assert.Equal(EvaluationState.GoalFormulation, e.State);
        Assert.Equal(WaitingOn.Evaluator, e.WaitingOn);
        Assert.False(e.DisagreementReached(EvaluationStep.Goals, NewPeriod().Settings)); // already handled
        var h = e.History[^1];
        Assert.Equal(("Diana Talento Humano", ActorRole.TalentoHumano, EvaluationAction.Escalate, "Dos rondas sin acuerdo"), (h.ActorName, h.Role, h.Action, h.Comment));
        Assert.Equal((EvaluationState.GoalFormulation, EvaluationState.GoalFormulation), (h.From, h.To));
        Assert.True(e.CanView(CommitteeMember40));
        Assert.True(e.CanView(CommitteeMember41));
        Assert.Equal(JefeId, e.EvaluatorId); // the jefe stays the evaluator of the other steps
    }

    [Fact]
    public void Escalating_twice_is_refused()
    {
        var e = EscalatedGoals();
        AssertRefusedUnchanged(e, x => x.EscalateToCommittee(TalentoHumano, Committee, Member41, "otra vez", OnGoalDay()),
            "Este paso ya está en manos de una Comisión Evaluadora.");
    }

    [Fact]
    public void After_escalation_the_evaluado_cannot_save_or_submit_the_goals()
    {
        var e = EscalatedGoals();
        AssertRefusedUnchanged(e, x => x.SaveGoals(Evaluado, Goals333334(), OnGoalDay()), Escalated);
        AssertRefusedUnchanged(e, x => x.SubmitGoals(Evaluado, Goals333334(), OnGoalDay()), Escalated);
    }

    [Fact]
    public void After_escalation_in_approval_the_jefe_cannot_approve_reject_or_modify_and_the_evaluado_cannot_accept()
    {
        var e = WithGoalDisagreements(2);
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));
        AssertOk(e.EscalateToCommittee(TalentoHumano, Committee, Member40, "Dos rondas sin acuerdo", OnGoalDay()));

        AssertRefusedUnchanged(e, x => x.ApproveGoals(Jefe, OnGoalDay()), Escalated);
        AssertRefusedUnchanged(e, x => x.RejectGoals(Jefe, "motivo", OnGoalDay()), Escalated);
        var modified = e.OrderedGoals.Select(g => g.Number == 1 ? g with { Description = "Otra" } : g).ToList();
        AssertRefusedUnchanged(e, x => x.ModifyGoals(Jefe, modified, new Dictionary<string, string> { ["1.Description"] = "x" }, OnGoalDay()), Escalated);
        // The committee members act only through the committee decision.
        AssertRefusedUnchanged(e, x => x.ApproveGoals(CommitteeMember40, OnGoalDay()), "Solo el evaluador");
    }

    [Fact]
    public void Escalating_is_refused_when_the_evaluation_has_no_step_in_course()
    {
        var e = At(EvaluationState.Finalized);
        AssertRefusedUnchanged(e, x => x.EscalateToCommittee(TalentoHumano, Committee, Member40, "motivo", OnFollowUpIIDay()),
            "La evaluación está «Finalizada»: no hay paso en desacuerdo.");
    }

    // ------------------------------------------------------------------ committee decision on the goals

    [Fact]
    public void Only_the_recorder_of_the_committee_records_its_decision()
    {
        var e = EscalatedGoals();
        const string msg = "Solo quien registra por la Comisión Evaluadora puede registrar su decisión.";
        AssertRefusedUnchanged(e, x => x.DecideGoalsByCommittee(CommitteeMember41, Goals333334(), "Decisión", OnGoalDay()), msg);
        AssertRefusedUnchanged(e, x => x.DecideGoalsByCommittee(Jefe, Goals333334(), "Decisión", OnGoalDay()), msg);
        AssertRefusedUnchanged(e, x => x.DecideGoalsByCommittee(Evaluado, Goals333334(), "Decisión", OnGoalDay()), msg);
        AssertRefusedUnchanged(e, x => x.DecideGoalsByCommittee(TalentoHumano, Goals333334(), "Decisión", OnGoalDay()), msg);
    }

    [Fact]
    public void The_committee_decision_needs_its_reasons_and_valid_goals()
    {
        var e = EscalatedGoals();
        AssertRefusedUnchanged(e, x => x.DecideGoalsByCommittee(CommitteeMember40, Goals333334(), "  ", OnGoalDay()), "Escriba el motivo de la decisión.");
        var bad = Goals333334();
        bad[0] = bad[0] with { Weight = 10 };
        AssertRefusedUnchanged(e, x => x.DecideGoalsByCommittee(CommitteeMember40, bad, "Decisión", OnGoalDay()), "La suma de los pesos debe ser 100 %");
    }

    [Fact]
    public void A_committee_decision_without_escalation_is_refused()
    {
        var e = WithGoalDisagreements(2);
        AssertRefusedUnchanged(e, x => x.DecideGoalsByCommittee(CommitteeMember40, Goals333334(), "Decisión", OnGoalDay()),
            "La concertación de metas no está escalada a una comisión.");
    }

    [Fact]
    public void The_committee_decides_the_goals_the_decision_is_recorded_and_final_and_the_first_follow_up_starts()
    {
        var e = EscalatedGoals();
        var ctx = OnGoalDay();
        var before = e.OrderedGoals;
        var decided = Goals333334();

        AssertOk(e.DecideGoalsByCommittee(CommitteeMember40, decided, "  La comisión adopta las metas del plan de acción  ", ctx));

        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        Assert.True(e.State.GoalsAgreed());
        Assert.Null(e.EscalatedStep);
        Assert.Equal(Numbered(decided), e.OrderedGoals);

        var h = e.History[^1];
        Assert.Equal(("u-40", "Elena Comisión", ActorRole.Committee, EvaluationAction.CommitteeDecision), (h.ActorUserId, h.ActorName, h.Role, h.Action));
        Assert.Equal((EvaluationState.GoalFormulation, EvaluationState.SelfEvaluationI), (h.From, h.To));
        Assert.Equal("La comisión adopta las metas del plan de acción", h.Comment);

        var v = e.Versions[^1];
        Assert.Equal((VersionKind.CommitteeDecision, EvaluationStep.Goals, "Elena Comisión"), (v.Kind, v.Step, v.ActorName));
        Assert.Equal(Numbered(decided), e.GoalsOf(v));
        var changes = JsonSerializer.Deserialize<List<FieldChange>>(v.ChangesJson)!;
        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.Equal("La comisión adopta las metas del plan de acción", c.Justification));
        Assert.Contains(changes, c => c.GoalNumber == 1 && c.Field == "Description" && c.Before == before[0].Description && c.After == decided[0].Description);

        // The counter restarts: nothing pending on the goals.
        Assert.Equal(0, e.NotAccepted(EvaluationStep.Goals));
        Assert.False(e.DisagreementReached(EvaluationStep.Goals, ctx.Period.Settings));
        Assert.Equal(WaitingOn.Evaluado, e.WaitingOn);

        // The decision is final: the goals can no longer be sent or decided again.
        AssertRefused(e.SubmitGoals(Evaluado, Goals503020(), ctx), "La evaluación está en «Autoevaluación I»");
        AssertRefused(e.DecideGoalsByCommittee(CommitteeMember40, Goals503020(), "otra", ctx), "no está escalada");

        // The committee members keep seeing the evaluation they decided.
        Assert.True(e.CanView(CommitteeMember41));

        // And the year goes on with the jefe as evaluator.
        WalkTo(e, EvaluationState.SelfEvaluationIAcceptance);
        Assert.Equal("Bruno Jefe", e.History[^1].ActorName);
    }

    // ------------------------------------------------------------------ disagreement on a follow-up

    private static Evaluation WithFollowUpIDisagreements(int count)
    {
        var e = At(EvaluationState.SelfEvaluationI);
        for (var i = 0; i < count; i++)
        {
            WalkTo(e, EvaluationState.SelfEvaluationIAcceptance);
            AssertOk(e.NotAcceptSelfEvaluation(Evaluado, $"Desacuerdo {i + 1}", OnFollowUpIDay()));
        }
        return e;
    }

    [Fact]
    public void The_first_follow_up_can_be_escalated_and_then_its_normal_actions_are_refused()
    {
        var e = WithFollowUpIDisagreements(2);
        Assert.True(e.DisagreementReached(EvaluationStep.FollowUpI, NewPeriod().Settings));

        AssertOk(e.EscalateToCommittee(TalentoHumano, Committee, Member41, "Dos rondas sin acuerdo", OnFollowUpIDay()));

        Assert.Equal(EvaluationStep.FollowUpI, e.EscalatedStep);
        AssertRefusedUnchanged(e, x => x.SubmitSelfEvaluation(Evaluado, 1, ProgressFor(x), OnFollowUpIDay()),
            "El paso «Primer seguimiento» fue escalado a una Comisión Evaluadora, que decide.");
        AssertRefusedUnchanged(e, x => x.DecideGoalsByCommittee(CommitteeMember41, Goals503020(), "x", OnFollowUpIDay()),
            "La concertación de metas no está escalada a una comisión.");
    }

    [Fact]
    public void The_committee_decides_an_escalated_first_follow_up_and_the_second_starts()
    {
        var e = WithFollowUpIDisagreements(2);
        AssertOk(e.EscalateToCommittee(TalentoHumano, Committee, Member41, "Dos rondas sin acuerdo", OnFollowUpIDay()));
        var decided = ProgressFor(e, 55, "Avance verificado por la comisión");

        AssertRefusedUnchanged(e, x => x.DecideSelfEvaluationByCommittee(CommitteeMember40, 1, decided, "Decisión", OnFollowUpIDay()),
            "Solo quien registra por la Comisión Evaluadora puede registrar su decisión.");
        AssertRefusedUnchanged(e, x => x.DecideSelfEvaluationByCommittee(CommitteeMember41, 2, decided, "Decisión", OnFollowUpIDay()),
            "El segundo seguimiento no está escalado a una comisión.");
        AssertRefusedUnchanged(e, x => x.DecideSelfEvaluationByCommittee(CommitteeMember41, 1, decided, "", OnFollowUpIDay()),
            "Escriba el motivo de la decisión.");
        AssertRefusedUnchanged(e, x => x.DecideSelfEvaluationByCommittee(CommitteeMember41, 1, decided.Take(1).ToList(), "Decisión", OnFollowUpIDay()),
            "Reporte el avance de todas las metas.");

        AssertOk(e.DecideSelfEvaluationByCommittee(CommitteeMember41, 1, decided, "La comisión revisó las actas", OnFollowUpIDay()));

        Assert.Equal(EvaluationState.SelfEvaluationII, e.State);
        Assert.Null(e.EscalatedStep);
        Assert.All(e.ProgressOf(1), p => Assert.Equal(55, p.AchievedPercent));
        Assert.Equal(0, e.NotAccepted(EvaluationStep.FollowUpI));
        var h = e.History[^1];
        Assert.Equal((ActorRole.Committee, EvaluationAction.CommitteeDecision, EvaluationState.SelfEvaluationI, EvaluationState.SelfEvaluationII),
            (h.Role, h.Action, h.From, h.To));
        var v = e.Versions[^1];
        Assert.Equal((VersionKind.CommitteeDecision, EvaluationStep.FollowUpI), (v.Kind, v.Step));
        var changes = JsonSerializer.Deserialize<List<FieldChange>>(v.ChangesJson)!;
        Assert.Equal(6, changes.Count); // % and narrative of the three goals, before/after
        Assert.Contains(changes, c => c is { GoalNumber: 1, Field: "AchievedPercent", Before: "60", After: "55" } && c.FieldLabel == "% logrado");
        Assert.All(changes, c => Assert.Equal("La comisión revisó las actas", c.Justification));
    }

    [Fact]
    public void The_committee_decides_an_escalated_second_follow_up_with_the_competencies_and_the_evaluation_is_finalized()
    {
        var e = At(EvaluationState.FinalAcceptance);
        AssertOk(e.NotAcceptFinal(Evaluado, "Desacuerdo 1", OnFollowUpIIDay()));
        WalkTo(e, EvaluationState.FinalAcceptance);
        AssertOk(e.NotAcceptFinal(Evaluado, "Desacuerdo 2", OnFollowUpIIDay()));
        AssertOk(e.EscalateToCommittee(TalentoHumano, Committee, Member40, "Dos rondas sin acuerdo", OnFollowUpIIDay()));

        AssertRefusedUnchanged(e, x => x.DecideSelfEvaluationByCommittee(CommitteeMember40, 2, ProgressFor(x, 90), "Decisión", OnFollowUpIIDay(), Scores(9), Applicable),
            "elija un valor de la escala");
        AssertOk(e.DecideSelfEvaluationByCommittee(CommitteeMember40, 2, ProgressFor(e, 90), "Decisión de la comisión del 20/02", OnFollowUpIIDay(), Scores(3), Applicable));

        Assert.Equal(EvaluationState.Finalized, e.State);
        Assert.All(e.ProgressOf(2), p => Assert.Equal(90, p.AchievedPercent));
        Assert.All(e.Competencies, c => Assert.Equal(3, c.Value));
        Assert.Equal(WaitingOn.Nobody, e.WaitingOn);
    }

    [Fact]
    public void Without_new_ratings_the_committee_keeps_the_competencies_already_rated()
    {
        var e = At(EvaluationState.FinalAcceptance);
        AssertOk(e.NotAcceptFinal(Evaluado, "Desacuerdo 1", OnFollowUpIIDay()));
        WalkTo(e, EvaluationState.FinalAcceptance);
        AssertOk(e.NotAcceptFinal(Evaluado, "Desacuerdo 2", OnFollowUpIIDay()));
        AssertOk(e.EscalateToCommittee(TalentoHumano, Committee, Member40, "Dos rondas sin acuerdo", OnFollowUpIIDay()));

        AssertOk(e.DecideSelfEvaluationByCommittee(CommitteeMember40, 2, ProgressFor(e, 90), "Decisión", OnFollowUpIIDay()));

        Assert.Equal(EvaluationState.Finalized, e.State);
        Assert.All(e.Competencies, c => Assert.Equal(4, c.Value));
    }
}
