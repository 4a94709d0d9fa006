using Egi.Domain.Calendar;

namespace Egi.Domain.Tests.Calendar;

public class StageWindowTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void The_whole_allowed_range_is_accepted()
    {
        Assert.Empty(new StageWindow(Stage.GoalSetting, D(2027, 1, 1), D(2028, 12, 31)).Validate(2027));
    }

    [Fact]
    public void A_window_of_two_days_is_accepted() =>
        Assert.Empty(new StageWindow(Stage.GoalSetting, D(2027, 3, 30), D(2027, 3, 31)).Validate(2027));

    [Fact]
    public void Start_equal_to_end_is_refused()
    {
        var error = Assert.Single(new StageWindow(Stage.GoalSetting, D(2027, 3, 31), D(2027, 3, 31)).Validate(2027));
        Assert.Equal(nameof(Stage.GoalSetting), error.Field);
        Assert.Contains("debe ser anterior", error.Message);
        Assert.Contains("Formulación y concertación de metas", error.Message);
    }

    [Fact]
    public void Start_after_end_is_refused() =>
        Assert.Contains("debe ser anterior", Assert.Single(new StageWindow(Stage.FirstFollowUp, D(2027, 7, 1), D(2027, 6, 30)).Validate(2027)).Message);

    [Fact]
    public void The_day_before_1_january_is_refused()
    {
        var error = Assert.Single(new StageWindow(Stage.GoalSetting, D(2026, 12, 31), D(2027, 3, 31)).Validate(2027));
        Assert.Contains("entre el 01/01/2027 y el 31/12/2028", error.Message);
    }

    [Fact]
    public void The_day_after_31_december_of_the_next_year_is_refused()
    {
        var error = Assert.Single(new StageWindow(Stage.Improvement, D(2028, 1, 1), D(2029, 1, 1)).Validate(2027));
        Assert.Contains("entre el 01/01/2027 y el 31/12/2028", error.Message);
    }

    [Fact]
    public void Both_dates_are_checked_against_both_bounds()
    {
        // Inverted and outside: the start is after the last day allowed (the end is inside).
        Assert.Contains(new StageWindow(Stage.GoalSetting, D(2029, 1, 1), D(2027, 6, 1)).Validate(2027), e => e.Message.Contains("deben estar entre"));
        Assert.Contains(new StageWindow(Stage.GoalSetting, D(2026, 1, 1), D(2026, 6, 1)).Validate(2027), e => e.Message.Contains("deben estar entre"));
    }

    [Fact]
    public void Both_problems_are_reported_together() =>
        Assert.Equal(2, new StageWindow(Stage.GoalSetting, D(2030, 1, 1), D(2026, 1, 1)).Validate(2027).Count);

    [Theory]
    [InlineData(2027, 1, 1, true)]
    [InlineData(2027, 3, 31, true)]
    [InlineData(2026, 12, 31, false)]
    [InlineData(2027, 4, 1, false)]
    public void Contains_includes_both_ends(int y, int m, int d, bool expected) =>
        Assert.Equal(expected, new StageWindow(Stage.GoalSetting, D(2027, 1, 1), D(2027, 3, 31)).Contains(D(y, m, d)));
}
