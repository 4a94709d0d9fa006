using Egi.Domain.Calendar;

namespace Egi.Domain.Tests.Calendar;

public class PeriodTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static (DateOnly Start, DateOnly End) WindowOf(Period p, Stage s) => (p.Window(s).Start, p.Window(s).End);

    [Fact]
    public void A_new_period_has_the_seven_windows_of_spec_section_3()
    {
        var p = Period.CreateWithDefaults(2027);

        Assert.Equal("Vigencia 2027", p.Name);
        Assert.Equal(PeriodStatus.Preparation, p.Status);
        Assert.Equal(7, p.Windows.Count);
        Assert.Equal((D(2027, 1, 1), D(2027, 3, 31)), WindowOf(p, Stage.GoalSetting));
        Assert.Equal((D(2027, 1, 1), D(2027, 6, 30)), WindowOf(p, Stage.Stage1Consolidation));
        Assert.Equal((D(2027, 1, 1), D(2027, 6, 30)), WindowOf(p, Stage.FirstFollowUp));
        Assert.Equal((D(2027, 7, 1), D(2027, 12, 31)), WindowOf(p, Stage.Stage2Consolidation));
        Assert.Equal((D(2028, 1, 1), D(2028, 2, 29)), WindowOf(p, Stage.SecondFollowUp)); // 2028 is a leap year
        Assert.Equal((D(2028, 1, 1), D(2028, 6, 30)), WindowOf(p, Stage.AnnualConsolidation));
        Assert.Equal((D(2028, 1, 1), D(2028, 6, 30)), WindowOf(p, Stage.Improvement));
        Assert.All(p.Windows, w => Assert.Empty(w.Validate(2027)));
    }

    [Fact]
    public void The_second_follow_up_ends_on_28_february_when_the_next_year_is_not_leap()
    {
        var p = Period.CreateWithDefaults(2026);
        Assert.Equal((D(2027, 1, 1), D(2027, 2, 28)), WindowOf(p, Stage.SecondFollowUp));
    }

    [Fact]
    public void A_new_period_starts_with_the_default_settings()
    {
        var p = Period.CreateWithDefaults(2027);
        Assert.All(PeriodSettings.Sources.Keys, k => Assert.True(p.Settings.IsDefault(k), k));
    }

    [Theory]
    [InlineData(1999, false, "entre 2000 y 2100")]
    [InlineData(2101, false, "entre 2000 y 2100")]
    [InlineData(2027, true, "Ya existe una vigencia para el año 2027")]
    public void Invalid_years_are_refused(int year, bool taken, string message)
    {
        var error = Assert.Single(Period.ValidateYear(year, taken));
        Assert.Equal("Year", error.Field);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(2100)]
    public void Years_at_the_bounds_are_accepted(int year) => Assert.Empty(Period.ValidateYear(year, yearTaken: false));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_name_is_required(string? name) => Assert.Contains("Nombre", Assert.Single(Period.ValidateName(name)).Message);

    [Fact]
    public void A_name_longer_than_100_characters_is_refused()
    {
        Assert.Empty(Period.ValidateName(new string('a', 100)));
        Assert.Contains("máximo 100", Assert.Single(Period.ValidateName(new string('a', 101))).Message);
    }

    [Fact]
    public void Open_then_close()
    {
        var p = Period.CreateWithDefaults(2027);

        Assert.True(p.Open().Succeeded);
        Assert.Equal(PeriodStatus.Open, p.Status);
        Assert.True(p.Close().Succeeded);
        Assert.Equal(PeriodStatus.Closed, p.Status);
        Assert.False(p.IsEditable);
    }

    [Fact]
    public void A_period_in_preparation_cannot_be_closed()
    {
        var p = Period.CreateWithDefaults(2027);
        var outcome = p.Close();
        Assert.False(outcome.Succeeded);
        Assert.Contains("en preparación", outcome.ToString());
        Assert.Equal(PeriodStatus.Preparation, p.Status);
    }

    [Fact]
    public void An_open_period_cannot_be_opened_again()
    {
        var p = Period.CreateWithDefaults(2027);
        p.Open();
        var outcome = p.Open();
        Assert.False(outcome.Succeeded);
        Assert.Contains("ya está abierta", outcome.ToString());
        Assert.Equal(PeriodStatus.Open, p.Status);
    }

    [Fact]
    public void A_closed_period_is_not_opened_with_Open_nor_closed_again()
    {
        var p = Period.CreateWithDefaults(2027);
        p.Open();
        p.Close();

        var reopen = p.Open();
        Assert.False(reopen.Succeeded);
        Assert.Contains("no puede volver a abrirse", reopen.ToString());
        var close = p.Close();
        Assert.False(close.Succeeded);
        Assert.Contains("ya está cerrada", close.ToString());
        Assert.Equal(PeriodStatus.Closed, p.Status);
    }

    [Fact]
    public void SetWindows_replaces_all_windows_when_every_one_is_valid()
    {
        var p = Period.CreateWithDefaults(2027);
        var windows = p.Windows.Select(w => w.Stage == Stage.GoalSetting ? w with { End = D(2027, 4, 15) } : w).Reverse().ToList();

        Assert.Empty(p.SetWindows(windows));
        Assert.Equal(D(2027, 4, 15), p.Window(Stage.GoalSetting).End);
        Assert.Equal(StageInfo.All, p.Windows.Select(w => w.Stage)); // kept in stage order
    }

    [Fact]
    public void SetWindows_changes_nothing_when_one_window_is_invalid()
    {
        var p = Period.CreateWithDefaults(2027);
        var windows = p.Windows.Select(w => w.Stage switch
        {
            Stage.GoalSetting => w with { End = D(2027, 4, 15) },
            Stage.Improvement => w with { Start = D(2028, 7, 1), End = D(2028, 6, 1) },
            _ => w,
        }).ToList();

        var error = Assert.Single(p.SetWindows(windows));
        Assert.Equal(nameof(Stage.Improvement), error.Field);
        Assert.Equal(D(2027, 3, 31), p.Window(Stage.GoalSetting).End);
    }

    [Fact]
    public void SetWindows_requires_every_stage_once()
    {
        var p = Period.CreateWithDefaults(2027);
        var missing = p.Windows.Where(w => w.Stage != Stage.FirstFollowUp).ToList();
        Assert.Contains(p.SetWindows(missing), e => e.Field == nameof(Stage.FirstFollowUp) && e.Message.Contains("Falta la ventana"));

        var twice = p.Windows.Append(p.Windows[0]).ToList();
        Assert.Contains(p.SetWindows(twice), e => e.Message.Contains("más de una vez"));
        Assert.Equal(7, p.Windows.Count);
    }

    [Fact]
    public void A_closed_period_refuses_new_windows_and_settings()
    {
        var p = Period.CreateWithDefaults(2027);
        p.Open();
        p.Close();

        var windows = p.Windows.Select(w => w.Stage == Stage.GoalSetting ? w with { End = D(2027, 4, 15) } : w).ToList();
        Assert.Contains("está cerrada", Assert.Single(p.SetWindows(windows)).Message);
        Assert.Equal(D(2027, 3, 31), p.Window(Stage.GoalSetting).End);

        var settings = new PeriodSettings { MaxGoals = 4 };
        Assert.Contains("está cerrada", Assert.Single(p.SetSettings(settings)).Message);
        Assert.Equal(5, p.Settings.MaxGoals);
    }

    [Fact]
    public void SetSettings_keeps_the_old_settings_when_the_new_ones_are_invalid()
    {
        var p = Period.CreateWithDefaults(2027);
        Assert.NotEmpty(p.SetSettings(new PeriodSettings { GoalsWeight = 80 }));
        Assert.Equal(85, p.Settings.GoalsWeight);

        Assert.Empty(p.SetSettings(new PeriodSettings { GoalsWeight = 80, CompetenciesWeight = 20 }));
        Assert.Equal(80, p.Settings.GoalsWeight);
    }

    [Fact]
    public void An_open_period_still_accepts_settings()
    {
        var p = Period.CreateWithDefaults(2027);
        p.Open();
        Assert.Empty(p.SetSettings(new PeriodSettings { MaxGoals = 4 }));
        Assert.Equal(4, p.Settings.MaxGoals);
    }
}
