using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;

namespace Egi.Domain.Scoring;

/// <summary>
/// The scoring of SPEC §4 as a pure policy built from a period's <see cref="PeriodSettings"/>.
/// <para>
/// All arithmetic is in <see cref="decimal"/>. The component methods (<see cref="FirstFollowUp"/>,
/// <see cref="GoalsComponent"/>, <see cref="CompetenciesComponent"/>, <see cref="Final"/>) return EXACT,
/// unrounded values (up to decimal's 28 significant digits, e.g. 33.333… for a third), so they can be
/// combined without rounding intermediate values. <see cref="Score(IReadOnlyList{ScoredGoal}, IReadOnlyList{int})"/>
/// rounds each value it exposes once, at the end, to two decimals half-up (<see cref="Round"/>); show those,
/// or pass a single value through <see cref="Round"/> before displaying it.
/// </para>
/// <para>
/// Empty inputs: no goals gives 0 for the goal-based scores; no competency ratings is refused with an
/// <see cref="ArgumentException"/> (a final rating without competencies would be silently low).
/// </para>
/// </summary>
public sealed class ScoringPolicy
{
    /// <summary>Weight of the goals component in the final rating, in %.</summary>
    public int GoalsWeight { get; }

    /// <summary>Weight of the competencies component in the final rating, in %.</summary>
    public int CompetenciesWeight { get; }

    /// <summary>Sobresaliente from this score (inclusive).</summary>
    public decimal OutstandingFrom { get; }

    /// <summary>No satisfactorio up to this score (inclusive).</summary>
    public decimal UnsatisfactoryUpTo { get; }

    /// <summary>The highest value of the competency scale: a rating equal to it everywhere gives 100.</summary>
    public int MaxScaleValue { get; }

    /// <summary>How partial evaluations enter the goals component (default: the last evaluator's follow-up only).</summary>
    public PartialEvaluationRule PartialRule { get; }

    private readonly HashSet<int> scaleValues;

    /// <summary>Copies the scoring settings (later changes to <paramref name="settings"/> do not affect this policy).</summary>
    /// <exception cref="ArgumentException">The competency scale is empty or its top value is not positive.</exception>
    public ScoringPolicy(PeriodSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.CompetencyScale.Count == 0)
            throw new ArgumentException("The competency scale has no levels.", nameof(settings));
        GoalsWeight = settings.GoalsWeight;
        CompetenciesWeight = settings.CompetenciesWeight;
        OutstandingFrom = settings.OutstandingFrom;
        UnsatisfactoryUpTo = settings.UnsatisfactoryUpTo;
        PartialRule = settings.PartialEvaluationsInFinal;
        scaleValues = settings.CompetencyScale.Select(l => l.Value).ToHashSet();
        MaxScaleValue = scaleValues.Max();
        if (MaxScaleValue <= 0)
            throw new ArgumentException("The top value of the competency scale must be positive.", nameof(settings));
    }

    /// <summary>Two decimals, half-up (<see cref="MidpointRounding.AwayFromZero"/>): 83.085 → 83.09.</summary>
    public static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// First follow-up progress (informative, for early warnings): Σ weightᵢ × min(achievedᵢ / agreedᵢ, 1),
    /// 0–100 when the weights add up to 100. A goal whose agreed % is 0 counts as met (its whole weight).
    /// Exact, unrounded; no goals gives 0.
    /// </summary>
    public decimal FirstFollowUp(IReadOnlyList<(int Weight, int AgreedPercent, int AchievedPercent)> goals)
    {
        ArgumentNullException.ThrowIfNull(goals);
        var sum = 0m;
        foreach (var (weight, agreed, achieved) in goals)
        {
            CheckPercent(weight, nameof(goals));
            CheckPercent(agreed, nameof(goals));
            CheckPercent(achieved, nameof(goals));
            // min(achieved / agreed, 1): met (or agreed 0) → the whole weight; otherwise weight × achieved / agreed,
            // multiplying first so that a single division keeps the value exact whenever it can be.
            sum += agreed == 0 || achieved >= agreed ? weight : (decimal)weight * achieved / agreed;
        }
        return sum;
    }

    /// <summary>
    /// Goals component (at the second follow-up): Σ weightᵢ × achievedᵢ / 100, 0–100 when the weights add up
    /// to 100. Exact (with integer inputs it has at most two decimals); no goals gives 0.
    /// </summary>
    public decimal GoalsComponent(IReadOnlyList<(int Weight, int AchievedPercent)> goals)
    {
        ArgumentNullException.ThrowIfNull(goals);
        var sum = 0m;
        foreach (var (weight, achieved) in goals)
        {
            CheckPercent(weight, nameof(goals));
            CheckPercent(achieved, nameof(goals));
            sum += (decimal)weight * achieved;
        }
        return sum / 100m;
    }

    /// <summary>
    /// The goals score of a recorded partial evaluation: Σ weightᵢ × achievedᵢ / 100 with the weights it was recorded
    /// with, i.e. the goals component "at that date". Exact, unrounded.
    /// </summary>
    public decimal PartialGoalsScore(PartialEvaluation partial)
    {
        ArgumentNullException.ThrowIfNull(partial);
        return GoalsComponent(partial.Goals.Select(g => (g.Weight, g.AchievedPercent)).ToList());
    }

    /// <summary>
    /// Goals component under <see cref="PartialEvaluationRule.WeightedByTime"/>: Σ daysᵢ × scoreᵢ / Σ daysᵢ over the
    /// evaluators (each recorded partial and the last evaluator). Evaluators who covered no day do not count; when
    /// nobody covered a day, the last entry (the last evaluator) is the result. Exact, unrounded.
    /// </summary>
    public static decimal WeightedByTime(IReadOnlyList<(int Days, decimal GoalsScore)> evaluators)
    {
        ArgumentNullException.ThrowIfNull(evaluators);
        if (evaluators.Count == 0) return 0m;
        if (evaluators.Any(e => e.Days < 0)) throw new ArgumentOutOfRangeException(nameof(evaluators), "Days cannot be negative.");
        var days = evaluators.Sum(e => (decimal)e.Days);
        if (days == 0) return evaluators[^1].GoalsScore;
        return evaluators.Sum(e => e.Days * e.GoalsScore) / days;
    }

    /// <summary>
    /// The (days, goals score) of each evaluator of an evaluation for <see cref="WeightedByTime"/>: every recorded
    /// partial with the days it covered, then the last evaluator with <paramref name="lastGoalsScore"/> and the days from
    /// the day after the last recorded partial to the end of the period. Waived and pending partials do not count
    /// (their days are not attributed to anyone).
    /// </summary>
    public static IReadOnlyList<(int Days, decimal GoalsScore)> Evaluators(Evaluation evaluation, decimal lastGoalsScore, ScoringPolicy policy)
    {
        var recorded = evaluation.Partials.Where(p => p.Status == PartialStatus.Recorded).OrderBy(p => p.To).ToList();
        var list = recorded.Select(p => (p.CoveredDays, policy.PartialGoalsScore(p))).ToList();
        var all = evaluation.Partials.OrderBy(p => p.To).ToList();
        var lastDays = all.Count == 0 ? 0 : Math.Max(0, all[^1].PeriodEnd.DayNumber - all[^1].To.DayNumber);
        list.Add((lastDays, lastGoalsScore));
        return list;
    }

    /// <summary>
    /// Competencies component: mean(rating) / <see cref="MaxScaleValue"/> × 100, 0–100 (with the default scale,
    /// Siempre = 4 everywhere gives 100 and Frecuentemente = 3 everywhere gives 75). Exact, unrounded.
    /// </summary>
    /// <exception cref="ArgumentException">There are no ratings (the competencies must be rated before scoring).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is not a value of the period's scale.</exception>
    public decimal CompetenciesComponent(IReadOnlyList<int> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (ratings.Count == 0)
            throw new ArgumentException("There are no competency ratings to score.", nameof(ratings));
        foreach (var r in ratings)
            if (!scaleValues.Contains(r))
                throw new ArgumentOutOfRangeException(nameof(ratings), r, "A rating is not a value of the competency scale.");
        // Σ ratings × 100 / (count × max): one division, the same value as mean / max × 100.
        return ratings.Sum(r => (decimal)r) * 100m / (ratings.Count * (decimal)MaxScaleValue);
    }

    /// <summary>Final rating: GoalsWeight % × goals + CompetenciesWeight % × competencies (default 85/15). Exact, unrounded.</summary>
    public decimal Final(decimal goalsComponent, decimal competenciesComponent) =>
        (GoalsWeight * goalsComponent + CompetenciesWeight * competenciesComponent) / 100m;

    /// <summary>
    /// Sobresaliente when score ≥ <see cref="OutstandingFrom"/>; No satisfactorio when score ≤
    /// <see cref="UnsatisfactoryUpTo"/>; Satisfactorio strictly between. Pass the rounded final rating (as
    /// <see cref="Score(IReadOnlyList{ScoredGoal}, IReadOnlyList{int})"/> does) so the level matches the score shown.
    /// </summary>
    public RatingLevel Level(decimal score) =>
        score >= OutstandingFrom ? RatingLevel.Sobresaliente
        : score <= UnsatisfactoryUpTo ? RatingLevel.NoSatisfactorio
        : RatingLevel.Satisfactorio;

    /// <summary>
    /// The first follow-up's early warning (SPEC §4: the first follow-up is informative, «for early warnings»): its
    /// score, rounded as shown, falls in the No satisfactorio band of the period's scale (≤ <see cref="UnsatisfactoryUpTo"/>,
    /// 65 by default). So the warning moves with the period's levels, and says what the score would mean as a rating.
    /// </summary>
    public bool IsEarlyWarning(decimal firstFollowUpScore) => Level(firstFollowUpScore) == RatingLevel.NoSatisfactorio;

    /// <summary>
    /// The whole breakdown of one evaluation: every component computed exactly, then each exposed value rounded
    /// once to two decimals half-up; the final rating comes from the unrounded components and the level from
    /// the rounded final rating.
    /// </summary>
    /// <exception cref="ArgumentException">There are no competency ratings.</exception>
    public ScoreBreakdown Score(IReadOnlyList<ScoredGoal> goals, IReadOnlyList<int> competencyRatings) =>
        Rounded(Unrounded(goals, competencyRatings));

    /// <summary>The scores of <see cref="Score(IReadOnlyList{ScoredGoal}, IReadOnlyList{int})"/> before the one rounding.</summary>
    /// <exception cref="ArgumentException">There are no competency ratings.</exception>
    public UnroundedScores Unrounded(IReadOnlyList<ScoredGoal> goals, IReadOnlyList<int> competencyRatings)
    {
        ArgumentNullException.ThrowIfNull(goals);
        var first = FirstFollowUp(goals.Select(g => (g.Weight, g.AgreedPercent, g.FirstFollowUpAchieved)).ToList());
        var goalsComponent = GoalsComponent(goals.Select(g => (g.Weight, g.SecondFollowUpAchieved)).ToList());
        var competencies = CompetenciesComponent(competencyRatings);
        return new UnroundedScores(first, goalsComponent, competencies, Final(goalsComponent, competencies));
    }

    /// <summary>
    /// The breakdown of an <see cref="Evaluation"/>: its <see cref="Evaluation.OrderedGoals"/> (weight and % agreed
    /// for the first follow-up), the achieved % of <see cref="Evaluation.ProgressOf"/>(1) and (2) matched by goal
    /// number (a goal with no progress recorded at a follow-up counts as 0 % achieved there) and the values of
    /// <see cref="Evaluation.Competencies"/>.
    /// <para>
    /// Over the follow-ups that apply: the first follow-up is informative (weight 0 in the final rating) and the goals
    /// component is always the second follow-up's, so when the first does not apply (<see cref="Evaluation.FollowUpIExemption"/>,
    /// a late hire) the final rating is computed exactly as for everyone and <see cref="ScoreBreakdown.FirstFollowUp"/> is null.
    /// </para>
    /// </summary>
    /// <exception cref="ArgumentException">The competencies have not been rated.</exception>
    public ScoreBreakdown Score(Evaluation evaluation) => Rounded(Unrounded(evaluation));

    /// <summary>
    /// The scores of <see cref="Score(Evaluation)"/> before the one rounding: what an average over several evaluations
    /// adds up, so that the average is rounded once (rounding each score first can move it by a hundredth).
    /// </summary>
    /// <exception cref="ArgumentException">The competencies have not been rated.</exception>
    public UnroundedScores Unrounded(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var breakdown = ScoreOfGoals(evaluation);
        return evaluation.FollowUpIExemption is null ? breakdown : breakdown with { FirstFollowUp = null };
    }

    private UnroundedScores ScoreOfGoals(Evaluation evaluation)
    {
        var first = evaluation.ProgressOf(1).GroupBy(p => p.GoalNumber).ToDictionary(g => g.Key, g => g.Last().AchievedPercent);
        var second = evaluation.ProgressOf(2).GroupBy(p => p.GoalNumber).ToDictionary(g => g.Key, g => g.Last().AchievedPercent);
        var goals = evaluation.OrderedGoals
            .Select(g => new ScoredGoal(g.Weight, g.AgreedFirstFollowUpPercent, first.GetValueOrDefault(g.Number), second.GetValueOrDefault(g.Number)))
            .ToList();
        var ratings = evaluation.Competencies.Select(c => c.Value).ToList();
        if (PartialRule != PartialEvaluationRule.WeightedByTime || !evaluation.Partials.Any(p => p.Status == PartialStatus.Recorded))
            return Unrounded(goals, ratings);
        // Weighted by time: the goals component is the day-weighted average of every evaluator's goals score.
        var firstScore = FirstFollowUp(goals.Select(g => (g.Weight, g.AgreedPercent, g.FirstFollowUpAchieved)).ToList());
        var last = GoalsComponent(goals.Select(g => (g.Weight, g.SecondFollowUpAchieved)).ToList());
        var goalsComponent = WeightedByTime(Evaluators(evaluation, last, this));
        var competencies = CompetenciesComponent(ratings);
        return new UnroundedScores(firstScore, goalsComponent, competencies, Final(goalsComponent, competencies));
    }

    /// <summary>Each score rounded once to two decimals half-up; the level of the rounded final rating.</summary>
    public ScoreBreakdown Rounded(UnroundedScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var final = Round(scores.Final);
        return new ScoreBreakdown(scores.FirstFollowUp is { } first ? Round(first) : null, Round(scores.GoalsComponent), Round(scores.CompetenciesComponent), final, Level(final));
    }

    private static void CheckPercent(int value, string paramName)
    {
        if (value is < 0 or > 100)
            throw new ArgumentOutOfRangeException(paramName, value, "Weights and percentages must be between 0 and 100.");
    }
}
