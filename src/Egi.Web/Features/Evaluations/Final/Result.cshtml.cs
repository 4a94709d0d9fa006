using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Egi.Web.Features.Evaluations;

/// <summary>Model of the partial _ResultBreakdown: the score breakdown of SPEC §4 with the weights of the period.</summary>
public sealed record ResultBreakdown(ScoreBreakdown Score, PeriodSettings Settings)
{
    /// <summary>
    /// The full breakdown once the competencies were rated (the evaluation is at the final acceptance or finished);
    /// null otherwise (also when a not-accepted result sent it back to the self-evaluation II).
    /// </summary>
    public static ResultBreakdown? Of(EvaluationCase c) =>
        c.Evaluation is { State: EvaluationState.FinalAcceptance or EvaluationState.Finalized, Competencies.Count: > 0 }
            ? new(new ScoringPolicy(c.Period.Settings).Score(c.Evaluation), c.Period.Settings)
            : null;
}

/// <summary>
/// The printable result sheet of a finished evaluation (/Evaluations/Result/{id}): entity, period, evaluado,
/// evaluator, goals with weights and achieved %, competency ratings, the breakdown, the level and the date of the
/// final acceptance. Anyone who may see the evaluation (<see cref="EvaluationWorkflow.LoadAsync"/>) opens it; others
/// get 404. Before «Finalizada» it only explains why there is no sheet yet.
/// </summary>
public sealed class ResultModel(EvaluationWorkflow workflow, EgiDbContext db, IOptions<EgiOptions> options) : PageModel
{
    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public string EntityName => options.Value.EntityName;
    public string DependencyName { get; private set; } = "—";
    /// <summary>Goals, competencies and breakdown (partial _FinalResult); null before «Finalizada».</summary>
    public FinalResult? Result { get; private set; }
    public bool IsFinalized => Evaluation.State == EvaluationState.Finalized;

    /// <summary>When the evaluado accepted the final result (Bogotá date), if recorded.</summary>
    public DateOnly? AcceptedOn =>
        Evaluation.History.Where(h => h.To == EvaluationState.Finalized).OrderBy(h => h.Sequence).Select(h => (DateOnly?)BogotaTime.Day(h.At)).LastOrDefault();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var c = await workflow.LoadAsync(id, ct);
        if (c is null) return NotFound();
        Case = c;
        DependencyName = (await EvaluationSummary.LoadAsync(db, c, ct)).DependencyName;
        Result = IsFinalized ? FinalResult.Of(c) : null;
        return Page();
    }
}
