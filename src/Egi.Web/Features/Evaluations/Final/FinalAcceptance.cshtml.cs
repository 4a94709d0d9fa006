using System.Globalization;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Evaluations;

/// <summary>The result an evaluado reads at the final acceptance: goals with the second follow-up, the competency ratings and the scores.</summary>
public sealed record FinalResult(EvaluationCase Case, ScoreBreakdown? Score)
{
    /// <summary>The cumulative % achieved at the second follow-up of a goal (0 when not reported).</summary>
    public int SecondFollowUp(int goalNumber) =>
        Case.Evaluation.ProgressOf(2).LastOrDefault(p => p.GoalNumber == goalNumber)?.AchievedPercent ?? 0;

    /// <summary>The label of a scale value in the period's scale ("Siempre"), or the value itself.</summary>
    public string ScaleLabel(int value) =>
        Case.Period.Settings.CompetencyScale.FirstOrDefault(l => l.Value == value)?.Label ?? value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The score of an evaluation whose competencies were rated; null otherwise.</summary>
    public static FinalResult Of(EvaluationCase c) =>
        new(c, c.Evaluation.Competencies.Count > 0 ? new ScoringPolicy(c.Period.Settings).Score(c.Evaluation) : null);
}

/// <summary>
/// Activity 15: the evaluado reads the final result (goals at the second follow-up, competency ratings and the score
/// breakdown) and accepts it (the evaluation is finished) or does not accept it with a reason (back to the
/// self-evaluation II). Only the evaluado opens this page; anyone else gets 404.
/// </summary>
public sealed class FinalAcceptanceModel(EvaluationWorkflow workflow, EgiDbContext db) : AcceptancePageModel(workflow, db)
{
    public FinalResult Result { get; private set; } = null!;

    protected override PendingAction Action => PendingAction.AcceptFinal;
    protected override string AcceptedMessage => EvaluationMessages.FinalAccepted;
    protected override string NotAcceptedMessage => EvaluationMessages.FinalNotAccepted;
    protected override string AfterNotAcceptPage => "/Evaluations/Details";

    protected override Outcome Accept(Evaluation e, EvaluationCase c) => e.AcceptFinal(c.Actor, c.Context);

    protected override Outcome NotAccept(Evaluation e, EvaluationCase c, string? reason) => e.NotAcceptFinal(c.Actor, reason, c.Context);

    protected override void OnLoaded(EvaluationCase c) => Result = FinalResult.Of(c);
}
