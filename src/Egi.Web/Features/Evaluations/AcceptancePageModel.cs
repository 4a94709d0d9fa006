using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// What the three acceptance steps share (activities 6, 10 and 15): only the evaluado opens the page (anyone else
/// gets 404), accepts, or does not accept with a reason; a refusal keeps the typed reason and a stale save shows the
/// current version. Each page says which transition it runs and what it shows.
/// </summary>
public abstract class AcceptancePageModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public EvaluationSummary Summary { get; private set; } = null!;

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The action this page offers (the evaluado may take it now when <see cref="CanAct"/>).</summary>
    protected abstract PendingAction Action { get; }

    public bool CanAct => Evaluation.CanActNow(Case.Actor, Action, Case.Context);

    protected abstract Outcome Accept(Evaluation e, EvaluationCase c);

    protected abstract Outcome NotAccept(Evaluation e, EvaluationCase c, string? reason);

    protected abstract string AcceptedMessage { get; }

    protected abstract string NotAcceptedMessage { get; }

    /// <summary>Where the evaluado goes after not accepting (the page where they correct their part).</summary>
    protected abstract string AfterNotAcceptPage { get; }

    /// <summary>Loads what the page shows besides the summary.</summary>
    protected virtual void OnLoaded(EvaluationCase c)
    {
    }

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
        var outcome = await workflow.RunAsync(Case, Version, e => Accept(e, Case), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        TempData["Mensaje"] = AcceptedMessage;
        return RedirectToPage("/Evaluations/Details", new { id });
    }

    public async Task<IActionResult> OnPostNotAcceptAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        var outcome = await workflow.RunAsync(Case, Version, e => NotAccept(e, Case, Reason), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        TempData["Mensaje"] = NotAcceptedMessage;
        return RedirectToPage(AfterNotAcceptPage, new { id });
    }

    /// <summary>Shows the refusal and keeps the typed reason; after a stale save the page shows the current version.</summary>
    private PageResult Refused(Outcome outcome)
    {
        ModelState.AddFieldErrors(outcome.Errors, "");
        if (outcome.IsStale) Version = Evaluation.Version;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var c = await workflow.LoadAsync(id, ct);
        if (c is null || !c.IsEvaluado) return false;
        Case = c;
        Summary = await EvaluationSummary.LoadAsync(db, c, ct);
        OnLoaded(c);
        return true;
    }
}

/// <summary>The acceptance of a step the evaluator approved or modified: shows the changes and the evaluator's decision.</summary>
public abstract class ReviewedAcceptancePageModel(EvaluationWorkflow workflow, EgiDbContext db) : AcceptancePageModel(workflow, db)
{
    /// <summary>What the evaluator changed in the last round (empty when approved as sent).</summary>
    public IReadOnlyList<FieldChange> Changes { get; private set; } = [];

    /// <summary>The evaluator's step that brought it here (approval or modification), with its comment.</summary>
    public EvaluationEvent? Decision { get; private set; }

    protected abstract EvaluationStep Step { get; }

    protected abstract EvaluationState ApprovalState { get; }

    protected abstract EvaluationState AcceptanceState { get; }

    protected override void OnLoaded(EvaluationCase c)
    {
        Changes = c.Evaluation.LastChanges(Step);
        Decision = c.Evaluation.History
            .Where(h => h.To == AcceptanceState && h.From == ApprovalState)
            .OrderBy(h => h.Sequence).LastOrDefault();
    }
}
