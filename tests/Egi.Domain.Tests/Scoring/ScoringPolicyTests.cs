using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;

namespace Egi.Domain.Tests.Scoring;

/// <summary>SPEC §4 "Scoring", with every expected number worked by hand in the comment next to it.</summary>
public class ScoringPolicyTests
{
    private static readonly ScoringPolicy Default = new(PeriodSettings.Defaults());

    private static ScoringPolicy With(Action<PeriodSettings> change)
    {
        var s = PeriodSettings.Defaults();
        change(s);
        return new ScoringPolicy(s);
    }

    // ------------------------------------------------------------------ first follow-up

    [Fact]
    public void First_follow_up_caps_each_goal_at_its_agreed_percent()
    {
        // 33 × min(50/50, 1) + 33 × min(25/50, 1) + 34 × min(100/50, 1) = 33 + 16.5 + 34 = 83.5 (above agreed is capped at 1)
        Assert.Equal(83.5m, Default.FirstFollowUp([(33, 50, 50), (33, 50, 25), (34, 50, 100)]));
    }

    [Fact]
    public void First_follow_up_below_agreed_is_proportional()
    {
        // 40 × 20/80 + 60 × 25/50 = 10 + 30 = 40
        Assert.Equal(40m, Default.FirstFollowUp([(40, 80, 20), (60, 50, 25)]));
    }

    [Fact]
    public void First_follow_up_keeps_thirds_exact_and_rounds_only_for_display()
    {
        // 33 × 60/60 + 33 × 30/60 + 34 × 20/60 = 33 + 16.5 + 11.333… = 60.8333… → 60.83
        var exact = Default.FirstFollowUp([(33, 60, 60), (33, 60, 30), (34, 60, 20)]);
        Assert.True(exact > 60.8333m && exact < 60.8334m, exact.ToString());
        Assert.Equal(60.83m, ScoringPolicy.Round(exact));
    }

    [Fact]
    public void First_follow_up_counts_a_goal_agreed_at_zero_as_met()
    {
        // agreed 0 → the whole weight, whatever was achieved: 50 + 50 × 10/40 = 50 + 12.5 = 62.5
        Assert.Equal(62.5m, Default.FirstFollowUp([(50, 0, 0), (50, 40, 10)]));
        // 50 (agreed 0, achieved 30: still just met) + 50 × 40/40 = 100
        Assert.Equal(100m, Default.FirstFollowUp([(50, 0, 30), (50, 40, 40)]));
    }

    [Fact]
    public void First_follow_up_without_goals_is_zero() => Assert.Equal(0m, Default.FirstFollowUp([]));

    // ------------------------------------------------------------------ goals component

    [Fact]
    public void Goals_component_weights_33_33_34()
    {
        // 33 × 100/100 + 33 × 50/100 + 34 × 75/100 = 33 + 16.5 + 25.5 = 75
        Assert.Equal(75m, Default.GoalsComponent([(33, 100), (33, 50), (34, 75)]));
        // 33 × 0.99 + 33 × 0.98 + 34 × 0.97 = 32.67 + 32.34 + 32.98 = 97.99
        Assert.Equal(97.99m, Default.GoalsComponent([(33, 99), (33, 98), (34, 97)]));
        // everything achieved: 33 + 33 + 34 = 100
        Assert.Equal(100m, Default.GoalsComponent([(33, 100), (33, 100), (34, 100)]));
    }

    [Fact]
    public void Goals_component_without_goals_is_zero() => Assert.Equal(0m, Default.GoalsComponent([]));

    [Fact]
    public void Percentages_outside_0_to_100_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.GoalsComponent([(100, 101)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.FirstFollowUp([(100, 50, -1)]));
    }

    // ------------------------------------------------------------------ competencies component

    [Fact]
    public void Competencies_all_siempre_is_100_and_all_frecuentemente_is_75()
    {
        // mean 4 / 4 × 100 = 100
        Assert.Equal(100m, Default.CompetenciesComponent([4, 4, 4, 4]));
        // mean 3 / 4 × 100 = 75
        Assert.Equal(75m, Default.CompetenciesComponent([3, 3, 3]));
    }

    [Fact]
    public void Competencies_mix()
    {
        // (4 + 3 + 2) / 3 = 3 → 3 / 4 × 100 = 75
        Assert.Equal(75m, Default.CompetenciesComponent([4, 3, 2]));
        // (4 + 3 + 3 + 2 + 1) / 5 = 2.6 → 2.6 / 4 × 100 = 65
        Assert.Equal(65m, Default.CompetenciesComponent([4, 3, 3, 2, 1]));
        // (4 + 4 + 3) / 3 = 3.666… → / 4 × 100 = 91.666… → 91.67
        Assert.Equal(91.67m, ScoringPolicy.Round(Default.CompetenciesComponent([4, 4, 3])));
    }

    [Fact]
    public void Competencies_use_the_top_of_the_period_scale()
    {
        var fivePoint = With(s => s.CompetencyScale = [new() { Label = "Nunca", Value = 1 }, new() { Label = "Pocas", Value = 2 },
            new() { Label = "A veces", Value = 3 }, new() { Label = "Casi siempre", Value = 4 }, new() { Label = "Siempre", Value = 5 }]);
        Assert.Equal(5, fivePoint.MaxScaleValue);
        // (5 + 4) / 2 = 4.5 → 4.5 / 5 × 100 = 90
        Assert.Equal(90m, fivePoint.CompetenciesComponent([5, 4]));
    }

    [Fact]
    public void Competencies_without_ratings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Default.CompetenciesComponent([]));
        Assert.Throws<ArgumentException>(() => Default.Score([new ScoredGoal(100, 50, 50, 100)], []));
    }

    [Fact]
    public void A_rating_outside_the_scale_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.CompetenciesComponent([4, 5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.CompetenciesComponent([0]));
    }

    // ------------------------------------------------------------------ final rating

    [Fact]
    public void Final_uses_the_85_15_split_by_default()
    {
        // 0.85 × 75 + 0.15 × 100 = 63.75 + 15 = 78.75
        Assert.Equal(78.75m, Default.Final(75m, 100m));
        // 0.85 × 80 + 0.15 × 75 = 68 + 11.25 = 79.25
        Assert.Equal(79.25m, Default.Final(80m, 75m));
    }

    [Fact]
    public void Final_uses_a_70_30_setting()
    {
        var p = With(s => { s.GoalsWeight = 70; s.CompetenciesWeight = 30; });
        // 0.70 × 75 + 0.30 × 100 = 52.5 + 30 = 82.5
        Assert.Equal(82.5m, p.Final(75m, 100m));
        // 0.70 × 80 + 0.30 × 75 = 56 + 22.5 = 78.5
        Assert.Equal(78.5m, p.Final(80m, 75m));
    }

    [Fact]
    public void The_policy_copies_the_settings()
    {
        var s = PeriodSettings.Defaults();
        var p = new ScoringPolicy(s);
        s.GoalsWeight = 70;
        s.CompetenciesWeight = 30;
        Assert.Equal(78.75m, p.Final(75m, 100m)); // still 85/15: 63.75 + 15
    }

    // ------------------------------------------------------------------ level

    [Theory]
    [InlineData("0", RatingLevel.NoSatisfactorio)]
    [InlineData("65", RatingLevel.NoSatisfactorio)]
    [InlineData("65.01", RatingLevel.Satisfactorio)]
    [InlineData("89.99", RatingLevel.Satisfactorio)]
    [InlineData("90", RatingLevel.Sobresaliente)]
    [InlineData("100", RatingLevel.Sobresaliente)]
    public void Level_boundaries_by_default(string score, RatingLevel expected) =>
        Assert.Equal(expected, Default.Level(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("60.5", RatingLevel.NoSatisfactorio)]
    [InlineData("60.51", RatingLevel.Satisfactorio)]
    [InlineData("65", RatingLevel.Satisfactorio)]
    [InlineData("84.99", RatingLevel.Satisfactorio)]
    [InlineData("85", RatingLevel.Sobresaliente)]
    public void Level_boundaries_with_custom_thresholds(string score, RatingLevel expected)
    {
        var p = With(s => { s.OutstandingFrom = 85m; s.UnsatisfactoryUpTo = 60.5m; });
        Assert.Equal(expected, p.Level(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Levels_read_in_spanish()
    {
        Assert.Equal("Sobresaliente", RatingLevel.Sobresaliente.Label());
        Assert.Equal("Satisfactorio", RatingLevel.Satisfactorio.Label());
        Assert.Equal("No satisfactorio", RatingLevel.NoSatisfactorio.Label());
    }

    // ------------------------------------------------------------------ rounding

    [Fact]
    public void Rounding_is_half_up_not_bankers()
    {
        Assert.Equal(83.09m, ScoringPolicy.Round(83.085m)); // banker's rounding would give 83.08
        Assert.Equal(2.35m, ScoringPolicy.Round(2.345m));   // banker's: 2.34
        Assert.Equal(2.34m, ScoringPolicy.Round(2.3449m));
    }

    [Fact]
    public void A_final_at_x_xx5_rounds_up()
    {
        // goals: 33 × 100 + 33 × 84 + 34 × 57 = 3300 + 2772 + 1938 = 8010 → / 100 = 80.10
        // competencies: all Siempre = 100
        // final: 0.85 × 80.10 + 0.15 × 100 = 68.085 + 15 = 83.085 → half-up 83.09
        var b = Default.Score(
            [new ScoredGoal(33, 50, 50, 100), new ScoredGoal(33, 50, 50, 84), new ScoredGoal(34, 50, 50, 57)], [4, 4, 4]);
        Assert.Equal(80.10m, b.GoalsComponent);
        Assert.Equal(100m, b.CompetenciesComponent);
        Assert.Equal(83.09m, b.Final);
        Assert.Equal(RatingLevel.Satisfactorio, b.Level);
    }

    [Fact]
    public void Rounding_once_at_the_end_differs_from_rounding_the_components_first()
    {
        // goals: 33 × 100 + 33 × 18 + 34 × 64 = 3300 + 594 + 2176 = 6070 → 60.70
        // competencies: Algunas veces, Algunas veces, Frecuentemente = (2 + 2 + 3) / 3 / 4 × 100 = 7/12 × 100 = 58.333…
        // once:  0.85 × 60.70 + 0.15 × 58.333… = 51.595 + 8.75   = 60.345  → 60.35
        // early: 0.85 × 60.70 + 0.15 × 58.33   = 51.595 + 8.7495 = 60.3445 → 60.34 (wrong)
        var b = Default.Score(
            [new ScoredGoal(33, 50, 50, 100), new ScoredGoal(33, 50, 50, 18), new ScoredGoal(34, 50, 50, 64)], [2, 2, 3]);
        Assert.Equal(60.70m, b.GoalsComponent);
        Assert.Equal(58.33m, b.CompetenciesComponent);
        Assert.Equal(60.35m, b.Final);
        Assert.Equal(60.34m, ScoringPolicy.Round(Default.Final(b.GoalsComponent, b.CompetenciesComponent)));
    }

    [Fact]
    public void The_level_is_that_of_the_rounded_final_rating()
    {
        // goals: 33 × 100 + 33 × 76 + 34 × 93 = 3300 + 2508 + 3162 = 8970 → 89.70
        // competencies: (4 + 4 + 3) / 3 / 4 × 100 = 91.666…
        // final: 0.85 × 89.70 + 0.15 × 91.666… = 76.245 + 13.75 = 89.995 → 90.00 → Sobresaliente (the score shown)
        var b = Default.Score(
            [new ScoredGoal(33, 50, 50, 100), new ScoredGoal(33, 50, 50, 76), new ScoredGoal(34, 50, 50, 93)], [4, 4, 3]);
        Assert.Equal(89.995m, Default.Final(89.70m, Default.CompetenciesComponent([4, 4, 3])));
        Assert.Equal(90.00m, b.Final);
        Assert.Equal(RatingLevel.Sobresaliente, b.Level);
        Assert.Equal("Sobresaliente", b.LevelLabel);
    }

    // ------------------------------------------------------------------ breakdown

    [Fact]
    public void Breakdown_without_goals_is_zero_for_the_goals()
    {
        // first 0, goals 0, competencies 100 → final 0.85 × 0 + 0.15 × 100 = 15 → No satisfactorio
        var b = Default.Score([], [4]);
        Assert.Equal(new ScoreBreakdown(0m, 0m, 100m, 15m, RatingLevel.NoSatisfactorio), b);
    }

    [Fact]
    public void Breakdown_from_an_evaluation()
    {
        var e = Evaluation.Open(1, 10, 20, new DateTime(2026, 1, 5));
        e.Goals =
        [
            new Goal { Number = 3, Weight = 34, AgreedFirstFollowUpPercent = 0 },
            new Goal { Number = 1, Weight = 33, AgreedFirstFollowUpPercent = 50 },
            new Goal { Number = 2, Weight = 33, AgreedFirstFollowUpPercent = 40 },
        ];
        e.Progress =
        [
            new GoalProgress { FollowUp = 1, GoalNumber = 1, AchievedPercent = 25 },
            new GoalProgress { FollowUp = 1, GoalNumber = 2, AchievedPercent = 60 },
            new GoalProgress { FollowUp = 1, GoalNumber = 3, AchievedPercent = 10 },
            new GoalProgress { FollowUp = 2, GoalNumber = 3, AchievedPercent = 75 },
            new GoalProgress { FollowUp = 2, GoalNumber = 1, AchievedPercent = 100 },
            new GoalProgress { FollowUp = 2, GoalNumber = 2, AchievedPercent = 50 },
        ];
        e.Competencies = [new() { Competency = "A", Value = 4 }, new() { Competency = "B", Value = 3 }, new() { Competency = "C", Value = 4 }, new() { Competency = "D", Value = 3 }];

        var b = Default.Score(e);

        // first: 33 × 25/50 + 33 × min(60/40, 1) + 34 (agreed 0) = 16.5 + 33 + 34 = 83.5
        // goals: 33 × 1 + 33 × 0.5 + 34 × 0.75 = 33 + 16.5 + 25.5 = 75
        // competencies: (4 + 3 + 4 + 3) / 4 = 3.5 → / 4 × 100 = 87.5
        // final: 0.85 × 75 + 0.15 × 87.5 = 63.75 + 13.125 = 76.875 → half-up 76.88 → Satisfactorio
        Assert.Equal(new ScoreBreakdown(83.5m, 75m, 87.5m, 76.88m, RatingLevel.Satisfactorio), b);
    }

    [Fact]
    public void The_unrounded_scores_are_those_before_the_one_rounding_of_the_breakdown()
    {
        // first: both goals at their agreed 50 % → 100; goals: (10 × 81 + 90 × 80) / 100 = 80.10
        // competencies: ten ratings, all Siempre (4) → 100; final 0.85 × 80.10 + 0.15 × 100 = 68.085 + 15 = 83.085 → 83.09
        var goals = new List<ScoredGoal> { new(10, 50, 50, 81), new(90, 50, 50, 80) };
        var ratings = Enumerable.Repeat(4, 10).ToList();

        var exact = Default.Unrounded(goals, ratings);
        var shown = Default.Score(goals, ratings);

        Assert.Equal(new UnroundedScores(100m, 80.10m, 100m, 83.085m), exact);
        Assert.Equal(83.09m, shown.Final);
        Assert.Equal(shown, Default.Rounded(exact));
        // A third of a point stays a third until it is rounded: (4 + 4 + 3) / 3 / 4 × 100 = 91.666…
        Assert.Equal(91.67m, Default.Score(goals, [4, 4, 3]).CompetenciesComponent);
        Assert.True(Default.Unrounded(goals, [4, 4, 3]).CompetenciesComponent > 91.6666m);
    }

    [Fact]
    public void A_goal_without_progress_counts_as_zero_achieved()
    {
        var e = Evaluation.Open(1, 10, 20, new DateTime(2026, 1, 5));
        e.Goals = [new Goal { Number = 1, Weight = 50, AgreedFirstFollowUpPercent = 50 }, new Goal { Number = 2, Weight = 50, AgreedFirstFollowUpPercent = 50 }];
        e.Progress = [new GoalProgress { FollowUp = 1, GoalNumber = 1, AchievedPercent = 50 }, new GoalProgress { FollowUp = 2, GoalNumber = 1, AchievedPercent = 80 }];
        e.Competencies = [new() { Competency = "A", Value = 4 }];

        var b = Default.Score(e);

        // first: 50 × 1 + 50 × 0/50 = 50; goals: 50 × 0.8 + 50 × 0 = 40
        // final: 0.85 × 40 + 0.15 × 100 = 34 + 15 = 49 → No satisfactorio
        Assert.Equal(new ScoreBreakdown(50m, 40m, 100m, 49m, RatingLevel.NoSatisfactorio), b);
    }

    [Fact]
    public void An_evaluation_whose_competencies_are_not_rated_is_refused()
    {
        var e = Evaluation.Open(1, 10, 20, new DateTime(2026, 1, 5));
        e.Goals = [new Goal { Number = 1, Weight = 100, AgreedFirstFollowUpPercent = 50 }];
        Assert.Throws<ArgumentException>(() => Default.Score(e));
    }

    [Fact]
    public void An_empty_scale_is_refused()
    {
        var s = PeriodSettings.Defaults();
        s.CompetencyScale = [];
        Assert.Throws<ArgumentException>(() => new ScoringPolicy(s));
    }
}
