using Egi.Web.Features.Shared;
using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Activity 5: the current evaluator approves, rejects (with a reason) or modifies (with a justification per changed
/// field) the goals the evaluado sent; the flow is <see cref="EvaluatorDecisionPageModel"/>'s, this page edits the
/// goals (add and remove included) and «Enviar modificación» runs <see cref="Evaluation.ModifyGoals"/>.
/// </summary>
public sealed class ApprovalModel(EvaluationWorkflow workflow, EgiDbContext db) : EvaluatorDecisionPageModel(workflow, db)
{
    [BindProperty]
    public List<GoalFormRow> Goals { get; set; } = [];

    public override bool CanAct => Evaluation.CanActNow(Case.Actor, PendingAction.ApproveGoals, Case.Context);

    public GoalsEditor Editor => new(Evaluation.Id, Goals, Case.Period.Settings.MaxGoals, Case.Period.Year, Evaluation.OrderedGoals.Select(g => g.Number).ToHashSet(), PlanItems,
        Case.Period.Settings.RequirePlanLink);

    /// <summary>The plan items the goals may link to, the evaluado's dependencia first.</summary>
    public PlanItemChoices PlanItems { get; private set; } = PlanItemChoices.None;

    /// <summary>The plan items are read for the goals editor only, once a handler has chosen to show it.</summary>
    [NonHandler] // a filter of the page, not a handler («PAGE ?handler=HandlerExecution» would call it)
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Result is PageResult && Showing == Mode.Edit)
            PlanItems = await new PlanCatalog(Db).ChoicesAsync(Case.Period.Id, Case.Evaluado.DependencyId, Goals.Select(g => g.PlanItemId), HttpContext.RequestAborted);
    }

    protected override void FillFormFromEvaluation() => Goals = GoalsEditorForm.Inputs(Evaluation.OrderedGoals);

    protected override IActionResult AfterDecision(int id) => RedirectToPage("/Evaluations/ToApprove");

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct) =>
        DecideAsync(id, e => e.ApproveGoals(Case.Actor, Case.Context, Comment),
            () => EvaluationMessages.GoalsApproved(Case.Evaluado.FullName), ct);

    public Task<IActionResult> OnPostRejectAsync(int id, CancellationToken ct) =>
        DecideAsync(id, e => e.RejectGoals(Case.Actor, Reason, Case.Context),
            () => EvaluationMessages.GoalsRejected(Case.Evaluado.FullName), ct);

    /// <summary>Adds an empty goal to the form being edited (up to the period's maximum).</summary>
    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        if (!CanAct) return Page();
        Goals = GoalsEditorForm.Numbered(Goals, Evaluation.OrderedGoals);
        if (!GoalsEditorForm.TryAdd(Goals, Evaluation.OrderedGoals, Case.Period.Settings.MaxGoals, out var error))
            ModelState.AddModelError("Goals", error);
        Showing = Mode.Edit;
        return Page();
    }

    /// <summary>Removes goal number <paramref name="remove"/> (index in the form) from the form being edited.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int id, int? remove, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        if (!CanAct) return Page();
        Goals = GoalsEditorForm.Numbered(Goals, Evaluation.OrderedGoals);
        if (remove is >= 0 && remove < Goals.Count) Goals.RemoveAt(remove.Value);
        Showing = Mode.Edit;
        return Page();
    }

    /// <summary>Back from the review to the goals form, with what was typed.</summary>
    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        if (!CanAct) return Page();
        Goals = GoalsEditorForm.Numbered(Goals, Evaluation.OrderedGoals);
        Showing = Mode.Edit;
        return Page();
    }

    /// <summary>Step (a) → (b): checks the edited goals and lists what changed, each with a justification box.</summary>
    public async Task<IActionResult> OnPostReviewAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct, planItems: Goals.Select(g => g.PlanItemId))) return NotFound();
        ModelState.Clear();
        if (IsStale) return StaleRefusal();
        if (!CanAct) return Page();
        Goals = GoalsEditorForm.Numbered(Goals, Evaluation.OrderedGoals);
        var (goals, errors) = GoalFormRow.Parse(Goals, complete: true, keepNumbers: true, Case.Context.PlanItems);
        errors = GoalsEditorForm.WithSetRules(errors, goals, Case.Context);
        Changes = FieldChange.Diff(Evaluation.OrderedGoals, goals);
        if (errors.Count == 0 && Changes.Count == 0)
            errors.Add(new("Goals", EvaluationMessages.GoalsUnchanged));
        if (errors.Count > 0)
        {
            ModelState.AddFieldErrors(errors, "");
            Showing = Mode.Edit;
            return Page();
        }
        Showing = Mode.Review;
        return Page();
    }

    /// <summary>Step (b): sends the modification with its justifications; the evaluado then accepts or not.</summary>
    public async Task<IActionResult> OnPostModifyAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct, planItems: Goals.Select(g => g.PlanItemId))) return NotFound();
        ModelState.Clear();
        if (IsStale) return StaleRefusal();
        Goals = GoalsEditorForm.Numbered(Goals, Evaluation.OrderedGoals);
        var (goals, parseErrors) = GoalFormRow.Parse(Goals, complete: true, keepNumbers: true, Case.Context.PlanItems);
        if (parseErrors.Count > 0)
        {
            ModelState.AddFieldErrors(GoalsEditorForm.WithSetRules(parseErrors, goals, Case.Context), "");
            Showing = CanAct ? Mode.Edit : Mode.View;
            return Page();
        }
        var justifications = TypedJustifications();
        var evaluado = Case.Evaluado.FullName;
        var before = Evaluation.OrderedGoals;
        var outcome = await Workflow.RunAsync(Case, Version, e => e.ModifyGoals(Case.Actor, goals, justifications, Case.Context), ct);
        if (!outcome.Succeeded) return ModificationRefused(outcome, FieldChange.Diff(before, goals), "Goals");
        TempData["Mensaje"] = EvaluationMessages.GoalsModified(evaluado);
        return RedirectToPage("/Evaluations/ToApprove");
    }
}

/// <summary>What the goals editor partial (_GoalsEditor) needs.</summary>
public sealed record GoalsEditor(int EvaluationId, IReadOnlyList<GoalFormRow> Goals, int MaxGoals, int Year, IReadOnlySet<int> ExistingNumbers,
    PlanItemChoices? PlanItems = null, bool RequirePlanLink = false);

/// <summary>Reading, numbering and showing goals typed in the approval and committee forms.</summary>
public static class GoalsEditorForm
{
    public static List<GoalFormRow> Inputs(IEnumerable<Goal> goals) => goals.Select(GoalFormRow.From).ToList();

    /// <summary>
    /// Gives every new goal (number 0, or a repeated number) the next free number after the current goals, and sorts
    /// by number: so the form's order is the domain's order and errors keyed "Goals[i]" land on the right goal.
    /// </summary>
    public static List<GoalFormRow> Numbered(IEnumerable<GoalFormRow>? inputs, IEnumerable<Goal> current)
    {
        var list = (inputs ?? []).Where(g => g is not null).ToList();
        var next = current.Select(g => g.Number).Concat(list.Select(g => g.Number)).DefaultIfEmpty(0).Max();
        var seen = new HashSet<int>();
        foreach (var g in list)
            if (g.Number <= 0 || !seen.Add(g.Number))
            {
                g.Number = ++next;
                seen.Add(g.Number);
            }
        return list.OrderBy(g => g.Number).ToList();
    }

    public static bool TryAdd(List<GoalFormRow> goals, IEnumerable<Goal> current, int max, out string error)
    {
        error = "";
        if (goals.Count >= max)
        {
            error = EvaluationMessages.TooManyGoals(max);
            return false;
        }
        var next = current.Select(g => g.Number).Concat(goals.Select(g => g.Number)).DefaultIfEmpty(0).Max() + 1;
        goals.Add(new GoalFormRow { Number = next, Weight = "", AgreedFirstFollowUpPercent = "", DueDate = "" });
        return true;
    }

    /// <summary>Adds the domain's rules of a complete set of goals, except on fields that could not even be read.</summary>
    public static List<FieldError> WithSetRules(IReadOnlyList<FieldError> parseErrors, IReadOnlyList<Goal> goals, EvaluationContext context)
    {
        var unreadable = parseErrors.Select(e => e.Field).ToHashSet();
        return parseErrors
            .Concat(Goal.ValidateSet(goals, context, complete: true).Where(e => !unreadable.Contains(e.Field)))
            .ToList();
    }

    /// <summary>The error messages of one key of the model state (empty when none).</summary>
    public static IReadOnlyList<string> Errors(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];


}
