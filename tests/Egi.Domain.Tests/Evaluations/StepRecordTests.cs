using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>
/// The record of a step («Reporte Excel del sistema», activities 4–6, 8–10, 12–15): every action with its round, what the
/// evaluado sent, what the evaluator answered and changed, and what the evaluado answered — from the history and versions.
/// </summary>
public class StepRecordTests
{
    [Fact]
    public void Each_action_on_the_goals_carries_the_round_of_the_sending_it_answers()
    {
        var e = NewEvaluation();
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));
        AssertOk(e.RejectGoals(Jefe, "Falta la evidencia de la meta 2", OnGoalDay()));
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));
        AssertOk(e.ApproveGoals(Jefe, OnGoalDay()));
        AssertOk(e.NotAcceptGoals(Evaluado, "Los pesos no son los acordados", OnGoalDay()));
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));

        var events = StepRecord.Events(e.History, EvaluationStep.Goals);
        Assert.Equal(
            [(1, EvaluationAction.Submit), (1, EvaluationAction.Reject), (2, EvaluationAction.Submit), (2, EvaluationAction.Approve),
             (2, EvaluationAction.NotAccept), (3, EvaluationAction.Submit)],
            events.Select(x => (x.Round, x.Event.Action)));
        Assert.Equal("Falta la evidencia de la meta 2", events[1].Event.Comment);
        // The third sending waits: no review and no answer yet (the second round's do not count for it).
        Assert.Null(StepRecord.LastReview(e.History, EvaluationStep.Goals));
        Assert.Null(StepRecord.LastAnswer(e.History, EvaluationStep.Goals));
        Assert.Empty(StepRecord.Events(e.History, EvaluationStep.FollowUpI));
    }

    [Fact]
    public void A_modification_keeps_what_was_sent_what_stands_and_each_change_with_its_justification()
    {
        var e = NewEvaluation();
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay()));
        var changed = Numbered(Goals503020()).Select(g => g.Number == 1 ? g with { Weight = 60 } : g.Number == 2 ? g with { Weight = 20 } : g).ToList();
        AssertOk(e.ModifyGoals(Jefe, changed, new Dictionary<string, string> { ["1.Weight"] = "Es la meta principal", ["2.Weight"] = "Menor alcance" }, OnGoalDay()));
        AssertOk(e.AcceptGoals(Evaluado, OnGoalDay()));

        Assert.Equal(EvaluationAction.Modify, StepRecord.LastReview(e.History, EvaluationStep.Goals));
        Assert.Equal(EvaluationAction.Accept, StepRecord.LastAnswer(e.History, EvaluationStep.Goals));
        Assert.Equal([50, 30, 20], StepRecord.LastProposal(e.Versions, EvaluationStep.Goals)!.Goals().Select(g => g.Weight));
        var current = StepRecord.Current(e.Versions, EvaluationStep.Goals)!;
        Assert.Equal(VersionKind.Modification, current.Kind);
        Assert.Equal([60, 20, 20], current.Goals().Select(g => g.Weight));
        Assert.Equal(
            [(1, "Peso", "50", "60", "Es la meta principal"), (2, "Peso", "30", "20", "Menor alcance")],
            current.Changes().Select(c => (c.GoalNumber, c.FieldLabel, c.Before, c.After, c.Justification)));
        Assert.Equal("Modificación", StepRecord.ReviewLabel(EvaluationAction.Modify));
        Assert.Equal("Aceptación", StepRecord.AnswerLabel(EvaluationAction.Accept));
        Assert.Equal("Sin revisar", StepRecord.ReviewLabel(null));
    }

    [Fact]
    public void The_second_follow_up_is_answered_by_the_final_acceptance_after_the_competencies()
    {
        var e = At(EvaluationState.Finalized);
        var events = StepRecord.Events(e.History, EvaluationStep.FollowUpII);
        Assert.Equal([EvaluationAction.Submit, EvaluationAction.Approve, EvaluationAction.RateCompetencies, EvaluationAction.Accept],
            events.Select(x => x.Event.Action));
        Assert.Equal(EvaluationAction.Approve, StepRecord.LastReview(e.History, EvaluationStep.FollowUpII));
        Assert.Equal(EvaluationAction.Accept, StepRecord.LastAnswer(e.History, EvaluationStep.FollowUpII));
        Assert.Equal([95, 95, 95], StepRecord.Current(e.Versions, EvaluationStep.FollowUpII)!.Progress().Select(p => p.AchievedPercent));
        Assert.Equal([60, 60, 60], StepRecord.LastProposal(e.Versions, EvaluationStep.FollowUpI)!.Progress().Select(p => p.AchievedPercent));
    }

    [Fact]
    public void A_rejection_needs_no_answer_from_the_evaluado()
    {
        var e = At(EvaluationState.SelfEvaluationIApproval);
        AssertOk(e.RejectSelfEvaluation(Jefe, 1, "Adjunte las actas", OnFollowUpIDay()));
        Assert.Equal(EvaluationAction.Reject, StepRecord.LastReview(e.History, EvaluationStep.FollowUpI));
        Assert.Null(StepRecord.LastAnswer(e.History, EvaluationStep.FollowUpI));
        Assert.Null(StepRecord.Current(e.Versions, EvaluationStep.FollowUpII));
    }
}
