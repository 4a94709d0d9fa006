using System.Text.Json;
using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>Activities 4–6: formulación (4) → aprobación (5) → aceptación (6) → autoevaluación I (8), and every way back.</summary>
public class GoalAgreementTests
{
    private static List<FieldChange> ChangesOf(EvaluationVersion v) => JsonSerializer.Deserialize<List<FieldChange>>(v.ChangesJson)!;

    [Fact]
    public void A_new_evaluation_starts_in_formulation_waiting_on_the_evaluado_with_no_history()
    {
        var e = NewEvaluation();

        Assert.Equal(EvaluationState.GoalFormulation, e.State);
        Assert.Equal("Formulación de metas", e.State.Label());
        Assert.Equal(WaitingOn.Evaluado, e.WaitingOn);
        Assert.Equal(EvaluadoId, e.EvaluadoId);
        Assert.Equal(JefeId, e.EvaluatorId);
        Assert.Empty(e.History);
        Assert.Empty(e.Versions);
        Assert.Empty(e.Goals);
    }

    [Fact]
    public void Submitting_valid_goals_moves_to_approval_numbers_them_and_keeps_the_proposal_as_round_1()
    {
        var e = NewEvaluation();
        var ctx = OnGoalDay();

        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), ctx));

        Assert.Equal(EvaluationState.GoalApproval, e.State);
        Assert.Equal([1, 2, 3], e.OrderedGoals.Select(g => g.Number));
        Assert.Equal([50, 30, 20], e.OrderedGoals.Select(g => g.Weight));

        var h = Assert.Single(e.History);
        Assert.Equal(1, h.Sequence);
        Assert.Equal(ctx.Now, h.At);
        Assert.Equal("u-evaluado", h.ActorUserId);
        Assert.Equal("Ana Evaluada", h.ActorName);
        Assert.Equal(ActorRole.Evaluado, h.Role);
        Assert.Equal(EvaluationAction.Submit, h.Action);
        Assert.Equal(EvaluationState.GoalFormulation, h.From);
        Assert.Equal(EvaluationState.GoalApproval, h.To);
        Assert.Null(h.Comment);

        var v = Assert.Single(e.Versions);
        Assert.Equal(EvaluationStep.Goals, v.Step);
        Assert.Equal(1, v.Round);
        Assert.Equal(VersionKind.Proposal, v.Kind);
        Assert.Equal("Ana Evaluada", v.ActorName);
        Assert.Equal(Numbered(Goals503020()), e.GoalsOf(v));
        Assert.Empty(ChangesOf(v));
        Assert.Equal(1, e.Rounds(EvaluationStep.Goals));
    }

    [Fact]
    public void Goals_of_33_33_34_are_also_valid()
    {
        var e = NewEvaluation();
        AssertOk(e.SubmitGoals(Evaluado, Goals333334(), OnGoalDay()));
        Assert.Equal(100, e.Goals.Sum(g => g.Weight));
    }

    [Fact]
    public void Approving_moves_to_acceptance_with_the_evaluators_comment()
    {
        var e = At(EvaluationState.GoalApproval);

        AssertOk(e.ApproveGoals(Jefe, OnGoalDay(), "  Bien formuladas  "));

        Assert.Equal(EvaluationState.GoalAcceptance, e.State);
        Assert.Equal(WaitingOn.Evaluado, e.WaitingOn);
        var h = e.History[^1];
        Assert.Equal(("u-jefe", "Bruno Jefe", ActorRole.Evaluator, EvaluationAction.Approve), (h.ActorUserId, h.ActorName, h.Role, h.Action));
        Assert.Equal((EvaluationState.GoalApproval, EvaluationState.GoalAcceptance), (h.From, h.To));
        Assert.Equal("Bien formuladas", h.Comment);
        Assert.Single(e.Versions); // approving does not change the goals: no new version
        Assert.Empty(e.LastChanges(EvaluationStep.Goals));
    }

    [Fact]
    public void Approving_without_a_comment_records_none()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertOk(e.ApproveGoals(Jefe, OnGoalDay(), "   "));
        Assert.Null(e.History[^1].Comment);
    }

    [Fact]
    public void Accepting_agrees_the_goals_and_starts_the_first_follow_up()
    {
        var e = At(EvaluationState.GoalAcceptance);
        Assert.False(e.State.GoalsAgreed());

        AssertOk(e.AcceptGoals(Evaluado, OnGoalDay()));

        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        Assert.True(e.State.GoalsAgreed());
        var h = e.History[^1];
        Assert.Equal((ActorRole.Evaluado, EvaluationAction.Accept, EvaluationState.GoalAcceptance, EvaluationState.SelfEvaluationI), (h.Role, h.Action, h.From, h.To));
        Assert.Equal([EvaluationAction.Submit, EvaluationAction.Approve, EvaluationAction.Accept], e.History.Select(x => x.Action));
        Assert.Equal([1, 2, 3], e.History.Select(x => x.Sequence));
    }

    [Fact]
    public void Rejecting_with_a_reason_returns_to_formulation_and_keeps_the_goals_to_fix()
    {
        var e = At(EvaluationState.GoalApproval);

        AssertOk(e.RejectGoals(Jefe, "  La meta 2 no tiene resultado medible  ", OnGoalDay()));

        Assert.Equal(EvaluationState.GoalFormulation, e.State);
        Assert.Equal(WaitingOn.Evaluado, e.WaitingOn);
        var h = e.History[^1];
        Assert.Equal((ActorRole.Evaluator, EvaluationAction.Reject, EvaluationState.GoalApproval, EvaluationState.GoalFormulation), (h.Role, h.Action, h.From, h.To));
        Assert.Equal("La meta 2 no tiene resultado medible", h.Comment);
        Assert.Equal(Numbered(Goals503020()), e.OrderedGoals);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Rejecting_needs_a_written_reason(string? reason)
    {
        var e = At(EvaluationState.GoalApproval);
        AssertRefusedUnchanged(e, x => x.RejectGoals(Jefe, reason, OnGoalDay()), "Escriba el motivo del rechazo.");
        Assert.Equal("Reason", e.RejectGoals(Jefe, reason, OnGoalDay()).Errors.Single().Field);
    }

    [Fact]
    public void A_reason_longer_than_2000_characters_is_refused()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertRefusedUnchanged(e, x => x.RejectGoals(Jefe, new string('x', 2001), OnGoalDay()), "El motivo admite máximo 2000 caracteres.");
        AssertOk(e.RejectGoals(Jefe, new string('x', 2000), OnGoalDay()));
    }

    [Fact]
    public void Not_accepting_with_a_reason_returns_to_formulation()
    {
        var e = At(EvaluationState.GoalAcceptance);

        AssertOk(e.NotAcceptGoals(Evaluado, "El peso de la meta 1 es excesivo", OnGoalDay()));

        Assert.Equal(EvaluationState.GoalFormulation, e.State);
        var h = e.History[^1];
        Assert.Equal((ActorRole.Evaluado, EvaluationAction.NotAccept, EvaluationState.GoalAcceptance, EvaluationState.GoalFormulation), (h.Role, h.Action, h.From, h.To));
        Assert.Equal("El peso de la meta 1 es excesivo", h.Comment);
        Assert.Equal(1, e.NotAccepted(EvaluationStep.Goals));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Not_accepting_needs_a_written_reason(string? reason)
    {
        var e = At(EvaluationState.GoalAcceptance);
        AssertRefusedUnchanged(e, x => x.NotAcceptGoals(Evaluado, reason, OnGoalDay()), "Escriba el motivo por el que no acepta.");
    }

    [Fact]
    public void Modifying_with_a_justification_per_changed_field_goes_to_acceptance_and_shows_before_and_after()
    {
        var e = At(EvaluationState.GoalApproval);
        var modified = e.OrderedGoals.ToList();
        modified[0] = modified[0] with { Weight = 40 };
        modified[1] = modified[1] with { Weight = 40, Description = "Actualizar y publicar los procedimientos de contratación" };
        var justifications = new Dictionary<string, string>
        {
            ["1.Weight"] = "La meta 1 depende de otra dependencia",
            ["2.Weight"] = "Es prioridad de la Secretaría General",
            ["2.Description"] = "  Debe quedar publicado  ",
        };

        AssertOk(e.ModifyGoals(Jefe, modified, justifications, OnGoalDay()));

        Assert.Equal(EvaluationState.GoalAcceptance, e.State);
        Assert.Equal([40, 40, 20], e.OrderedGoals.Select(g => g.Weight));
        var h = e.History[^1];
        Assert.Equal(("Bruno Jefe", ActorRole.Evaluator, EvaluationAction.Modify, EvaluationState.GoalApproval, EvaluationState.GoalAcceptance), (h.ActorName, h.Role, h.Action, h.From, h.To));
        Assert.Equal("3 cambio(s) justificados", h.Comment);

        Assert.Equal(2, e.Versions.Count);
        var v = e.Versions[^1];
        Assert.Equal((VersionKind.Modification, 1, "Bruno Jefe", EvaluationStep.Goals), (v.Kind, v.Round, v.ActorName, v.Step));
        Assert.Equal(e.OrderedGoals, e.GoalsOf(v));
        Assert.Equal(Numbered(Goals503020()), e.GoalsOf(e.Versions[0])); // the proposal is kept as it was

        var changes = e.LastChanges(EvaluationStep.Goals);
        Assert.Equal(ChangesOf(v), changes);
        Assert.Equal(
            [
                new FieldChange(1, "Weight", "50", "40", "La meta 1 depende de otra dependencia"),
                new FieldChange(2, "Description", "Actualizar los procedimientos del proceso de contratación", "Actualizar y publicar los procedimientos de contratación", "Debe quedar publicado"),
                new FieldChange(2, "Weight", "30", "40", "Es prioridad de la Secretaría General"),
            ],
            changes);
        Assert.Equal(["Peso", "Descripción", "Peso"], changes.Select(c => c.FieldLabel));
    }

    [Fact]
    public void Modifying_can_change_every_field_and_each_change_shows_its_spanish_label()
    {
        var e = At(EvaluationState.GoalApproval);
        var modified = e.OrderedGoals.ToList();
        modified[2] = modified[2] with
        {
            ExpectedEvidence = "Listas de asistencia",
            AgreedFirstFollowUpPercent = 30,
            DueDate = new DateOnly(2026, 11, 30),
            PlanItemId = 12,
        };
        var why = new Dictionary<string, string>
        {
            ["3.ExpectedEvidence"] = "a",
            ["3.AgreedFirstFollowUpPercent"] = "b",
            ["3.DueDate"] = "c",
            ["3.PlanItemId"] = "d",
        };

        AssertOk(e.ModifyGoals(Jefe, modified, why, OnGoalDay()));

        var changes = e.LastChanges(EvaluationStep.Goals);
        Assert.Equal(
            [
                ("Evidencia esperada", "Informe trimestral", "Listas de asistencia"),
                ("% pactado para el primer seguimiento", "0", "30"),
                ("Fecha de cumplimiento", "15/12/2026", "30/11/2026"),
                ("Ítem del plan institucional", null, "Ítem n.º 12"), // no label snapshot: shown by its number
            ],
            changes.Select(c => (c.FieldLabel, c.Before, c.After)));
    }

    [Fact]
    public void Modifying_can_add_and_remove_goals_justifying_each_whole_goal()
    {
        var e = At(EvaluationState.GoalApproval);
        List<Goal> modified =
        [
            e.OrderedGoals[0],
            e.OrderedGoals[1] with { Weight = 20 },
            G("Documentar las lecciones aprendidas del proceso", 30) with { Number = 0 }, // a new goal (no number yet)
        ];
        var why = new Dictionary<string, string>
        {
            ["2.Weight"] = "Se redistribuye",
            ["3.Goal"] = "La meta 3 ya la cumple otro grupo",
            ["4.Goal"] = "Se incluye una meta del plan de acción",
        };

        AssertOk(e.ModifyGoals(Jefe, modified, why, OnGoalDay()));

        Assert.Equal([1, 2, 4], e.OrderedGoals.Select(g => g.Number));
        var changes = e.LastChanges(EvaluationStep.Goals);
        Assert.Contains(changes, c => c is { GoalNumber: 3, Field: "Goal", After: null } && c.Before == "Capacitar a los supervisores de contratos en el manual vigente" && c.FieldLabel == "Meta completa");
        Assert.Contains(changes, c => c is { GoalNumber: 4, Field: "Goal", Before: null } && c.After == "Documentar las lecciones aprendidas del proceso");
    }

    [Fact]
    public void Modifying_without_justifying_a_changed_field_is_refused_naming_the_goal_and_field()
    {
        var e = At(EvaluationState.GoalApproval);
        var modified = e.OrderedGoals.ToList();
        modified[0] = modified[0] with { Weight = 40 };
        modified[1] = modified[1] with { Weight = 40 };
        var onlyOne = new Dictionary<string, string> { ["1.Weight"] = "Motivo", ["2.Weight"] = "   " };

        var outcome = e.ModifyGoals(Jefe, modified, onlyOne, OnGoalDay());

        AssertRefused(outcome, "Meta 2: justifique el cambio de «Peso».");
        Assert.Equal("Justifications[2.Weight]", Assert.Single(outcome.Errors).Field);
        Assert.Equal(EvaluationState.GoalApproval, e.State);
        Assert.Equal(Numbered(Goals503020()), e.OrderedGoals);
        Assert.Single(e.Versions);
    }

    [Fact]
    public void Modifying_with_two_goals_under_one_number_is_refused_so_no_change_goes_unseen()
    {
        var e = At(EvaluationState.GoalApproval);
        // Goal 3 is replaced by a second "goal 2": without the check, the new goal would be stored unjustified
        // and the evaluado would only see that goal 3 was removed.
        List<Goal> modified = [e.OrderedGoals[0], e.OrderedGoals[1], G("Meta nueva escondida", 20) with { Number = 2 }];
        var why = new Dictionary<string, string> { ["3.Goal"] = "Se retira" };

        AssertRefusedUnchanged(e, x => x.ModifyGoals(Jefe, modified, why, OnGoalDay()), "La meta 2 aparece más de una vez.");
    }

    [Fact]
    public void Modifying_with_no_change_is_refused_pointing_to_approve()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertRefusedUnchanged(e, x => x.ModifyGoals(Jefe, x.OrderedGoals, new Dictionary<string, string>(), OnGoalDay()),
            "No cambió ninguna meta: si está de acuerdo, use «Aprobar».");
    }

    [Fact]
    public void Modifying_is_validated_like_a_submission()
    {
        var e = At(EvaluationState.GoalApproval);
        var modified = e.OrderedGoals.ToList();
        modified[0] = modified[0] with { Weight = 60 };
        AssertRefusedUnchanged(e, x => x.ModifyGoals(Jefe, modified, new Dictionary<string, string> { ["1.Weight"] = "Más peso" }, OnGoalDay()),
            "La suma de los pesos debe ser 100 %");
    }

    [Fact]
    public void The_full_round_trip_reject_fix_modify_not_accept_fix_approve_accept_keeps_every_round()
    {
        var e = NewEvaluation();
        var ctx = OnGoalDay();

        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), ctx));                       // round 1
        AssertOk(e.RejectGoals(Jefe, "Faltan resultados medibles", ctx));
        AssertOk(e.SubmitGoals(Evaluado, Goals333334(), ctx));                       // round 2
        var modified = e.OrderedGoals.Select(g => g.Number == 3 ? g with { ExpectedEvidence = "Tablero publicado" } : g).ToList();
        AssertOk(e.ModifyGoals(Jefe, modified, new Dictionary<string, string> { ["3.ExpectedEvidence"] = "Evidencia verificable" }, ctx));
        AssertOk(e.NotAcceptGoals(Evaluado, "La evidencia no depende de mí", ctx));
        AssertOk(e.SubmitGoals(Evaluado, Goals333334(), ctx));                       // round 3
        AssertOk(e.ApproveGoals(Jefe, ctx));
        AssertOk(e.AcceptGoals(Evaluado, ctx));

        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        Assert.Equal([EvaluationAction.Submit, EvaluationAction.Reject, EvaluationAction.Submit, EvaluationAction.Modify, EvaluationAction.NotAccept, EvaluationAction.Submit, EvaluationAction.Approve, EvaluationAction.Accept], e.History.Select(h => h.Action));
        Assert.Equal(
            [
                (VersionKind.Proposal, 1), (VersionKind.Proposal, 2), (VersionKind.Modification, 2), (VersionKind.Proposal, 3),
            ],
            e.Versions.Select(v => (v.Kind, v.Round)));
        Assert.Equal([1, 2, 3, 4], e.Versions.Select(v => v.Sequence));
        Assert.Equal(3, e.Rounds(EvaluationStep.Goals));
        Assert.Equal(Numbered(Goals503020()), e.GoalsOf(e.Versions[0]));
        Assert.Equal("Tablero publicado", e.GoalsOf(e.Versions[2])[2].ExpectedEvidence);
        Assert.Equal(Numbered(Goals333334()), e.OrderedGoals);
        Assert.Equal(1, e.NotAccepted(EvaluationStep.Goals));
        // The history is a chain: each step starts where the previous one ended.
        Assert.All(e.History.Zip(e.History.Skip(1)), p => Assert.Equal(p.First.To, p.Second.From));
    }

    [Fact]
    public void After_a_modification_and_a_new_proposal_the_last_changes_are_empty()
    {
        var e = At(EvaluationState.GoalApproval);
        var modified = e.OrderedGoals.Select(g => g.Number == 1 ? g with { Description = "Otra" } : g).ToList();
        AssertOk(e.ModifyGoals(Jefe, modified, new Dictionary<string, string> { ["1.Description"] = "Más clara" }, OnGoalDay()));
        Assert.Single(e.LastChanges(EvaluationStep.Goals));

        AssertOk(e.NotAcceptGoals(Evaluado, "No", OnGoalDay()));
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));

        Assert.Empty(e.LastChanges(EvaluationStep.Goals));
    }

    // ------------------------------------------------------------------ wrong actor

    [Fact]
    public void The_evaluado_cannot_approve_reject_or_modify_their_own_goals()
    {
        var e = At(EvaluationState.GoalApproval);
        const string own = "Usted no puede aprobar, rechazar ni modificar su propia evaluación: lo hace su evaluador.";

        AssertRefusedUnchanged(e, x => x.ApproveGoals(Evaluado, OnGoalDay()), own);
        AssertRefusedUnchanged(e, x => x.RejectGoals(Evaluado, "motivo", OnGoalDay()), own);
        var modified = e.OrderedGoals.Select(g => g.Number == 1 ? g with { Description = "Otra" } : g).ToList();
        AssertRefusedUnchanged(e, x => x.ModifyGoals(Evaluado, modified, new Dictionary<string, string> { ["1.Description"] = "x" }, OnGoalDay()), own);
    }

    [Fact]
    public void Another_jefe_cannot_approve_reject_or_modify()
    {
        var e = At(EvaluationState.GoalApproval);
        const string only = "Solo el evaluador de esta evaluación puede hacer esto.";

        AssertRefusedUnchanged(e, x => x.ApproveGoals(OtherJefe, OnGoalDay()), only);
        AssertRefusedUnchanged(e, x => x.RejectGoals(OtherJefe, "motivo", OnGoalDay()), only);
        AssertRefusedUnchanged(e, x => x.ModifyGoals(OtherJefe, x.OrderedGoals, new Dictionary<string, string>(), OnGoalDay()), only);
    }

    [Fact]
    public void Talento_Humano_cannot_act_as_the_evaluator()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertRefusedUnchanged(e, x => x.ApproveGoals(TalentoHumano, OnGoalDay()), "Solo el evaluador de esta evaluación puede hacer esto.");
        AssertRefusedUnchanged(e, x => x.RejectGoals(TalentoHumano, "motivo", OnGoalDay()), "Solo el evaluador de esta evaluación puede hacer esto.");
    }

    [Fact]
    public void Talento_Humano_cannot_formulate_or_accept_for_the_evaluado()
    {
        var e = NewEvaluation();
        AssertRefusedUnchanged(e, x => x.SubmitGoals(TalentoHumano, Goals503020(), OnGoalDay()), "Solo el evaluado puede hacer esto en su propia evaluación.");
        e = At(EvaluationState.GoalAcceptance);
        AssertRefusedUnchanged(e, x => x.AcceptGoals(TalentoHumano, OnGoalDay()), "Solo el evaluado puede hacer esto en su propia evaluación.");
    }

    [Fact]
    public void The_evaluator_cannot_formulate_save_or_accept_the_goals()
    {
        var e = NewEvaluation();
        const string onlyEvaluado = "Solo el evaluado puede hacer esto en su propia evaluación.";

        AssertRefusedUnchanged(e, x => x.SaveGoals(Jefe, Goals503020(), OnGoalDay()), onlyEvaluado);
        AssertRefusedUnchanged(e, x => x.SubmitGoals(Jefe, Goals503020(), OnGoalDay()), onlyEvaluado);

        e = At(EvaluationState.GoalAcceptance);
        AssertRefusedUnchanged(e, x => x.AcceptGoals(Jefe, OnGoalDay()), onlyEvaluado);
        AssertRefusedUnchanged(e, x => x.NotAcceptGoals(Jefe, "motivo", OnGoalDay()), onlyEvaluado);
    }

    [Fact]
    public void A_jefe_who_is_evaluated_by_themself_is_never_their_own_evaluator()
    {
        // Data error: the evaluator is the evaluado (e.g. the head of the entity). Still, nobody approves their own goals.
        var e = Evaluation.Open(PeriodId, EvaluadoId, EvaluadoId, DateTime.UtcNow);
        Assert.False(e.IsCurrentEvaluator(Evaluado));
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));
        AssertRefused(e.ApproveGoals(Evaluado, OnGoalDay()), "Usted no puede aprobar");
    }

    // ------------------------------------------------------------------ wrong state

    [Fact]
    public void Approving_rejecting_or_modifying_while_in_formulation_is_refused()
    {
        var e = NewEvaluation();
        AssertOk(e.SaveGoals(Evaluado, Goals503020(), OnGoalDay()));
        const string msg = "La evaluación está en «Formulación de metas»: esta acción corresponde a «Aprobación de metas».";

        AssertRefusedUnchanged(e, x => x.ApproveGoals(Jefe, OnGoalDay()), msg);
        AssertRefusedUnchanged(e, x => x.RejectGoals(Jefe, "motivo", OnGoalDay()), msg);
        AssertRefusedUnchanged(e, x => x.ModifyGoals(Jefe, Goals333334(), new Dictionary<string, string>(), OnGoalDay()), msg);
    }

    [Fact]
    public void Accepting_or_not_accepting_while_in_approval_is_refused()
    {
        var e = At(EvaluationState.GoalApproval);
        const string msg = "La evaluación está en «Aprobación de metas»: esta acción corresponde a «Aceptación de metas».";

        AssertRefusedUnchanged(e, x => x.AcceptGoals(Evaluado, OnGoalDay()), msg);
        AssertRefusedUnchanged(e, x => x.NotAcceptGoals(Evaluado, "motivo", OnGoalDay()), msg);
    }

    [Fact]
    public void Submitting_or_saving_while_in_approval_or_after_agreement_is_refused()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertRefusedUnchanged(e, x => x.SubmitGoals(Evaluado, Goals333334(), OnGoalDay()), "esta acción corresponde a «Formulación de metas»");
        AssertRefusedUnchanged(e, x => x.SaveGoals(Evaluado, Goals333334(), OnGoalDay()), "esta acción corresponde a «Formulación de metas»");

        e = At(EvaluationState.SelfEvaluationI);
        AssertRefusedUnchanged(e, x => x.SubmitGoals(Evaluado, Goals333334(), OnGoalDay()), "La evaluación está en «Autoevaluación I»");
        AssertRefusedUnchanged(e, x => x.ApproveGoals(Jefe, OnGoalDay()), "La evaluación está en «Autoevaluación I»");
        AssertRefusedUnchanged(e, x => x.AcceptGoals(Evaluado, OnGoalDay()), "La evaluación está en «Autoevaluación I»");
    }

    [Fact]
    public void Wrong_actor_is_reported_before_wrong_state()
    {
        var e = NewEvaluation();
        AssertRefused(e.ApproveGoals(Evaluado, OnGoalDay()), "Usted no puede aprobar, rechazar ni modificar su propia evaluación");
        AssertRefused(e.AcceptGoals(Jefe, OnGoalDay()), "Solo el evaluado puede hacer esto");
    }
}
