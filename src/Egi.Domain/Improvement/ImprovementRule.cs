using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;

namespace Egi.Domain.Improvement;

/// <summary>Why a servant requires an individual improvement plan: the final level, or one low competency.</summary>
public sealed record ImprovementReason(string Text, string? Competency = null)
{
    public bool IsLevel => Competency is null;
}

/// <summary>
/// SPEC §6 (activity 18): who requires an individual improvement plan, from the period settings. By default a final
/// level below Sobresaliente (<see cref="PeriodSettings.ImprovementLevelBelow"/>) or any competency rated below
/// Frecuentemente (<see cref="PeriodSettings.ImprovementCompetencyBelow"/>). Pure: the caller gives the rounded final
/// score (the one a person reads) and the ratings; no reasons means no plan is required.
/// </summary>
public static class ImprovementRule
{
    private static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-CO");

    /// <summary>
    /// <see cref="Assess"/> gives a reason for a finished evaluation, read from the facts stored with it (its level and
    /// lowest competency), as an expression the database runs: the candidates of a period are selected in SQL and only
    /// they are read whole. A domain test holds the two forms together.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Evaluation, bool>> RequiresPlan(PeriodSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // The enum goes from the highest level (Sobresaliente = 0) to the lowest: "below" is a greater value.
        var levelBelow = settings.ImprovementLevelBelow;
        var competencyBelow = settings.ImprovementCompetencyBelow;
        return e => e.State == EvaluationState.Finalized && (e.Facts.Level > levelBelow || e.Facts.LowestCompetency < competencyBelow);
    }

    public static IReadOnlyList<ImprovementReason> Assess(decimal finalScore, IReadOnlyList<CompetencyScore> ratings, PeriodSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(settings);
        var reasons = new List<ImprovementReason>();
        var level = new ScoringPolicy(settings).Level(finalScore);
        // The enum goes from the highest level (Sobresaliente = 0) to the lowest: "below" is a greater value.
        if ((int)level > (int)settings.ImprovementLevelBelow)
            reasons.Add(new ImprovementReason($"Nivel {level.Label()} ({finalScore.ToString("0.00", Es)})"));
        foreach (var r in ratings.Where(r => r.Value < settings.ImprovementCompetencyBelow).OrderBy(r => r.Value).ThenBy(r => r.Competency, StringComparer.Ordinal))
            reasons.Add(new ImprovementReason($"Competencia «{r.Competency}» calificada {ScaleLabel(settings, r.Value)}", r.Competency));
        return reasons;
    }

    /// <summary>The option a person reads for a level threshold on the settings screen.</summary>
    public static string ThresholdLabel(RatingLevel below) => below switch
    {
        RatingLevel.Sobresaliente => "Por debajo de Sobresaliente (Satisfactorio o No satisfactorio)",
        RatingLevel.Satisfactorio => "Por debajo de Satisfactorio (solo No satisfactorio)",
        RatingLevel.NoSatisfactorio => "Ningún nivel (solo por competencias)",
        _ => below.ToString(),
    };

    /// <summary>The option a person reads for the EDL threshold on the settings screen.</summary>
    public static string EdlThresholdLabel(RatingLevel below) => below switch
    {
        RatingLevel.Sobresaliente => "Por debajo de Sobresaliente (Satisfactorio o No satisfactorio)",
        RatingLevel.Satisfactorio => "Por debajo de Satisfactorio (solo No satisfactorio)",
        RatingLevel.NoSatisfactorio => "Ningún nivel (la EDL no genera planes)",
        _ => below.ToString(),
    };

    private static string ScaleLabel(PeriodSettings s, int value) =>
        s.CompetencyScale.FirstOrDefault(l => l.Value == value)?.Label ?? value.ToString(CultureInfo.InvariantCulture);
}
