using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Activities 9 and 13: the current evaluator approves, rejects or modifies the progress the evaluado reported; the
/// flow is <see cref="EvaluatorDecisionPageModel"/>'s, this page edits the % and narratives per goal.
/// </summary>
public sealed class FollowUpApprovalModel(EvaluationWorkflow workflow, EgiDbContext db) : EvaluatorDecisionPageModel(workflow, db)
{
    public int FollowUp { get; private set; }

    [BindProperty]
    public List<FollowUpProgressRow> Progress { get; set; } = [];

    public PendingAction Pending => FollowUp == 2 ? PendingAction.ApproveSelfEvaluationII : PendingAction.ApproveSelfEvaluationI;

    public EvaluationState ApprovalState => FollowUp == 2 ? EvaluationState.SelfEvaluationIIApproval : EvaluationState.SelfEvaluationIApproval;

    public override bool CanAct => Evaluation.CanActNow(Case.Actor, Pending, Case.Context);

    protected override Task OnLoadedAsync(EvaluationCase loaded, CancellationToken ct)
    {
        FollowUp = FollowUpForms.FollowUpOf(loaded.Evaluation.State);
        return Task.CompletedTask;
    }

    protected override void FillFormFromEvaluation() => Progress = FollowUpForms.Rows(Evaluation, FollowUp);

    protected override IActionResult AfterDecision(int id) => RedirectToPage("/Evaluations/Details", new { id });

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct) =>
        DecideAsync(id, e => e.ApproveSelfEvaluation(Case.Actor, FollowUp, Case.Context, Comment),
            () => FollowUp == 1
                ? EvaluationMessages.FirstFollowUpApproved(Case.Evaluado.FullName)
                : EvaluationMessages.SecondFollowUpApproved(Case.Evaluado.FullName), ct);

    public Task<IActionResult> OnPostRejectAsync(int id, CancellationToken ct) =>
        DecideAsync(id, e => e.RejectSelfEvaluation(Case.Actor, FollowUp, Reason, Case.Context),
            () => EvaluationMessages.SelfEvaluationRejected(Case.Evaluado.FullName), ct);

    /// <summary>Back from the review to the form, with what was typed.</summary>
    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        Progress = FollowUpForms.Align(Evaluation, Progress);
        Showing = CanAct ? Mode.Edit : Mode.View;
        return Page();
    }

    /// <summary>Step 1 → 2: checks what was typed and lists each changed field with a justification box.</summary>
    public async Task<IActionResult> OnPostReviewAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        if (IsStale) return StaleRefusal();
        if (!CanAct) return Page();
        Progress = FollowUpForms.Align(Evaluation, Progress);
        var (progress, errors) = FollowUpForms.Parse(Progress, complete: true);
        Changes = errors.Count == 0 ? FollowUpForms.Diff(Evaluation.ProgressOf(FollowUp), progress) : [];
        if (errors.Count == 0 && Changes.Count == 0)
            errors.Add(new("Progress", EvaluationMessages.ProgressUnchanged));
        if (errors.Count > 0)
        {
            ModelState.AddFieldErrors(errors, "");
            Showing = Mode.Edit;
            return Page();
        }
        Showing = Mode.Review;
        return Page();
    }

    /// <summary>Step 2: sends the modification with its justifications.</summary>
    public async Task<IActionResult> OnPostModifyAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        if (IsStale) return StaleRefusal();
        Progress = FollowUpForms.Align(Evaluation, Progress);
        var (progress, parseErrors) = FollowUpForms.Parse(Progress, complete: true);
        if (parseErrors.Count > 0)
        {
            ModelState.AddFieldErrors(parseErrors, "");
            Showing = CanAct ? Mode.Edit : Mode.View;
            return Page();
        }
        var justifications = TypedJustifications();
        var n = FollowUp;
        var evaluado = Case.Evaluado.FullName;
        var before = Evaluation.ProgressOf(n);
        var outcome = await Workflow.RunAsync(Case, Version, e => e.ModifySelfEvaluation(Case.Actor, n, progress, justifications, Case.Context), ct);
        if (!outcome.Succeeded) return ModificationRefused(outcome, FollowUpForms.Diff(before, progress), "Progress");
        TempData["Mensaje"] = n == 1
            ? EvaluationMessages.FirstFollowUpModified(evaluado)
            : EvaluationMessages.SecondFollowUpModified(evaluado);
        return RedirectToPage("/Evaluations/Details", new { id });
    }
}
