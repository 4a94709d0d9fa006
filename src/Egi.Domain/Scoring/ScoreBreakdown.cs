namespace Egi.Domain.Scoring;

/// <summary>One goal as the scoring needs it: its weight (%), the % agreed for the first follow-up and the
/// cumulative % achieved at follow-ups I and II (all 0–100).</summary>
public sealed record ScoredGoal(int Weight, int AgreedPercent, int FirstFollowUpAchieved, int SecondFollowUpAchieved);

/// <summary>
/// The scores of one evaluation (SPEC §4), each on 0–100 and rounded once, at the end, to two decimals
/// half-up (<see cref="MidpointRounding.AwayFromZero"/>). <see cref="Final"/> is computed from the unrounded
/// components, so it may differ by 0.01 from recomputing it with the rounded components shown here;
/// <see cref="Level"/> is that of the rounded <see cref="Final"/> (the score a person reads). <see cref="FirstFollowUp"/>
/// is informative and null when the first follow-up does not apply (a late hire): it never enters the final rating.
/// </summary>
public sealed record ScoreBreakdown(
    decimal? FirstFollowUp,
    decimal GoalsComponent,
    decimal CompetenciesComponent,
    decimal Final,
    RatingLevel Level)
{
    /// <summary>The Spanish label of <see cref="Level"/>.</summary>
    public string LevelLabel => Level.Label();
}

/// <summary>
/// The scores of one evaluation as computed, before the one rounding of <see cref="ScoreBreakdown"/> (e.g. a final rating
/// of 83.085 that a person reads as 83,09). Averages over several evaluations add these up and round the result once.
/// <see cref="FirstFollowUp"/> is null when the first follow-up does not apply (a late hire).
/// </summary>
public sealed record UnroundedScores(decimal? FirstFollowUp, decimal GoalsComponent, decimal CompetenciesComponent, decimal Final);
