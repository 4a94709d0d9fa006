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
public sealed class AcceptanceModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public EvSummary Summary { get; private set; } = null!;

    /// <summary>What the evaluator changed in the last round (empty when the goals were approved as proposed).</summary>
    public IReadOnlyList<FieldChange> Changes { get; private set; } = [];

    /// <summary>The evaluator's step that brought the goals here (approval or modification), with its comment.</summary>
    public EvaluationEvent? Decision { get; private set; }

    public bool CanAct => Evaluation.CanActNow(Case.Actor, PendingAction.AcceptGoals, Case.Context);

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
        var outcome = await workflow.RunAsync(Case, Version, e => e.AcceptGoals(Case.Actor, Case.Context), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        TempData["Mensaje"] = "Aceptó sus metas: quedaron concertadas. Sigue la Autoevaluación I (primer seguimiento).";
        return RedirectToPage("./Details", new { id });
    }

    public async Task<IActionResult> OnPostNotAcceptAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        var outcome = await workflow.RunAsync(Case, Version, e => e.NotAcceptGoals(Case.Actor, Reason, Case.Context), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        TempData["Mensaje"] = "Registró que no acepta las metas. Volvieron a formulación: ajústelas y envíelas de nuevo a su jefe.";
        return RedirectToPage("./Goals", new { id });
    }

    /// <summary>Shows the refusal and keeps the typed reason; after a stale save the page shows the current version.</summary>
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
        Changes = c.Evaluation.LastChanges(EvaluationStep.Goals);
        Decision = c.Evaluation.History
            .Where(h => h.To == EvaluationState.GoalAcceptance && h.From == EvaluationState.GoalApproval)
            .OrderBy(h => h.Sequence).LastOrDefault();
        return true;
    }
}
