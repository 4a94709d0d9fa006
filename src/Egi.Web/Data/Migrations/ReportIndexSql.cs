using Microsoft.EntityFrameworkCore.Migrations;

namespace Egi.Web.Data.Migrations;

/// <summary>
/// The index the consolidation reports and the dashboard count from (issue 11): per period and evaluado, the stored
/// stage of each evaluation (stage 1, stage 2, position in the year), its state, level and unrounded scores — every
/// column <see cref="Features.Shared.EvaluationRows.Counted"/> reads, so the totals per dependencia read the index
/// alone instead of every wide evaluation row (several KB of JSON of goals and history each).
/// Created by name for the reason given in <see cref="ControlDeadlineIndexesSql"/> (dotnet/efcore#31246).
/// </summary>
public static class ReportIndexSql
{
    public const string Name = "IX_Evaluations_Report";

    /// <summary>The first version (migration ReportFacts, 03/12/2026), as the migrations before EarlyWarningAndPartialFacts created it.</summary>
    public static readonly string[] FirstColumns =
    [
        "PeriodId", "EvaluadoId", "State", "Facts_Stage1", "Facts_Stage2", "Facts_Position", "Facts_Level",
        "Facts_FirstFollowUpUnrounded", "Facts_GoalsComponentUnrounded", "Facts_CompetenciesComponentUnrounded", "Facts_FinalScoreUnrounded",
    ];

    /// <summary>Since migration EvaluationNamedIndexesAfterEarlyWarning (08/12/2026): the early warning the tallies count too.</summary>
    public static readonly string[] Columns = [.. FirstColumns, "Facts_EarlyWarning"];

    /// <summary>The first version (migration ReportFacts).</summary>
    public static void Up(MigrationBuilder migrationBuilder) => EvaluationsIndex.Create(migrationBuilder, Name, FirstColumns);

    /// <summary>The current version (<see cref="Columns"/>) in place of the first one.</summary>
    public static void UpWithEarlyWarning(MigrationBuilder migrationBuilder)
    {
        Down(migrationBuilder);
        EvaluationsIndex.Create(migrationBuilder, Name, Columns);
    }

    public static void Down(MigrationBuilder migrationBuilder) => EvaluationsIndex.Drop(migrationBuilder, Name);
}
