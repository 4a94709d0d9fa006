using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// The evaluator's decision on what the evaluado sent (goals: activity 5; self-evaluations: 9 and 13): approve
/// (comment optional), reject (reason required) or modify. «Modificar» is two steps without JavaScript: edit, then
/// «Revisar cambios» lists each changed field before/after with a required justification, then «Enviar
/// modificación». The pages differ only in what is edited; this base holds the flow. Anyone who is not the current
/// evaluator gets 404.
/// </summary>
public abstract class EvaluatorDecisionPageModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public enum Mode
    {
        View,
        Edit,
        Review,
    }

    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public string DependencyName { get; private set; } = "";
    public Mode Showing { get; protected set; } = Mode.View;

    /// <summary>The changed fields shown for justification in the review step.</summary>
    public IReadOnlyList<FieldChange> Changes { get; protected set; } = [];

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Justifications { get; set; } = [];

    /// <summary>True when the evaluator can act now on this page's step (waiting on them, not escalated, step open).</summary>
    public abstract bool CanAct { get; }

    protected EvaluationWorkflow Workflow => workflow;
    protected EgiDbContext Db => db;

    /// <summary>Loads what the page needs beyond the evaluation (e.g. plan items, the follow-up number).</summary>
    protected virtual Task OnLoadedAsync(EvaluationCase loaded, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Puts the evaluation's current content into the form being edited.</summary>
    protected abstract void FillFormFromEvaluation();

    /// <summary>Where a decision that went through takes the evaluator.</summary>
    protected abstract IActionResult AfterDecision(int id);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Evaluation.Version;
        return Page();
    }

    public async Task<IActionResult> OnGetModifyAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Evaluation.Version;
        FillFormFromEvaluation();
        Showing = CanAct ? Mode.Edit : Mode.View;
        return Page();
    }

    /// <summary>Approve or reject: runs <paramref name="decision"/> through the workflow and redirects with <paramref name="message"/>.</summary>
    protected async Task<IActionResult> DecideAsync(int id, Func<Evaluation, Outcome> decision, Func<string> message, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        var text = message();
        var outcome = await workflow.RunAsync(Case, Version, decision, ct);
        if (!outcome.Succeeded) return Refused(outcome);
        TempData["Mensaje"] = text;
        return AfterDecision(id);
    }

    /// <summary>The justifications typed in the review step, blank ones left out.</summary>
    protected IReadOnlyDictionary<string, string> TypedJustifications() =>
        Justifications.Where(j => !string.IsNullOrWhiteSpace(j.Value)).ToDictionary(j => j.Key, j => j.Value!);

    protected bool IsStale => Version != Evaluation.Version;

    /// <summary>
    /// After the domain refused a modification: a stale save goes back to the current version; otherwise the form
    /// comes back in the step where the errors are (edit when a field of <paramref name="formField"/> is wrong or
    /// nothing changed, else review).
    /// </summary>
    protected PageResult ModificationRefused(Outcome outcome, IReadOnlyList<FieldChange> changes, string formField)
    {
        if (outcome.IsStale) return Refused(outcome);
        ModelState.AddFieldErrors(outcome.Errors, "");
        Changes = changes;
        var formErrors = outcome.Errors.Any(e => e.Field.StartsWith(formField, StringComparison.Ordinal));
        Showing = !CanAct ? Mode.View : formErrors || Changes.Count == 0 ? Mode.Edit : Mode.Review;
        return Page();
    }

    /// <summary>Shows the refusal; a stale save goes back to the current version (nothing of the person's edit is merged).</summary>
    protected PageResult Refused(Outcome outcome)
    {
        ModelState.AddFieldErrors(outcome.Errors, "");
        if (outcome.IsStale)
        {
            Showing = Mode.View;
            Version = Evaluation.Version;
        }
        return Page();
    }

    protected PageResult StaleRefusal() => Refused(Outcome.Stale(EvaluationMessages.StaleEvaluation));

    /// <summary>
    /// Loads the case for the current evaluator (else false: 404). <paramref name="planItems"/>: the items the posted goals
    /// name, for a handler that checks or saves goals (<see cref="EvaluationWorkflow.LoadAsync(int, IEnumerable{int?}, CancellationToken)"/>).
    /// </summary>
    protected async Task<bool> LoadAsync(int id, CancellationToken ct, IEnumerable<int?>? planItems = null)
    {
        var c = await (planItems is null ? workflow.LoadAsync(id, ct) : workflow.LoadAsync(id, planItems, ct));
        if (c is null || !c.IsEvaluator) return false;
        Case = c;
        DependencyName = c.EvaluadoDependency;
        await OnLoadedAsync(c, ct);
        return true;
    }
}
