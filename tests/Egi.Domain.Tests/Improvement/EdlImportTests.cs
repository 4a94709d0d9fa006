using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;
using Egi.Domain.Improvement;
using Egi.Domain.Scoring;

namespace Egi.Domain.Tests.Improvement;

/// <summary>SPEC §6: the EDL results of career servants — how a file is read, how a level is derived, and when they require a plan.</summary>
public sealed class EdlImportTests
{
    private static readonly List<Servant> Servants =
    [
        new() { Id = 1, DocumentNumber = "41678234", FirstNames = "María Eugenia", LastNames = "Castro León", EmploymentType = EmploymentType.Career },
        new() { Id = 2, DocumentNumber = "1022345987", FirstNames = "Camila", LastNames = "Salazar", EmploymentType = EmploymentType.Provisional },
    ];

    private static List<SheetRow> Sheet(params object?[][] rows) => rows.Select((r, i) => new SheetRow(i + 1, r)).ToList();

    private static RatingLevel DefaultScale(int year, decimal score) => new ScoringPolicy(PeriodSettings.Defaults()).Level(score);

    [Theory]
    [InlineData("Sobresaliente", RatingLevel.Sobresaliente)]
    [InlineData("SATISFACTORIO", RatingLevel.Satisfactorio)]
    [InlineData("  No Satisfactorio ", RatingLevel.NoSatisfactorio)]
    [InlineData("nivel sobresaliente", RatingLevel.Sobresaliente)]
    [InlineData("Insatisfactorio", RatingLevel.NoSatisfactorio)]
    public void The_cnsc_level_is_read_in_any_case_and_with_or_without_accents(string text, RatingLevel level) =>
        Assert.Equal(level, EdlRules.ParseLevel(text));

    [Fact]
    public void Without_a_level_it_is_derived_from_the_score_with_the_scale_of_the_year()
    {
        var strict = PeriodSettings.Defaults();
        strict.OutstandingFrom = 95m;
        var plan = EdlImport.Plan(Sheet(["Cédula", "Año", "Puntaje"], [41678234d, 2026d, 92.5d], ["41678234", "2025", "92,5"]), Servants, [],
            (year, score) => new ScoringPolicy(year == 2026 ? strict : PeriodSettings.Defaults()).Level(score), 2026);
        Assert.True(plan.IsValid, string.Join("; ", plan.RowErrors.Select(e => e.Message)));
        Assert.Equal([RatingLevel.Satisfactorio, RatingLevel.Sobresaliente], plan.Creates.Select(c => c.Level));
        Assert.All(plan.Creates, c => Assert.True(c.LevelDerived));
    }

    [Fact]
    public void Excel_noise_in_a_number_cell_is_two_decimals_and_a_result_of_the_same_year_is_replaced()
    {
        var existing = new EdlResult { ServantId = 1, Year = 2026, Score = 70m, Level = RatingLevel.Satisfactorio };
        var plan = EdlImport.Plan(Sheet(["Documento", "Año", "Calificación"], ["41678234", 2026, 82.45000000000001d]), Servants, [existing], DefaultScale, 2026);
        var replaced = Assert.Single(plan.Replaces);
        Assert.Equal(82.45m, replaced.Score);
        Assert.Equal(70m, replaced.PreviousScore);
        Assert.Empty(plan.Creates);
    }

    [Fact]
    public void Only_career_servants_below_the_threshold_require_a_plan()
    {
        var s = PeriodSettings.Defaults();
        Assert.Equal(RatingLevel.Sobresaliente, s.ImprovementEdlLevelBelow);
        Assert.True(s.IsDefault(nameof(PeriodSettings.ImprovementEdlLevelBelow)));
        Assert.Contains("SPEC §6", PeriodSettings.Sources[nameof(PeriodSettings.ImprovementEdlLevelBelow)]);
        Assert.Equal("Evaluación de desempeño laboral: Satisfactorio (82,50)", EdlRules.Reason(EmploymentType.Career, RatingLevel.Satisfactorio, 82.5m, s));
        Assert.Null(EdlRules.Reason(EmploymentType.Career, RatingLevel.Sobresaliente, 95m, s));
        Assert.Null(EdlRules.Reason(EmploymentType.Provisional, RatingLevel.NoSatisfactorio, 40m, s));
        s.ImprovementEdlLevelBelow = RatingLevel.Satisfactorio;
        Assert.Null(EdlRules.Reason(EmploymentType.Career, RatingLevel.Satisfactorio, 82.5m, s));
        Assert.NotNull(EdlRules.Reason(EmploymentType.Career, RatingLevel.NoSatisfactorio, 60m, s));
        s.ImprovementEdlLevelBelow = (RatingLevel)42;
        Assert.Contains(s.Validate(), e => e.Field == nameof(PeriodSettings.ImprovementEdlLevelBelow));
    }

    [Fact]
    public void A_file_without_rows_or_over_the_maximum_is_refused_as_a_whole()
    {
        Assert.Contains("vacío", Assert.Single(EdlImport.Plan([], Servants, [], DefaultScale, 2026).FileErrors), StringComparison.Ordinal);
        Assert.Contains("no tiene filas de resultados", Assert.Single(EdlImport.Plan(Sheet(["Documento", "Año", "Calificación"]), Servants, [], DefaultScale, 2026).FileErrors), StringComparison.Ordinal);
        var big = EdlImport.Plan(Sheet(["Documento", "Año", "Calificación"], ["41678234", "2026", "80"], ["41678234", "2025", "80"]), Servants, [], DefaultScale, 2026, maxRows: 1);
        Assert.Contains("más de 1 filas con resultados", Assert.Single(big.FileErrors), StringComparison.Ordinal);
    }
}
