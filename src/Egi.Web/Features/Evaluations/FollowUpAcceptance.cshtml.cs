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
public sealed class FollowUpAcceptanceModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public EvSummary Summary { get; private set; } = null!;
    public IReadOnlyList<FieldChange> Changes { get; private set; } = [];
    public EvaluationEvent? Decision { get; private set; }

    public bool CanAct => Evaluation.CanActNow(Case.Actor, PendingAction.AcceptSelfEvaluationI, Case.Context);

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Evaluation.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        var outcome = await workflow.RunAsync(Case, Version, e => e.AcceptSelfEvaluation(Case.Actor, Case.Context), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        TempData["Mensaje"] = "Aceptó el primer seguimiento. Sigue la Autoevaluación II (segundo seguimiento).";
        return RedirectToPage("./Details", new { id });
    }

    public async Task<IActionResult> OnPostNotAcceptAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        var outcome = await workflow.RunAsync(Case, Version, e => e.NotAcceptSelfEvaluation(Case.Actor, Reason, Case.Context), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        TempData["Mensaje"] = "Registró que no acepta el primer seguimiento. Volvió a la Autoevaluación I: ajústela y envíela de nuevo a su jefe.";
        return RedirectToPage("./SelfEvaluation", new { id });
    }

    private PageResult Refused(Outcome outcome)
    {
        ModelState.AddFieldErrors(outcome.Errors, "");
        if (outcome.Errors.Any(e => e.Message == EvaluationWorkflow.StaleMessage)) Version = Evaluation.Version;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var c = await workflow.LoadAsync(id, ct);
        if (c is null || !c.IsEvaluado) return false;
        Case = c;
        Summary = await EvSummary.LoadAsync(db, c, ct);
        Changes = c.Evaluation.LastChanges(EvaluationStep.FollowUpI);
        Decision = c.Evaluation.History
            .Where(h => h.To == EvaluationState.SelfEvaluationIAcceptance && h.From == EvaluationState.SelfEvaluationIApproval)
            .OrderBy(h => h.Sequence).LastOrDefault();
        return true;
    }
}
