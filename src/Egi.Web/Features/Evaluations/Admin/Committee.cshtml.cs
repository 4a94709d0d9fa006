using Egi.Web.Features.Shared;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// The Comisión Evaluadora's decision on escalated goals: only the servant who records for the committee
/// (<see cref="Evaluation.EscalationRecorderId"/>) sees this page while the goals are escalated; anyone else gets 404.
/// The decision is final for the step: the goals are agreed and the first follow-up starts.
/// </summary>
public sealed class CommitteeModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public string DependencyName { get; private set; } = "";
    public IReadOnlyList<string> Members { get; private set; } = [];

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public List<GoalFormRow> Goals { get; set; } = [];

    /// <summary>An escalated follow-up: the % per goal the committee decides (the same inputs as the self-evaluation).</summary>
    [BindProperty]
    public List<FollowUpProgressRow> Progress { get; set; } = [];

    public bool IsGoals => Evaluation.EscalatedStep == EvaluationStep.Goals;

    /// <summary>1 or 2 when a follow-up is escalated.</summary>
    public int FollowUp => FollowUpForms.FollowUpOf(Evaluation.State);

    public (IReadOnlyList<FollowUpProgressRow> Rows, IReadOnlyList<Goal> Goals, bool ShowAgreed, IReadOnlyList<GoalProgress> FirstFollowUp) ProgressInputs =>
        (Progress, Evaluation.OrderedGoals, FollowUp == 1, FollowUp == 2 ? Evaluation.ProgressOf(1) : []);

    public GoalsEditor Editor => new(Evaluation.Id, Goals, Case.Period.Settings.MaxGoals, Case.Period.Year, Evaluation.OrderedGoals.Select(g => g.Number).ToHashSet(), PlanItems,
        Case.Period.Settings.RequirePlanLink);

    /// <summary>The plan items the goals may link to, the evaluado's dependencia first.</summary>
    public PlanItemChoices PlanItems { get; private set; } = PlanItemChoices.None;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Evaluation.Version;
        Goals = GoalsEditorForm.Inputs(Evaluation.OrderedGoals);
        if (!IsGoals) Progress = FollowUpForms.Rows(Evaluation, FollowUp);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        Goals = GoalsEditorForm.Numbered(Goals, Evaluation.OrderedGoals);
        if (!GoalsEditorForm.TryAdd(Goals, Evaluation.OrderedGoals, Case.Period.Settings.MaxGoals, out var error))
            ModelState.AddModelError("Goals", error);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int? remove, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        Goals = GoalsEditorForm.Numbered(Goals, Evaluation.OrderedGoals);
        if (remove is >= 0 && remove < Goals.Count) Goals.RemoveAt(remove.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        if (!IsGoals) return await DecideFollowUpAsync(ct);
        Goals = GoalsEditorForm.Numbered(Goals, Evaluation.OrderedGoals);
        var (goals, parseErrors) = GoalFormRow.Parse(Goals, complete: true, planItems: Case.Context.PlanItems);
        if (parseErrors.Count > 0)
        {
            ModelState.AddFieldErrors(GoalsEditorForm.WithSetRules(parseErrors, goals, Case.Context), "");
            return Page();
        }
        var evaluado = Case.Evaluado.FullName;
        var outcome = await workflow.RunAsync(Case, Version, e => e.DecideGoalsByCommittee(Case.Actor, goals, Decision, Case.Context), ct);
        if (outcome.Succeeded)
        {
            TempData["Mensaje"] = EvaluationMessages.CommitteeDecidedGoals(evaluado);
            return RedirectToPage("/Evaluations/ToApprove");
        }
        foreach (var e in outcome.Errors) ModelState.AddModelError(e.Field, e.Message);
        if (outcome.IsStale)
        {
            Version = Evaluation.Version;
            Goals = GoalsEditorForm.Inputs(Evaluation.OrderedGoals);
        }
        return Page();
    }

    /// <summary>
    /// An escalated self-evaluation I or II: the committee's % per goal and narrative are final for the step. For the
    /// second follow-up the competencies the evaluator already rated stay (the disagreement is on the goals' progress).
    /// </summary>
    private async Task<IActionResult> DecideFollowUpAsync(CancellationToken ct)
    {
        var followUp = FollowUp;
        Progress = FollowUpForms.Align(Evaluation, Progress);
        var (progress, parseErrors) = FollowUpForms.Parse(Progress, complete: true);
        if (parseErrors.Count > 0)
        {
            ModelState.AddFieldErrors(parseErrors, "");
            return Page();
        }
        var evaluado = Case.Evaluado.FullName;
        var outcome = await workflow.RunAsync(Case, Version, e => e.DecideSelfEvaluationByCommittee(Case.Actor, followUp, progress, Decision, Case.Context), ct);
        if (outcome.Succeeded)
        {
            TempData["Mensaje"] = EvaluationMessages.CommitteeDecidedFollowUp(FollowUpForms.Ordinal(followUp), evaluado);
            return RedirectToPage("/Evaluations/ToApprove");
        }
        foreach (var e in outcome.Errors) ModelState.AddModelError(e.Field, e.Message);
        if (outcome.IsStale)
        {
            Version = Evaluation.Version;
            Progress = FollowUpForms.Rows(Evaluation, followUp);
        }
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var c = await workflow.LoadAsync(id, Goals.Select(g => g.PlanItemId), ct);
        if (c is null || c.Actor.ServantId is not { } me || c.Evaluation.EscalationRecorderId != me
            || c.Evaluation.EscalatedStep is not { } escalated || escalated != c.Evaluation.State.Step())
            return false;
        Case = c;
        DependencyName = await db.Dependencies.AsNoTracking().Where(d => d.Id == c.Evaluado.DependencyId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        // The items the stored and the posted goals chose (the committee's form is bound before the handler runs).
        PlanItems = await new PlanCatalog(db).ChoicesAsync(c.Period.Id, c.Evaluado.DependencyId,
            c.Evaluation.Goals.Select(g => g.PlanItemId).Concat(Goals.Select(g => g.PlanItemId)), ct);
        var ids = c.Evaluation.EscalationMemberIds;
        Members = (await db.Servants.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct))
            .OrderBy(s => s.Id == me ? 0 : 1).ThenBy(s => s.LastNames)
            .Select(s => s.Id == me ? $"{s.FullName} (registra)" : s.FullName).ToList();
        return true;
    }
}
