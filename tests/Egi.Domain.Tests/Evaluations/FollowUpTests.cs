using System.Text.Json;
using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>Activities 8–15: self-evaluations I and II, their approval and acceptance, competencies and the final acceptance.</summary>
public class FollowUpTests
{
    private static List<GoalProgress> ProgressOfVersion(EvaluationVersion v) => JsonSerializer.Deserialize<List<GoalProgress>>(v.ContentJson)!;

    // ------------------------------------------------------------------ self-evaluation I (8–10)

    [Fact]
    public void Submitting_self_evaluation_I_moves_to_its_approval_and_keeps_the_proposal()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var ctx = OnFollowUpIDay();
        var progress = ProgressFor(e, 45, "  Se entregó el borrador del plan  ");

        AssertOk(e.SubmitSelfEvaluation(Evaluado, 1, progress, ctx));

        Assert.Equal(EvaluationState.SelfEvaluationIApproval, e.State);
        Assert.Equal(WaitingOn.Evaluator, e.WaitingOn);
        var stored = e.ProgressOf(1);
        Assert.Equal([1, 2, 3], stored.Select(p => p.GoalNumber));
        Assert.All(stored, p => Assert.Equal((1, 45, "Se entregó el borrador del plan"), (p.FollowUp, p.AchievedPercent, p.Narrative)));
        Assert.Empty(e.ProgressOf(2));

        var h = e.History[^1];
        Assert.Equal((ActorRole.Evaluado, EvaluationAction.Submit, EvaluationState.SelfEvaluationI, EvaluationState.SelfEvaluationIApproval), (h.Role, h.Action, h.From, h.To));
        var v = e.Versions[^1];
        Assert.Equal((EvaluationStep.FollowUpI, 1, VersionKind.Proposal), (v.Step, v.Round, v.Kind));
        Assert.Equal(stored, ProgressOfVersion(v));
        Assert.Equal(1, e.Rounds(EvaluationStep.FollowUpI));
        Assert.Equal(1, e.Rounds(EvaluationStep.Goals));
    }

    [Fact]
    public void Saving_self_evaluation_I_as_draft_keeps_partial_progress_without_changing_state()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var history = e.History.Count;

        AssertOk(e.SaveSelfEvaluation(Evaluado, 1, [new GoalProgress { GoalNumber = 2, AchievedPercent = 10 }], OnFollowUpIDay()));

        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        Assert.Equal(history, e.History.Count);
        Assert.Equal((2, 10, ""), e.ProgressOf(1).Select(p => (p.GoalNumber, p.AchievedPercent, p.Narrative)).Single());
        // ...but submitting it is refused: every goal needs its progress and narrative.
        AssertRefusedUnchanged(e, x => x.SubmitSelfEvaluation(Evaluado, 1, [new GoalProgress { GoalNumber = 2, AchievedPercent = 10 }], OnFollowUpIDay()),
            "Reporte el avance de todas las metas.");
    }

    [Fact]
    public void Approving_self_evaluation_I_goes_to_its_acceptance_and_accepting_starts_self_evaluation_II()
    {
        var e = At(EvaluationState.SelfEvaluationIApproval);

        AssertOk(e.ApproveSelfEvaluation(Jefe, 1, OnFollowUpIDay(), "Buen avance"));
        Assert.Equal(EvaluationState.SelfEvaluationIAcceptance, e.State);
        Assert.Equal((ActorRole.Evaluator, EvaluationAction.Approve, "Buen avance"), (e.History[^1].Role, e.History[^1].Action, e.History[^1].Comment));

        AssertOk(e.AcceptSelfEvaluation(Evaluado, OnFollowUpIDay()));
        Assert.Equal(EvaluationState.SelfEvaluationII, e.State);
        var h = e.History[^1];
        Assert.Equal((ActorRole.Evaluado, EvaluationAction.Accept, EvaluationState.SelfEvaluationIAcceptance, EvaluationState.SelfEvaluationII), (h.Role, h.Action, h.From, h.To));
    }

    [Fact]
    public void Rejecting_self_evaluation_I_returns_it_to_the_evaluado_with_the_reason()
    {
        var e = At(EvaluationState.SelfEvaluationIApproval);

        AssertRefusedUnchanged(e, x => x.RejectSelfEvaluation(Jefe, 1, " ", OnFollowUpIDay()), "Escriba el motivo del rechazo.");
        AssertOk(e.RejectSelfEvaluation(Jefe, 1, "Faltan los soportes de la meta 2", OnFollowUpIDay()));

        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        var h = e.History[^1];
        Assert.Equal((EvaluationAction.Reject, EvaluationState.SelfEvaluationIApproval, EvaluationState.SelfEvaluationI, "Faltan los soportes de la meta 2"), (h.Action, h.From, h.To, h.Comment));
        Assert.Equal(3, e.ProgressOf(1).Count); // what was reported is kept to be corrected
    }

    [Fact]
    public void Not_accepting_self_evaluation_I_returns_it_to_the_evaluado_and_counts_as_disagreement_on_that_step()
    {
        var e = At(EvaluationState.SelfEvaluationIAcceptance);

        AssertRefusedUnchanged(e, x => x.NotAcceptSelfEvaluation(Evaluado, null, OnFollowUpIDay()), "Escriba el motivo por el que no acepta.");
        AssertOk(e.NotAcceptSelfEvaluation(Evaluado, "El jefe no vio el informe de marzo", OnFollowUpIDay()));

        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        Assert.Equal((ActorRole.Evaluado, EvaluationAction.NotAccept), (e.History[^1].Role, e.History[^1].Action));
        Assert.Equal(1, e.NotAccepted(EvaluationStep.FollowUpI));
        Assert.Equal(0, e.NotAccepted(EvaluationStep.Goals));
        Assert.Equal(0, e.NotAccepted(EvaluationStep.FollowUpII));
    }

    [Fact]
    public void Modifying_self_evaluation_I_records_before_after_and_justification_per_field()
    {
        var e = At(EvaluationState.SelfEvaluationIApproval);
        var modified = e.ProgressOf(1).Select(p => p.GoalNumber == 2 ? p with { AchievedPercent = 40, Narrative = "Avance verificado en comité" } : p).ToList();
        var why = new Dictionary<string, string>
        {
            ["2.AchievedPercent"] = "El acta de marzo muestra 40 %",
            ["2.Narrative"] = "Se precisa el relato",
        };

        AssertOk(e.ModifySelfEvaluation(Jefe, 1, modified, why, OnFollowUpIDay()));

        Assert.Equal(EvaluationState.SelfEvaluationIAcceptance, e.State);
        Assert.Equal((EvaluationAction.Modify, "2 cambio(s) justificados"), (e.History[^1].Action, e.History[^1].Comment));
        Assert.Equal(40, e.ProgressOf(1).Single(p => p.GoalNumber == 2).AchievedPercent);
        var v = e.Versions[^1];
        Assert.Equal((EvaluationStep.FollowUpI, 1, VersionKind.Modification), (v.Step, v.Round, v.Kind));
        var changes = e.LastChanges(EvaluationStep.FollowUpI);
        Assert.Equal(
            [
                new FieldChange(2, "AchievedPercent", "60", "40", "El acta de marzo muestra 40 %"),
                new FieldChange(2, "Narrative", "Avance según el cronograma, con actas y soportes.", "Avance verificado en comité", "Se precisa el relato"),
            ],
            changes);
        // The evaluado reads the change with the field's Spanish name.
        Assert.Equal(["% logrado", "Relato del avance"], changes.Select(c => c.FieldLabel));
        // The proposal stays as the evaluado sent it.
        Assert.All(ProgressOfVersion(e.Versions.Single(x => x.Step == EvaluationStep.FollowUpI && x.Kind == VersionKind.Proposal)),
            p => Assert.Equal(60, p.AchievedPercent));
    }

    [Fact]
    public void Modifying_a_self_evaluation_without_justification_or_without_change_is_refused()
    {
        var e = At(EvaluationState.SelfEvaluationIApproval);
        var modified = e.ProgressOf(1).Select(p => p.GoalNumber == 1 ? p with { AchievedPercent = 10 } : p).ToList();

        var outcome = e.ModifySelfEvaluation(Jefe, 1, modified, new Dictionary<string, string>(), OnFollowUpIDay());
        AssertRefused(outcome, "Meta 1: justifique el cambio de «% logrado».");
        Assert.Equal("Justifications[1.AchievedPercent]", outcome.Errors.Single().Field);

        AssertRefusedUnchanged(e, x => x.ModifySelfEvaluation(Jefe, 1, x.ProgressOf(1), new Dictionary<string, string>(), OnFollowUpIDay()),
            "No cambió nada: si está de acuerdo, use «Aprobar».");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_percent_achieved_outside_0_to_100_is_refused(int percent)
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var progress = ProgressFor(e);
        progress[1] = progress[1] with { AchievedPercent = percent };

        var outcome = e.SubmitSelfEvaluation(Evaluado, 1, progress, OnFollowUpIDay());

        AssertRefused(outcome, "Meta 2: el porcentaje logrado debe estar entre 0 y 100.");
        Assert.Equal("Progress[1].AchievedPercent", outcome.Errors.Single().Field);
        AssertRefused(e.SaveSelfEvaluation(Evaluado, 1, progress, OnFollowUpIDay()), "Meta 2: el porcentaje logrado debe estar entre 0 y 100.");
        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        Assert.Empty(e.ProgressOf(1));
    }

    [Fact]
    public void Zero_and_one_hundred_percent_are_valid()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var progress = ProgressFor(e);
        progress[0] = progress[0] with { AchievedPercent = 0 };
        progress[2] = progress[2] with { AchievedPercent = 100 };
        AssertOk(e.SubmitSelfEvaluation(Evaluado, 1, progress, OnFollowUpIDay()));
    }

    [Fact]
    public void A_missing_narrative_is_refused_on_submit_but_allowed_in_a_draft()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var progress = ProgressFor(e);
        progress[2] = progress[2] with { Narrative = "   " };

        var outcome = e.SubmitSelfEvaluation(Evaluado, 1, progress, OnFollowUpIDay());
        AssertRefused(outcome, "Meta 3: describa el avance logrado.");
        Assert.Equal("Progress[2].Narrative", outcome.Errors.Single().Field);

        AssertOk(e.SaveSelfEvaluation(Evaluado, 1, progress, OnFollowUpIDay()));
    }

    [Fact]
    public void Progress_for_an_unknown_goal_twice_for_one_goal_or_with_a_too_long_narrative_is_refused()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var progress = ProgressFor(e);

        AssertRefused(e.SubmitSelfEvaluation(Evaluado, 1, [.. progress, new GoalProgress { GoalNumber = 9, AchievedPercent = 5, Narrative = "x" }], OnFollowUpIDay()),
            "La meta 9 no existe en esta evaluación.");
        AssertRefused(e.SubmitSelfEvaluation(Evaluado, 1, [.. progress, progress[0]], OnFollowUpIDay()), "Cada meta se reporta una sola vez.");
        progress[0] = progress[0] with { Narrative = new string('n', GoalProgress.NarrativeMax + 1) };
        AssertRefused(e.SubmitSelfEvaluation(Evaluado, 1, progress, OnFollowUpIDay()), "Meta 1: el relato admite máximo 4000 caracteres.");
        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
    }

    [Fact]
    public void The_wrong_people_and_states_are_refused_in_the_first_follow_up()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        AssertRefusedUnchanged(e, x => x.SubmitSelfEvaluation(Jefe, 1, ProgressFor(x), OnFollowUpIDay()), "Solo el evaluado puede hacer esto");
        AssertRefusedUnchanged(e, x => x.ApproveSelfEvaluation(Jefe, 1, OnFollowUpIDay()),
            "La evaluación está en «Autoevaluación I»: esta acción corresponde a «Aprobación de la evaluación I».");

        e = At(EvaluationState.SelfEvaluationIApproval);
        AssertRefusedUnchanged(e, x => x.ApproveSelfEvaluation(Evaluado, 1, OnFollowUpIDay()), "Usted no puede aprobar, rechazar ni modificar su propia evaluación");
        AssertRefusedUnchanged(e, x => x.ApproveSelfEvaluation(OtherJefe, 1, OnFollowUpIDay()), "Solo el evaluador de esta evaluación puede hacer esto.");
        AssertRefusedUnchanged(e, x => x.ApproveSelfEvaluation(TalentoHumano, 1, OnFollowUpIDay()), "Solo el evaluador de esta evaluación puede hacer esto.");
        AssertRefusedUnchanged(e, x => x.AcceptSelfEvaluation(Evaluado, OnFollowUpIDay()), "esta acción corresponde a «Aceptación de la evaluación I»");
        AssertRefusedUnchanged(e, x => x.ApproveSelfEvaluation(Jefe, 2, OnFollowUpIDay()), "esta acción corresponde a «Aprobación de la evaluación II»");

        e = At(EvaluationState.SelfEvaluationIAcceptance);
        AssertRefusedUnchanged(e, x => x.AcceptSelfEvaluation(Jefe, OnFollowUpIDay()), "Solo el evaluado puede hacer esto");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void A_follow_up_other_than_1_or_2_is_refused_and_never_treated_as_the_second(int followUp)
    {
        var e = At(EvaluationState.SelfEvaluationIIApproval);
        AssertRefusedUnchanged(e, x => x.ApproveSelfEvaluation(Jefe, followUp, OnFollowUpIIDay()), "El seguimiento debe ser 1 o 2.");
        AssertRefusedUnchanged(e, x => x.RejectSelfEvaluation(Jefe, followUp, "motivo", OnFollowUpIIDay()), "El seguimiento debe ser 1 o 2.");

        e = At(EvaluationState.SelfEvaluationII);
        AssertRefusedUnchanged(e, x => x.SaveSelfEvaluation(Evaluado, followUp, ProgressFor(x), OnFollowUpIIDay()), "El seguimiento debe ser 1 o 2.");
        AssertRefusedUnchanged(e, x => x.SubmitSelfEvaluation(Evaluado, followUp, ProgressFor(x), OnFollowUpIIDay()), "El seguimiento debe ser 1 o 2.");
    }

    // ------------------------------------------------------------------ self-evaluation II, competencies, final (12–15)

    [Fact]
    public void Self_evaluation_II_goes_through_approval_to_competency_rating_keeping_the_first_follow_up()
    {
        var e = At(EvaluationState.SelfEvaluationII);
        var ctx = OnFollowUpIIDay();

        AssertOk(e.SubmitSelfEvaluation(Evaluado, 2, ProgressFor(e, 100, "Meta cumplida"), ctx));
        Assert.Equal(EvaluationState.SelfEvaluationIIApproval, e.State);
        Assert.Equal((VersionKind.Proposal, EvaluationStep.FollowUpII, 1), (e.Versions[^1].Kind, e.Versions[^1].Step, e.Versions[^1].Round));

        AssertOk(e.ApproveSelfEvaluation(Jefe, 2, ctx));
        Assert.Equal(EvaluationState.CompetencyRating, e.State);
        Assert.Equal(WaitingOn.Evaluator, e.WaitingOn);
        Assert.Equal((EvaluationState.SelfEvaluationIIApproval, EvaluationState.CompetencyRating), (e.History[^1].From, e.History[^1].To));

        Assert.All(e.ProgressOf(1), p => Assert.Equal(60, p.AchievedPercent));
        Assert.All(e.ProgressOf(2), p => Assert.Equal(100, p.AchievedPercent));
    }

    [Fact]
    public void Modifying_self_evaluation_II_also_goes_to_competency_rating()
    {
        var e = At(EvaluationState.SelfEvaluationIIApproval);
        var modified = e.ProgressOf(2).Select(p => p.GoalNumber == 3 ? p with { AchievedPercent = 80 } : p).ToList();

        AssertOk(e.ModifySelfEvaluation(Jefe, 2, modified, new Dictionary<string, string> { ["3.AchievedPercent"] = "Faltó una capacitación" }, OnFollowUpIIDay()));

        Assert.Equal(EvaluationState.CompetencyRating, e.State);
        Assert.Equal(new FieldChange(3, "AchievedPercent", "95", "80", "Faltó una capacitación"), e.LastChanges(EvaluationStep.FollowUpII).Single());
    }

    [Fact]
    public void Rejecting_self_evaluation_II_returns_to_self_evaluation_II()
    {
        var e = At(EvaluationState.SelfEvaluationIIApproval);
        AssertOk(e.RejectSelfEvaluation(Jefe, 2, "Adjunte el informe final", OnFollowUpIIDay()));
        Assert.Equal(EvaluationState.SelfEvaluationII, e.State);
        Assert.Equal((EvaluationState.SelfEvaluationIIApproval, EvaluationState.SelfEvaluationII), (e.History[^1].From, e.History[^1].To));
    }

    [Fact]
    public void Rating_every_applicable_competency_moves_to_the_final_acceptance()
    {
        var e = At(EvaluationState.CompetencyRating);
        var scores = Scores(3);
        scores[0] = scores[0] with { Comment = "  Muy constante  " };
        scores[1] = scores[1] with { Comment = "   " };

        AssertOk(e.RateCompetencies(Jefe, scores, Applicable, OnFollowUpIIDay()));

        Assert.Equal(EvaluationState.FinalAcceptance, e.State);
        Assert.Equal(WaitingOn.Evaluado, e.WaitingOn);
        Assert.Equal(6, e.Competencies.Count);
        Assert.All(e.Competencies, c => Assert.Equal(3, c.Value));
        Assert.Equal("Muy constante", e.Competencies[0].Comment);
        Assert.Null(e.Competencies[1].Comment);
        var h = e.History[^1];
        Assert.Equal((ActorRole.Evaluator, EvaluationAction.RateCompetencies, EvaluationState.CompetencyRating, EvaluationState.FinalAcceptance), (h.Role, h.Action, h.From, h.To));
    }

    [Fact]
    public void Rating_a_competency_that_does_not_apply_is_refused()
    {
        var e = At(EvaluationState.CompetencyRating);
        var scores = Scores().Append(new CompetencyScore { Competency = "Visión estratégica", Value = 4 }).ToList();
        AssertRefusedUnchanged(e, x => x.RateCompetencies(Jefe, scores, Applicable, OnFollowUpIIDay()),
            "La competencia «Visión estratégica» no aplica a este empleo.");
    }

    [Fact]
    public void Leaving_an_applicable_competency_unrated_is_refused()
    {
        var e = At(EvaluationState.CompetencyRating);
        var scores = Scores().Where(s => s.Competency != "Trabajo en equipo").ToList();
        AssertRefusedUnchanged(e, x => x.RateCompetencies(Jefe, scores, Applicable, OnFollowUpIIDay()), "Califique la competencia «Trabajo en equipo».");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void A_value_off_the_scale_is_refused(int value)
    {
        var e = At(EvaluationState.CompetencyRating);
        var scores = Scores();
        scores[4] = scores[4] with { Value = value };
        AssertRefusedUnchanged(e, x => x.RateCompetencies(Jefe, scores, Applicable, OnFollowUpIIDay()), "«Trabajo en equipo»: elija un valor de la escala.");
    }

    [Fact]
    public void The_scale_is_the_periods_one()
    {
        var period = NewPeriod(s => s.CompetencyScale = [new() { Label = "No", Value = 0 }, new() { Label = "Sí", Value = 10 }]);
        var e = At(EvaluationState.CompetencyRating, period);

        AssertRefused(e.RateCompetencies(Jefe, Scores(4), Applicable, OnFollowUpIIDay(period)), "elija un valor de la escala");
        AssertOk(e.RateCompetencies(Jefe, Scores(10), Applicable, OnFollowUpIIDay(period)));
    }

    [Fact]
    public void A_competency_rated_twice_or_with_a_too_long_comment_is_refused()
    {
        var e = At(EvaluationState.CompetencyRating);
        AssertRefusedUnchanged(e, x => x.RateCompetencies(Jefe, [.. Scores(), Scores()[0]], Applicable, OnFollowUpIIDay()), "Cada competencia se califica una sola vez.");
        var scores = Scores();
        scores[0] = scores[0] with { Comment = new string('c', 2001) };
        AssertRefusedUnchanged(e, x => x.RateCompetencies(Jefe, scores, Applicable, OnFollowUpIIDay()), "Cada comentario admite máximo 2000 caracteres.");
    }

    [Fact]
    public void Rating_with_no_applicable_competency_is_refused()
    {
        var e = At(EvaluationState.CompetencyRating);
        AssertRefusedUnchanged(e, x => x.RateCompetencies(Jefe, [], [], OnFollowUpIIDay()),
            "No hay competencias que calificar para este empleo: Talento Humano debe revisar el catálogo.");
    }

    [Fact]
    public void An_approval_comment_longer_than_2000_characters_is_refused()
    {
        var e = At(EvaluationState.SelfEvaluationIApproval);
        AssertRefusedUnchanged(e, x => x.ApproveSelfEvaluation(Jefe, 1, OnFollowUpIDay(), new string('c', 2001)), "El comentario admite máximo 2000 caracteres.");
        e = At(EvaluationState.GoalApproval);
        AssertRefusedUnchanged(e, x => x.ApproveGoals(Jefe, OnGoalDay(), new string('c', 2001)), "El comentario admite máximo 2000 caracteres.");
        AssertOk(e.ApproveGoals(Jefe, OnGoalDay(), new string('c', 2000)));
    }

    [Fact]
    public void Only_the_evaluator_rates_competencies_and_only_in_that_state()
    {
        var e = At(EvaluationState.CompetencyRating);
        AssertRefusedUnchanged(e, x => x.RateCompetencies(Evaluado, Scores(), Applicable, OnFollowUpIIDay()), "Usted no puede aprobar, rechazar ni modificar su propia evaluación");
        AssertRefusedUnchanged(e, x => x.RateCompetencies(OtherJefe, Scores(), Applicable, OnFollowUpIIDay()), "Solo el evaluador");
        AssertRefusedUnchanged(e, x => x.RateCompetencies(TalentoHumano, Scores(), Applicable, OnFollowUpIIDay()), "Solo el evaluador");

        e = At(EvaluationState.SelfEvaluationIIApproval);
        AssertRefusedUnchanged(e, x => x.RateCompetencies(Jefe, Scores(), Applicable, OnFollowUpIIDay()),
            "La evaluación está en «Aprobación de la evaluación II»: esta acción corresponde a «Calificación de competencias».");
    }

    [Fact]
    public void Accepting_the_final_result_finalizes_the_evaluation()
    {
        var e = At(EvaluationState.FinalAcceptance);

        AssertOk(e.AcceptFinal(Evaluado, OnFollowUpIIDay()));

        Assert.Equal(EvaluationState.Finalized, e.State);
        Assert.True(e.IsClosed);
        Assert.Equal(WaitingOn.Nobody, e.WaitingOn);
        var h = e.History[^1];
        Assert.Equal((ActorRole.Evaluado, EvaluationAction.Accept, EvaluationState.FinalAcceptance, EvaluationState.Finalized), (h.Role, h.Action, h.From, h.To));
        Assert.Equal(
            [EvaluationAction.Submit, EvaluationAction.Approve, EvaluationAction.Accept, EvaluationAction.Submit, EvaluationAction.Approve, EvaluationAction.Accept, EvaluationAction.Submit, EvaluationAction.Approve, EvaluationAction.RateCompetencies, EvaluationAction.Accept],
            e.History.Select(x => x.Action));
        Assert.Equal(Enumerable.Range(1, 10), e.History.Select(x => x.Sequence));
        Assert.All(e.History.Zip(e.History.Skip(1)), p => Assert.Equal(p.First.To, p.Second.From));
        Assert.Equal([EvaluationStep.Goals, EvaluationStep.FollowUpI, EvaluationStep.FollowUpII], e.Versions.Select(v => v.Step));
    }

    [Fact]
    public void Not_accepting_the_final_result_returns_to_self_evaluation_II_with_the_reason()
    {
        var e = At(EvaluationState.FinalAcceptance);

        AssertRefusedUnchanged(e, x => x.NotAcceptFinal(Evaluado, "", OnFollowUpIIDay()), "Escriba el motivo por el que no acepta.");
        AssertOk(e.NotAcceptFinal(Evaluado, "La competencia Trabajo en equipo no refleja mi año", OnFollowUpIIDay()));

        Assert.Equal(EvaluationState.SelfEvaluationII, e.State);
        var h = e.History[^1];
        Assert.Equal((EvaluationAction.NotAccept, EvaluationState.FinalAcceptance, EvaluationState.SelfEvaluationII), (h.Action, h.From, h.To));
        Assert.Equal(1, e.NotAccepted(EvaluationStep.FollowUpII));

        // The evaluado may send again and the cycle continues to a new rating.
        WalkTo(e, EvaluationState.Finalized);
        Assert.Equal(2, e.Rounds(EvaluationStep.FollowUpII));
    }

    [Fact]
    public void Only_the_evaluado_accepts_the_final_result()
    {
        var e = At(EvaluationState.FinalAcceptance);
        AssertRefusedUnchanged(e, x => x.AcceptFinal(Jefe, OnFollowUpIIDay()), "Solo el evaluado puede hacer esto");
        AssertRefusedUnchanged(e, x => x.NotAcceptFinal(TalentoHumano, "motivo", OnFollowUpIIDay()), "Solo el evaluado puede hacer esto");
    }

    [Fact]
    public void Nothing_can_be_done_on_a_finalized_evaluation()
    {
        var e = At(EvaluationState.Finalized);
        AssertRefusedUnchanged(e, x => x.AcceptFinal(Evaluado, OnFollowUpIIDay()), "La evaluación está en «Finalizada»");
        AssertRefusedUnchanged(e, x => x.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()), "La evaluación está en «Finalizada»");
        AssertRefusedUnchanged(e, x => x.RateCompetencies(Jefe, Scores(), Applicable, OnFollowUpIIDay()), "La evaluación está en «Finalizada»");
        AssertRefusedUnchanged(e, x => x.ReassignEvaluator(TalentoHumano, OtherJefeId, "Cambio de jefe", DateTime.UtcNow), "La evaluación está «Finalizada»: no se reasigna.");
        AssertRefusedUnchanged(e, x => x.AssignCommittee(TalentoHumano, [Member40, Member41], Member40, "Comisión", DateTime.UtcNow), "no se reasigna");
    }
}
