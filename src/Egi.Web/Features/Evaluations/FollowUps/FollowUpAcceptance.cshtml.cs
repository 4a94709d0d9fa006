using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Activity 10: the evaluado sees the first follow-up as the evaluator left it — with every changed field before/after
/// and its justification when it was modified — and accepts (the second follow-up starts) or does not accept, with a
/// reason (back to the self-evaluation I). Only the evaluado opens this page; anyone else gets 404.
/// </summary>
public sealed class FollowUpAcceptanceModel(EvaluationWorkflow workflow, EgiDbContext db) : ReviewedAcceptancePageModel(workflow, db)
{
    protected override PendingAction Action => PendingAction.AcceptSelfEvaluationI;
    protected override EvaluationStep Step => EvaluationStep.FollowUpI;
    protected override EvaluationState ApprovalState => EvaluationState.SelfEvaluationIApproval;
    protected override EvaluationState AcceptanceState => EvaluationState.SelfEvaluationIAcceptance;
    protected override string AcceptedMessage => EvaluationMessages.FirstFollowUpAccepted;
    protected override string NotAcceptedMessage => EvaluationMessages.FirstFollowUpNotAccepted;
    protected override string AfterNotAcceptPage => "./SelfEvaluation";

    protected override Outcome Accept(Evaluation e, EvaluationCase c) => e.AcceptSelfEvaluation(c.Actor, c.Context);

    protected override Outcome NotAccept(Evaluation e, EvaluationCase c, string? reason) => e.NotAcceptSelfEvaluation(c.Actor, reason, c.Context);
}
