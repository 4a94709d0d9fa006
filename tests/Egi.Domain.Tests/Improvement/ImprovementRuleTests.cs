using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Domain.Scoring;

namespace Egi.Domain.Tests.Improvement;

/// <summary>SPEC §6: who requires an individual improvement plan, at the edges of the default rule and its settings.</summary>
public class ImprovementRuleTests
{
    private static CompetencyScore C(string name, int value) => new() { Competency = name, Value = value };

    private static readonly IReadOnlyList<CompetencyScore> AllFrequent = [C("Aprendizaje continuo", 3), C("Trabajo en equipo", 4)];

    [Fact]
    public void A_final_score_of_89_99_is_satisfactorio_and_requires_a_plan_90_does_not()
    {
        var reasons = ImprovementRule.Assess(89.99m, AllFrequent, PeriodSettings.Defaults());
        Assert.Equal("Nivel Satisfactorio (89,99)", Assert.Single(reasons).Text);
        Assert.Empty(ImprovementRule.Assess(90m, AllFrequent, PeriodSettings.Defaults()));
    }

    [Fact]
    public void The_reason_names_the_level_and_the_score_with_a_decimal_comma()
    {
        var reasons = ImprovementRule.Assess(78.4m, AllFrequent, PeriodSettings.Defaults());
        Assert.Equal("Nivel Satisfactorio (78,40)", Assert.Single(reasons).Text);
        Assert.Equal("Nivel No satisfactorio (65,00)", Assert.Single(ImprovementRule.Assess(65m, AllFrequent, PeriodSettings.Defaults())).Text);
    }

    [Fact]
    public void A_competency_rated_2_requires_a_plan_and_3_does_not()
    {
        var reasons = ImprovementRule.Assess(95m, [C("Trabajo en equipo", 2), C("Aprendizaje continuo", 3)], PeriodSettings.Defaults());
        var reason = Assert.Single(reasons);
        Assert.Equal("Competencia «Trabajo en equipo» calificada Algunas veces", reason.Text);
        Assert.Equal("Trabajo en equipo", reason.Competency);
        Assert.Empty(ImprovementRule.Assess(95m, [C("Trabajo en equipo", 3)], PeriodSettings.Defaults()));
    }

    [Fact]
    public void Low_level_and_low_competencies_give_every_reason_lowest_rating_first()
    {
        var reasons = ImprovementRule.Assess(70m, [C("Trabajo en equipo", 2), C("Adaptación al cambio", 1), C("Disciplina", 4)], PeriodSettings.Defaults());
        Assert.Equal(
            ["Nivel Satisfactorio (70,00)", "Competencia «Adaptación al cambio» calificada Nunca", "Competencia «Trabajo en equipo» calificada Algunas veces"],
            reasons.Select(r => r.Text));
    }

    [Fact]
    public void Without_competencies_only_the_level_counts()
    {
        Assert.Empty(ImprovementRule.Assess(92m, [], PeriodSettings.Defaults()));
        Assert.Single(ImprovementRule.Assess(80m, [], PeriodSettings.Defaults()));
    }

    [Fact]
    public void The_settings_move_the_thresholds()
    {
        var s = PeriodSettings.Defaults();
        s.ImprovementLevelBelow = RatingLevel.Satisfactorio; // only No satisfactorio
        s.ImprovementCompetencyBelow = 2;                    // only Nunca
        Assert.Empty(ImprovementRule.Assess(80m, [C("Trabajo en equipo", 2)], s));
        Assert.Equal(2, ImprovementRule.Assess(65m, [C("Trabajo en equipo", 1)], s).Count);
        Assert.Single(ImprovementRule.Assess(65.01m, [C("Trabajo en equipo", 1)], s));

        s.ImprovementLevelBelow = RatingLevel.NoSatisfactorio; // never by level
        Assert.Empty(ImprovementRule.Assess(10m, [C("Trabajo en equipo", 4)], s));
    }

    [Fact]
    public void The_level_threshold_is_a_validated_setting_with_its_default_and_source()
    {
        var s = PeriodSettings.Defaults();
        Assert.Equal(RatingLevel.Sobresaliente, s.ImprovementLevelBelow);
        Assert.True(s.IsDefault(nameof(PeriodSettings.ImprovementLevelBelow)));
        Assert.Contains("SPEC §6", PeriodSettings.Sources[nameof(PeriodSettings.ImprovementLevelBelow)]);
        s.ImprovementLevelBelow = (RatingLevel)42;
        Assert.Contains(s.Validate(), e => e.Field == nameof(PeriodSettings.ImprovementLevelBelow));
    }

    /// <summary>The EDL rule as the database runs it (<see cref="EdlRules.Below"/>) agrees with the reason it gives, for every level and threshold.</summary>
    [Fact]
    public void The_edl_rule_over_the_imported_level_agrees_with_the_reason_it_gives()
    {
        foreach (var below in Enum.GetValues<RatingLevel>())
            foreach (var level in Enum.GetValues<RatingLevel>())
            {
                var settings = PeriodSettings.Defaults();
                settings.ImprovementEdlLevelBelow = below;
                var result = new EdlResult { Level = level, Score = 80m };
                Assert.Equal(EdlRules.Reason(Egi.Domain.Directory.EmploymentType.Career, level, 80m, settings) is not null, EdlRules.Below(settings).Compile()(result));
            }
        Assert.All(Enum.GetValues<Egi.Domain.Directory.EmploymentType>(), t => Assert.Equal(EdlRules.AppliesTo(t), EdlRules.ApplicableTypes.Contains(t)));
    }
}
