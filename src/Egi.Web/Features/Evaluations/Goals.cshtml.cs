using System.Globalization;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Periods;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Activity 4: the evaluado formulates the goals. Only the evaluado opens this page (anyone else gets 404); outside
/// «Formulación de metas» it explains why nothing can be changed. The form always has the period's maximum of goal
/// rows (no JavaScript needed): empty rows are ignored. «Guardar borrador» keeps an incomplete set; «Enviar al jefe
/// para aprobación» asks the domain to check every rule. A stale save keeps what was typed and says so.
/// </summary>
public sealed class GoalsModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public EvSummary Summary { get; private set; } = null!;

    /// <summary>True when the person may edit now: in formulation, not escalated, the step open.</summary>
    public bool CanEdit { get; private set; }

    /// <summary>Why the goals came back to formulation (the evaluator's rejection or the evaluado's «no aceptar»).</summary>
    public EvaluationEvent? CameBack { get; private set; }

    /// <summary>Set after a stale save: what is saved now, shown beside what the person typed.</summary>
    public bool Stale { get; private set; }

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public List<EvGoalRow> Goals { get; set; } = [];

    public int MaxGoals => Case.Period.Settings.MaxGoals;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Evaluation.Version;
        Goals = Evaluation.OrderedGoals.Select(EvGoalRow.From).ToList();
        Pad();
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct) => RunAsync(id, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) => RunAsync(id, submit: true, ct);

    private async Task<IActionResult> RunAsync(int id, bool submit, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // The rows are redisplayed compacted (filled rows first), so "Goals[i]" keys of the domain land on the right row.
        ModelState.Clear();
        Goals = (Goals ?? []).Where(r => r is not null && !r.IsEmpty).ToList();
        var (goals, parseErrors) = EvGoalRow.Parse(Goals, submit);
        if (parseErrors.Count > 0)
        {
            var unreadable = parseErrors.Select(e => e.Field).ToHashSet();
            var rules = Goal.ValidateSet(goals, Case.Period.Settings, Case.Period.Year, complete: submit).Where(e => !unreadable.Contains(e.Field));
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
                ? $"Envió sus metas a {evaluator} para aprobación. Le avisaremos cuando las revise."
                : "Guardó el borrador de sus metas. Puede seguir editándolas y enviarlas cuando estén completas.";
            return submit ? RedirectToPage("./Details", new { id }) : RedirectToPage("./Goals", new { id });
        }

        ModelState.AddFieldErrors(outcome.Errors, "");
        if (outcome.Errors.Any(e => e.Message == EvaluationWorkflow.StaleMessage))
        {
            // Keep what was typed; from now on the person works over the version that is saved (shown beside the form).
            Stale = true;
            Version = Evaluation.Version;
        }
        CanEdit = IsEditable();
        Pad();
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var c = await workflow.LoadAsync(id, ct);
        if (c is null || !c.IsEvaluado) return false;
        Case = c;
        Summary = await EvSummary.LoadAsync(db, c, ct);
        CanEdit = IsEditable();
        CameBack = c.Evaluation.History
            .Where(h => h.To == EvaluationState.GoalFormulation && h.From != h.To)
            .OrderBy(h => h.Sequence).LastOrDefault() is { Action: Actions.Reject or Actions.NotAccept } last
            && c.Evaluation.State == EvaluationState.GoalFormulation ? last : null;
        return true;
    }

    private bool IsEditable() =>
        Evaluation.State == EvaluationState.GoalFormulation
        && Evaluation.EscalatedStep != EvaluationStep.Goals
        && Evaluation.IsStepOpen(EvaluationStep.Goals, Case.Context);

    /// <summary>Always offers the period's maximum of rows.</summary>
    private void Pad()
    {
        while (Goals.Count < MaxGoals) Goals.Add(new EvGoalRow());
    }
}

/// <summary>One goal row of the formulation form, as typed: text, so whatever was typed comes back on an error.</summary>
public sealed class EvGoalRow
{
    public string? Description { get; set; }
    public string? Weight { get; set; }
    public string? ExpectedEvidence { get; set; }
    public string? AgreedFirstFollowUpPercent { get; set; }

    /// <summary>yyyy-MM-dd (what a date input sends) or dd/MM/yyyy (what a person types).</summary>
    public string? DueDate { get; set; }

    /// <summary>The institutional plan item (the plans registry comes later): kept as it is.</summary>
    public int? PlanItemId { get; set; }

    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Weight) && string.IsNullOrWhiteSpace(ExpectedEvidence)
        && string.IsNullOrWhiteSpace(AgreedFirstFollowUpPercent) && string.IsNullOrWhiteSpace(DueDate);

    public static EvGoalRow From(Goal g) => new()
    {
        Description = g.Description,
        Weight = g.Weight == 0 ? "" : g.Weight.ToString(CultureInfo.InvariantCulture),
        ExpectedEvidence = g.ExpectedEvidence,
        AgreedFirstFollowUpPercent = g.AgreedFirstFollowUpPercent.ToString(CultureInfo.InvariantCulture),
        DueDate = g.DueDate is { } d ? PeriodText.IsoDate(d) : "",
        PlanItemId = g.PlanItemId,
    };

    /// <summary>
    /// Reads the typed rows. What cannot be read gets a Spanish message keyed "Goals[i].Field" (the domain's keys).
    /// A blank weight or % reads as 0 in a draft; on submission a blank % is asked for (0 is a valid answer).
    /// </summary>
    public static (List<Goal> Goals, List<FieldError> Errors) Parse(IReadOnlyList<EvGoalRow> rows, bool submit)
    {
        var goals = new List<Goal>();
        var errors = new List<FieldError>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var key = $"Goals[{i}]";
            var n = i + 1;
            var weight = 0;
            if (!string.IsNullOrWhiteSpace(r.Weight) && !PeriodText.TryParseInt(r.Weight, out weight))
                errors.Add(new($"{key}.{nameof(Goal.Weight)}", $"Meta {n}: el peso debe ser un número entero entre 1 y 100 (sin decimales); escribió «{r.Weight.Trim()}»."));
            var agreed = 0;
            if (string.IsNullOrWhiteSpace(r.AgreedFirstFollowUpPercent))
            {
                if (submit)
                    errors.Add(new($"{key}.{nameof(Goal.AgreedFirstFollowUpPercent)}", $"Meta {n}: indique el porcentaje pactado para el primer seguimiento (un número entero de 0 a 100)."));
            }
            else if (!PeriodText.TryParseInt(r.AgreedFirstFollowUpPercent, out agreed))
                errors.Add(new($"{key}.{nameof(Goal.AgreedFirstFollowUpPercent)}", $"Meta {n}: el porcentaje pactado para el primer seguimiento debe ser un número entero de 0 a 100; escribió «{r.AgreedFirstFollowUpPercent.Trim()}»."));
            DateOnly? due = null;
            if (!string.IsNullOrWhiteSpace(r.DueDate))
            {
                if (PeriodText.TryParseDate(r.DueDate, out var d)) due = d;
                else errors.Add(new($"{key}.{nameof(Goal.DueDate)}", $"Meta {n}: la fecha de cumplimiento no es válida; escriba una fecha como 15/12/2026 (dd/mm/aaaa)."));
            }
            goals.Add(new Goal
            {
                Number = n,
                Description = (r.Description ?? "").Trim(),
                Weight = weight,
                ExpectedEvidence = (r.ExpectedEvidence ?? "").Trim(),
                AgreedFirstFollowUpPercent = agreed,
                DueDate = due,
                PlanItemId = r.PlanItemId,
            });
        }
        return (goals, errors);
    }
}
