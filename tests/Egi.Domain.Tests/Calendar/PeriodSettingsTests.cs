using Egi.Domain.Calendar;

namespace Egi.Domain.Tests.Calendar;

public class PeriodSettingsTests
{
    private static IReadOnlyList<string> ErrorsOf(PeriodSettings s, string field) =>
        s.Validate().Where(e => e.Field == field).Select(e => e.Message).ToList();

    [Fact]
    public void The_defaults_are_those_of_the_spec_and_valid()
    {
        var s = PeriodSettings.Defaults();
        Assert.Empty(s.Validate());
        Assert.Equal((1, 5), (s.MinGoals, s.MaxGoals));
        Assert.Equal((85, 15), (s.GoalsWeight, s.CompetenciesWeight));
        Assert.Equal((90m, 65m), (s.OutstandingFrom, s.UnsatisfactoryUpTo));
        Assert.Equal([("Nunca", 1), ("Algunas veces", 2), ("Frecuentemente", 3), ("Siempre", 4)], s.CompetencyScale.Select(l => (l.Label, l.Value)));
        Assert.Equal(5, s.ReminderDaysBeforeClose);
        Assert.Equal(2, s.DisagreementRounds);
        Assert.Equal(15, s.NewServantGoalWorkingDays);
        Assert.Equal(10, s.MaxEvidenceSizeMb);
        Assert.Equal(["pdf", "docx", "xlsx", "pptx", "png", "jpg"], s.EvidenceTypes);
    }

    [Fact]
    public void Every_setting_has_a_source()
    {
        foreach (var p in typeof(PeriodSettings).GetProperties().Where(p => p.CanWrite))
            Assert.True(PeriodSettings.Sources.ContainsKey(p.Name), p.Name);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Min_goals_between_1_and_10(int min, bool ok) =>
        Assert.Equal(ok, ErrorsOf(new PeriodSettings { MinGoals = min, MaxGoals = 10 }, nameof(PeriodSettings.MinGoals)).Count == 0);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Max_goals_between_1_and_10(int max, bool ok) =>
        Assert.Equal(ok, ErrorsOf(new PeriodSettings { MinGoals = 1, MaxGoals = max }, nameof(PeriodSettings.MaxGoals)).Count == 0);

    [Fact]
    public void Min_goals_may_equal_max_but_not_exceed_it()
    {
        Assert.Empty(new PeriodSettings { MinGoals = 3, MaxGoals = 3 }.Validate());
        Assert.Contains("no puede ser menor que el mínimo", Assert.Single(new PeriodSettings { MinGoals = 4, MaxGoals = 3 }.Validate()).Message);
    }

    [Theory]
    [InlineData(80, 15, false)]
    [InlineData(85, 16, false)]
    [InlineData(100, 0, true)]
    [InlineData(0, 100, true)]
    [InlineData(70, 30, true)]
    public void Weights_must_add_up_to_100(int goals, int competencies, bool ok)
    {
        var errors = new PeriodSettings { GoalsWeight = goals, CompetenciesWeight = competencies }.Validate();
        if (ok) Assert.Empty(errors);
        else Assert.Contains("deben sumar 100", Assert.Single(errors).Message);
    }

    [Fact]
    public void A_negative_weight_is_refused_even_when_the_sum_is_100() =>
        Assert.NotEmpty(ErrorsOf(new PeriodSettings { GoalsWeight = 101, CompetenciesWeight = -1 }, nameof(PeriodSettings.CompetenciesWeight)));

    [Theory]
    [InlineData(90, 65, true)]
    [InlineData(89.5, 65, true)]
    [InlineData(100, 99.99, true)]
    [InlineData(0.01, 0, true)]
    [InlineData(65, 90, false)]
    [InlineData(90, 90, false)]
    [InlineData(0, 0, false)]
    [InlineData(100.01, 65, false)]
    [InlineData(90, -0.01, false)]
    public void Thresholds_must_leave_room_for_satisfactorio(double outstanding, double unsatisfactory, bool ok) =>
        Assert.Equal(ok, new PeriodSettings { OutstandingFrom = (decimal)outstanding, UnsatisfactoryUpTo = (decimal)unsatisfactory }.Validate().Count == 0);

    [Fact]
    public void Inverted_thresholds_are_reported_on_the_unsatisfactory_field() =>
        Assert.Contains(ErrorsOf(new PeriodSettings { OutstandingFrom = 65, UnsatisfactoryUpTo = 90 }, nameof(PeriodSettings.UnsatisfactoryUpTo)),
            m => m.Contains("menor que el de «Sobresaliente»"));

    [Fact]
    public void Thresholds_admit_two_decimals_at_most()
    {
        Assert.Empty(new PeriodSettings { OutstandingFrom = 89.75m }.Validate());
        Assert.NotEmpty(ErrorsOf(new PeriodSettings { OutstandingFrom = 89.755m }, nameof(PeriodSettings.OutstandingFrom)));
        Assert.NotEmpty(ErrorsOf(new PeriodSettings { UnsatisfactoryUpTo = 65.001m }, nameof(PeriodSettings.UnsatisfactoryUpTo)));
    }

    private static List<ScaleLevel> Scale(params (string Label, int Value)[] levels) =>
        levels.Select(l => new ScaleLevel { Label = l.Label, Value = l.Value }).ToList();

    [Fact]
    public void A_scale_of_two_levels_is_accepted_and_one_level_is_refused()
    {
        Assert.Empty(new PeriodSettings { CompetencyScale = Scale(("No", 1), ("Sí", 3)) }.Validate());
        Assert.Contains(ErrorsOf(new PeriodSettings { CompetencyScale = Scale(("Siempre", 3)) }, nameof(PeriodSettings.CompetencyScale)),
            m => m.Contains("entre 2 y 10 niveles"));
    }

    [Fact]
    public void A_scale_of_ten_levels_is_accepted_and_eleven_are_refused()
    {
        var ten = Enumerable.Range(1, 10).Select(i => ($"Nivel {i}", i)).ToArray();
        Assert.Empty(new PeriodSettings { CompetencyScale = Scale(ten) }.Validate());
        var eleven = Enumerable.Range(1, 11).Select(i => ($"Nivel {i}", i)).ToArray();
        Assert.Contains(ErrorsOf(new PeriodSettings { CompetencyScale = Scale(eleven) }, nameof(PeriodSettings.CompetencyScale)),
            m => m.Contains("entre 2 y 10 niveles"));
    }

    [Fact]
    public void Scale_values_may_not_repeat_nor_go_down()
    {
        Assert.Contains(ErrorsOf(new PeriodSettings { CompetencyScale = Scale(("Nunca", 1), ("A veces", 2), ("Frecuentemente", 3), ("Siempre", 3)) }, nameof(PeriodSettings.CompetencyScale)),
            m => m.Contains("sin repetirse"));
        Assert.NotEmpty(ErrorsOf(new PeriodSettings { CompetencyScale = Scale(("Nunca", 2), ("Siempre", 1)), ImprovementCompetencyBelow = 2 }, nameof(PeriodSettings.CompetencyScale)));
    }

    [Fact]
    public void Scale_names_are_required_and_unique()
    {
        Assert.Contains(ErrorsOf(new PeriodSettings { CompetencyScale = Scale(("Nunca", 1), (" ", 3)) }, nameof(PeriodSettings.CompetencyScale)),
            m => m.Contains("necesita un nombre"));
        Assert.Contains(ErrorsOf(new PeriodSettings { CompetencyScale = Scale(("Nunca", 1), ("nunca ", 3)) }, nameof(PeriodSettings.CompetencyScale)),
            m => m.Contains("no pueden repetirse"));
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(-1, 1, false)]
    [InlineData(1, 100, true)]
    [InlineData(1, 101, false)]
    public void Scale_values_between_0_and_100(int low, int high, bool ok) =>
        Assert.Equal(ok, ErrorsOf(new PeriodSettings { CompetencyScale = Scale(("Bajo", low), ("Alto", high)), ImprovementCompetencyBelow = high },
            nameof(PeriodSettings.CompetencyScale)).Count == 0);

    [Fact]
    public void The_improvement_threshold_must_be_a_value_of_the_scale()
    {
        Assert.Empty(new PeriodSettings { ImprovementCompetencyBelow = 4 }.Validate());
        Assert.Contains(ErrorsOf(new PeriodSettings { ImprovementCompetencyBelow = 5 }, nameof(PeriodSettings.ImprovementCompetencyBelow)),
            m => m.Contains("uno de los valores de la escala"));
    }

    [Theory]
    [InlineData(nameof(PeriodSettings.ReminderDaysBeforeClose), 0, 60)]
    [InlineData(nameof(PeriodSettings.DisagreementRounds), 1, 10)]
    [InlineData(nameof(PeriodSettings.NewServantGoalWorkingDays), 1, 60)]
    [InlineData(nameof(PeriodSettings.MaxEvidenceSizeMb), 1, 100)]
    public void Whole_number_settings_at_their_bounds(string property, int min, int max)
    {
        var prop = typeof(PeriodSettings).GetProperty(property)!;
        PeriodSettings With(int v)
        {
            var s = new PeriodSettings();
            prop.SetValue(s, v);
            return s;
        }

        Assert.Empty(With(min).Validate());
        Assert.Empty(With(max).Validate());
        Assert.Single(ErrorsOf(With(min - 1), property));
        Assert.Single(ErrorsOf(With(max + 1), property));
    }

    [Theory]
    [InlineData("pdf", true)]
    [InlineData(".PDF, .Docx", true)]
    [InlineData("pdf;png jpg", true)]
    [InlineData("", false)]
    [InlineData(" , ", false)]
    [InlineData("pdf,exe", false)]
    public void Evidence_types_must_be_known(string types, bool ok)
    {
        var errors = ErrorsOf(new PeriodSettings { AllowedEvidenceTypes = types }, nameof(PeriodSettings.AllowedEvidenceTypes));
        Assert.Equal(ok, errors.Count == 0);
        if (types.Contains("exe")) Assert.Contains("exe", Assert.Single(errors));
    }

    [Fact]
    public void IsDefault_tells_each_changed_setting()
    {
        var s = new PeriodSettings { MaxGoals = 4, OutstandingFrom = 89.5m, AllowedEvidenceTypes = " PDF, .docx,xlsx,pptx,png,jpg " };
        s.CompetencyScale[3].Label = "Casi siempre";

        Assert.False(s.IsDefault(nameof(PeriodSettings.MaxGoals)));
        Assert.False(s.IsDefault(nameof(PeriodSettings.OutstandingFrom)));
        Assert.False(s.IsDefault(nameof(PeriodSettings.CompetencyScale)));
        Assert.True(s.IsDefault(nameof(PeriodSettings.MinGoals)));
        Assert.True(s.IsDefault(nameof(PeriodSettings.AllowedEvidenceTypes))); // same types, other spelling
        Assert.True(new PeriodSettings { OutstandingFrom = 90.00m }.IsDefault(nameof(PeriodSettings.OutstandingFrom)));
        Assert.Throws<ArgumentException>(() => s.IsDefault("NoExiste"));
    }
}
