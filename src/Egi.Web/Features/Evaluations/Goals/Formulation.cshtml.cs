using Egi.Web.Features.Shared;
using System.Globalization;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Activity 4: the evaluado formulates the goals. Only the evaluado opens this page (anyone else gets 404); outside
/// «Formulación de metas» it explains why nothing can be changed. The form always has the period's maximum of goal
/// rows (no JavaScript needed): empty rows are ignored. «Guardar borrador» keeps an incomplete set; «Enviar al jefe
/// para aprobación» asks the domain to check every rule. A stale save keeps what was typed and says so.
/// </summary>
public sealed class FormulationModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public EvaluationSummary Summary { get; private set; } = null!;

    /// <summary>True when the person may edit now: in formulation, not escalated, the step open.</summary>
    public bool CanEdit { get; private set; }

    /// <summary>Why the goals came back to formulation (the evaluator's rejection or the evaluado's «no aceptar»).</summary>
    public EvaluationEvent? CameBack { get; private set; }

    /// <summary>Set after a stale save: what is saved now, shown beside what the person typed.</summary>
    public bool Stale { get; private set; }

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public List<GoalFormRow> Goals { get; set; } = [];

    public int MaxGoals => Case.Period.Settings.MaxGoals;

    /// <summary>The plan items the goals may link to: the plan de acción of the evaluado's dependencia first, then PEI and PND.</summary>
    public PlanItemChoices PlanItems { get; private set; } = PlanItemChoices.None;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, forWrite: false, ct)) return NotFound();
        Version = Evaluation.Version;
        Goals = Evaluation.OrderedGoals.Select(GoalFormRow.From).ToList();
        Pad();
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct) => RunAsync(id, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) => RunAsync(id, submit: true, ct);

    private async Task<IActionResult> RunAsync(int id, bool submit, CancellationToken ct)
    {
        if (!await LoadAsync(id, forWrite: true, ct)) return NotFound();
        // The rows are redisplayed compacted (filled rows first), so "Goals[i]" keys of the domain land on the right row.
        ModelState.Clear();
        Goals = (Goals ?? []).Where(r => r is not null && !r.IsEmpty).ToList();
        var (goals, parseErrors) = GoalFormRow.Parse(Goals, submit, planItems: Case.Context.PlanItems);
        if (parseErrors.Count > 0)
        {
            var unreadable = parseErrors.Select(e => e.Field).ToHashSet();
            var rules = Goal.ValidateSet(goals, Case.Context, complete: submit).Where(e => !unreadable.Contains(e.Field));
            ModelState.AddFieldErrors(parseErrors.Concat(rules), "");
            Pad();
            return Page();
        }

        var evaluator = Case.Evaluator?.FullName ?? "su evaluador";
        var outcome = await workflow.RunAsync(Case, Version,
            e => submit ? e.SubmitGoals(Case.Actor, goals, Case.Context) : e.SaveGoals(Case.Actor, goals, Case.Context), ct);
        if (outcome.Succeeded)
        {
            TempData["Mensaje"] = submit
                ? EvaluationMessages.GoalsSent(evaluator)
                : EvaluationMessages.GoalsDraftSaved;
            return submit ? RedirectToPage("/Evaluations/Details", new { id }) : RedirectToPage("./Formulation", new { id });
        }

        ModelState.AddFieldErrors(outcome.Errors, "");
        if (outcome.IsStale)
        {
            // Keep what was typed; from now on the person works over the version that is saved (shown beside the form).
            Stale = true;
            Version = Evaluation.Version;
        }
        CanEdit = IsEditable();
        Pad();
        return Page();
    }

    /// <summary>The case: read (untracked, without the period's plan items the domain checks a goal against) to show the form, loaded to save it.</summary>
    private async Task<bool> LoadAsync(int id, bool forWrite, CancellationToken ct)
    {
        var c = await (forWrite ? workflow.LoadAsync(id, Goals.Select(g => g.PlanItemId), ct) : workflow.ReadAsync(id, ct));
        if (c is null || !c.IsEvaluado) return false;
        Case = c;
        Summary = await EvaluationSummary.LoadAsync(db, c, ct);
        CanEdit = IsEditable();
        CameBack = c.Evaluation.History
            .Where(h => h.To == EvaluationState.GoalFormulation && h.From != h.To)
            .OrderBy(h => h.Sequence).LastOrDefault() is { Action: EvaluationAction.Reject or EvaluationAction.NotAccept } last
            && c.Evaluation.State == EvaluationState.GoalFormulation ? last : null;
        return true;
    }

    /// <summary>
    /// The plan items for the form's lists are read once a handler shows the page: a save that goes through redirects
    /// without them (the domain checks its goals against the items <see cref="EvaluationWorkflow.LoadAsync(int, IEnumerable{int?}, CancellationToken)"/> read).
    /// </summary>
    [NonHandler] // a filter of the page, not a handler («PAGE ?handler=HandlerExecution» would call it)
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Result is PageResult && CanEdit)
            PlanItems = await new PlanCatalog(db).ChoicesAsync(Case.Period.Id, Case.Evaluado.DependencyId, Goals.Select(g => g.PlanItemId), HttpContext.RequestAborted);
    }

    private bool IsEditable() => Evaluation.CanActNow(Case.Actor, PendingAction.FormulateGoals, Case.Context);

    /// <summary>Always offers the period's maximum of rows.</summary>
    private void Pad()
    {
        while (Goals.Count < MaxGoals) Goals.Add(new GoalFormRow());
    }
}
