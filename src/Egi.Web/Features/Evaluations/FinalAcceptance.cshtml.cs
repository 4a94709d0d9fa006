using System.Globalization;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Evaluations;

/// <summary>The result an evaluado reads at the final acceptance: goals with the second follow-up, the competency ratings and the scores.</summary>
public sealed record CrResult(EvaluationCase Case, ScoreBreakdown? Score)
{
    private static readonly CultureInfo EsCo = CultureInfo.GetCultureInfo("es-CO");

    /// <summary>A score with two decimals as read in Colombia: 87,45.</summary>
    public static string Number(decimal value) => value.ToString("0.00", EsCo);

    /// <summary>The cumulative % achieved at the second follow-up of a goal (0 when not reported).</summary>
    public int SecondFollowUp(int goalNumber) =>
        Case.Evaluation.ProgressOf(2).LastOrDefault(p => p.GoalNumber == goalNumber)?.AchievedPercent ?? 0;

    /// <summary>The label of a scale value in the period's scale ("Siempre"), or the value itself.</summary>
    public string ScaleLabel(int value) =>
        Case.Period.Settings.CompetencyScale.FirstOrDefault(l => l.Value == value)?.Label ?? value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The score of an evaluation whose competencies were rated; null otherwise.</summary>
    public static CrResult Of(EvaluationCase c) =>
        new(c, c.Evaluation.Competencies.Count > 0 ? new ScoringPolicy(c.Period.Settings).Score(c.Evaluation) : null);
}

/// <summary>
/// Activity 15: the evaluado reads the final result (goals at the second follow-up, competency ratings and the score
/// breakdown) and accepts it (the evaluation is finished) or does not accept it with a reason (back to the
/// self-evaluation II). Only the evaluado opens this page; anyone else gets 404.
/// </summary>
public sealed class FinalAcceptanceModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public EvSummary Summary { get; private set; } = null!;
    public CrResult Result { get; private set; } = null!;

    public bool CanAct => Evaluation.CanActNow(Case.Actor, PendingAction.AcceptFinal, Case.Context);

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
        var outcome = await workflow.RunAsync(Case, Version, e => e.AcceptFinal(Case.Actor, Case.Context), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        TempData["Mensaje"] = "Aceptó el resultado final: su evaluación quedó finalizada.";
        return RedirectToPage("./Details", new { id });
    }

    public async Task<IActionResult> OnPostNotAcceptAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        var outcome = await workflow.RunAsync(Case, Version, e => e.NotAcceptFinal(Case.Actor, Reason, Case.Context), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        TempData["Mensaje"] = "Registró que no acepta el resultado final. La evaluación volvió a la Autoevaluación II.";
        return RedirectToPage("./Details", new { id });
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
        Result = CrResult.Of(c);
        return true;
    }
}
