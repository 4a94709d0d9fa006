using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>Model of the partial _PartialEvaluations: who evaluated when, and every partial evaluation with its score at that date.</summary>
public sealed record PartialEvaluationsView(EvaluationCase Case, IReadOnlyDictionary<int, string> Names)
{
    public Evaluation Evaluation => Case.Evaluation;

    public string NameOf(int id) => Names.TryGetValue(id, out var n) ? n : $"Servidor {id}";

    /// <summary>The goals score (Σ peso × % logrado / 100) of a recorded partial, two decimals.</summary>
    public string ScoreOf(PartialEvaluation p) =>
        NumberText.Score(ScoringPolicy.Round(new ScoringPolicy(Case.Period.Settings).PartialGoalsScore(p)));

    public string Description(int goalNumber) => Evaluation.Goals.FirstOrDefault(g => g.Number == goalNumber)?.Description ?? "";

    public PartialEvaluationRule Rule => Case.Period.Settings.PartialEvaluationsInFinal;

    public static async Task<PartialEvaluationsView> LoadAsync(EgiDbContext db, EvaluationCase c, CancellationToken ct)
    {
        var e = c.Evaluation;
        var ids = e.Tenures.Select(t => t.EvaluatorId).Concat(e.Partials.Select(p => p.EvaluatorId)).Distinct().ToList();
        var names = ids.Count == 0
            ? new Dictionary<int, string>()
            : await db.Servants.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => (s.FirstNames + " " + s.LastNames).Trim(), ct);
        return new PartialEvaluationsView(c, names);
    }
}
