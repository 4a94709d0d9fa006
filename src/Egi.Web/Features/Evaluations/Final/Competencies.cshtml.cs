using Egi.Domain.Common;
using Egi.Domain.Competencies;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Evaluations;

/// <summary>One competency as the evaluator rates it: the name (hidden), the chosen scale value and an optional comment.</summary>
public sealed class CompetencyRatingInput
{
    public string Competency { get; set; } = "";
    public int? Value { get; set; }
    public string? Comment { get; set; }
}

/// <summary>
/// Activity 14: the current evaluator rates every applicable behavioural competency of the evaluado (from the
/// catalogue Talento Humano keeps, by nivel jerárquico and personal a cargo) on the period's scale, with an optional
/// comment; then the evaluation goes to the evaluado's final acceptance. Anyone else gets 404.
/// </summary>
public sealed class CompetenciesModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public EvaluationSummary Summary { get; private set; } = null!;

    /// <summary>The active catalogue entries that apply to the evaluado, in order.</summary>
    public IReadOnlyList<Competency> Applicable { get; private set; } = [];

    public bool CanAct => Evaluation.CanActNow(Case.Actor, PendingAction.RateCompetencies, Case.Context);

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public List<CompetencyRatingInput> Ratings { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Evaluation.Version;
        Ratings = Applicable.Select(a => new CompetencyRatingInput { Competency = a.Name }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        // One input per applicable competency, in the page's order, whatever the browser sent for the names.
        var posted = Applicable.Select(a => Ratings.FirstOrDefault(r => r.Competency == a.Name) ?? new CompetencyRatingInput()).ToList();
        Ratings = Applicable.Select((a, i) => new CompetencyRatingInput { Competency = a.Name, Value = posted[i].Value, Comment = posted[i].Comment }).ToList();
        var scores = Ratings.Where(r => r.Value is not null)
            .Select(r => new CompetencyScore { Competency = r.Competency, Value = r.Value!.Value, Comment = r.Comment })
            .ToList();
        var names = Applicable.Select(a => a.Name).ToList();
        var outcome = await workflow.RunAsync(Case, Version, e => e.RateCompetencies(Case.Actor, scores, names, Case.Context), ct);
        if (!outcome.Succeeded)
        {
            ShowErrors(outcome);
            return Page();
        }
        TempData["Mensaje"] = EvaluationMessages.CompetenciesRated(Case.Evaluado.FullName);
        return RedirectToPage("/Evaluations/Details", new { id });
    }

    /// <summary>Each message that names a competency goes next to its radio group; the rest to the summary.</summary>
    private void ShowErrors(Outcome outcome)
    {
        foreach (var error in outcome.Errors)
        {
            var index = Ratings.FindIndex(r => error.Message.Contains($"«{r.Competency}»", StringComparison.Ordinal));
            ModelState.AddModelError(index >= 0 ? $"Ratings[{index}].Value" : "", error.Message);
        }
        if (outcome.IsStale) Version = Evaluation.Version;
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var c = await workflow.LoadAsync(id, ct);
        if (c is null || !c.IsEvaluator) return false;
        Case = c;
        Summary = await EvaluationSummary.LoadAsync(db, c, ct);
        var catalogue = await CompetencyCatalogueQuery.LoadAsync(db, ct);
        Applicable = catalogue.ApplicableEntries(c.Evaluado.Level, c.Evaluado.HasStaff);
        return true;
    }
}
