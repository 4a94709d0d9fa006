using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Activity 6: the evaluado sees the goals as the evaluator left them — with every changed field before/after and its
/// justification when the evaluator modified them — and accepts (the goals are agreed) or does not accept, with a
/// reason (back to formulation). Only the evaluado opens this page; anyone else gets 404.
/// </summary>
public sealed class AcceptanceModel(EvaluationWorkflow workflow, EgiDbContext db) : ReviewedAcceptancePageModel(workflow, db)
{
    protected override PendingAction Action => PendingAction.AcceptGoals;
    protected override EvaluationStep Step => EvaluationStep.Goals;
    protected override EvaluationState ApprovalState => EvaluationState.GoalApproval;
    protected override EvaluationState AcceptanceState => EvaluationState.GoalAcceptance;
    protected override string AcceptedMessage => EvaluationMessages.GoalsAccepted;
    protected override string NotAcceptedMessage => EvaluationMessages.GoalsNotAccepted;
    protected override string AfterNotAcceptPage => "./Formulation";

    protected override Outcome Accept(Evaluation e, EvaluationCase c) => e.AcceptGoals(c.Actor, c.Context);

    protected override Outcome NotAccept(Evaluation e, EvaluationCase c, string? reason) => e.NotAcceptGoals(c.Actor, reason, c.Context);
}
