using Microsoft.EntityFrameworkCore.Migrations;

namespace Egi.Web.Data.Migrations;

/// <summary>
/// The index activity 18's list selects from: per period, the stored level and lowest competency of each finalized
/// evaluation and its evaluado — every column <see cref="Egi.Domain.Improvement.ImprovementRule.RequiresPlan"/> and the
/// list read, so who requires a plan is found in the index alone instead of every wide evaluation row (several KB
/// of JSON of goals and history each). Created by name for the reason given in
/// <see cref="ControlDeadlineIndexesSql"/> (dotnet/efcore#31246).
/// </summary>
public static class ImprovementIndexSql
{
    public const string Name = "IX_Evaluations_Improvement";

    /// <summary>
    /// Only finalized evaluations (the rule's first condition; the queries say <c>"State" = 16</c> as a literal, so both
    /// SQLite and PostgreSQL use the partial index): a list of open evaluations, with a range on the state, cannot take
    /// it instead of the step's deadline index (<see cref="ControlDeadlineIndexesSql"/>) — the first version, with the
    /// state as its second column, was as good a range to SQLite's planner and the control points' lists read every
    /// wide row of the period's open evaluations through it.
    /// </summary>
    public static readonly string Filter = $"\"State\" = {(int)Egi.Domain.Evaluations.EvaluationState.Finalized}";

    /// <summary>
    /// The evaluado right after the period: the candidates are a union with the plans and the EDL results, which SQLite
    /// merges in evaluado order, and then still reads this index alone (with the facts first it chose the (period,
    /// evaluado) index and read every wide row: 16 ms against 0.4 ms on 5 000 servants).
    /// </summary>
    public static readonly string[] Columns = ["PeriodId", "EvaluadoId", "Facts_Level", "Facts_LowestCompetency"];

    /// <summary>The first version (migration LowestCompetencyFact, 05/12/2026): every state, the state second.</summary>
    public static readonly string[] FirstColumns = ["PeriodId", "State", "EvaluadoId", "Facts_Level", "Facts_LowestCompetency"];

    /// <summary>The first version (migration LowestCompetencyFact).</summary>
    public static void UpFirst(MigrationBuilder migrationBuilder) => EvaluationsIndex.Create(migrationBuilder, Name, FirstColumns);

    public static void Down(MigrationBuilder migrationBuilder) => EvaluationsIndex.Drop(migrationBuilder, Name);

    /// <summary>The first version replaced by the partial one (migration ImprovementIndexFinalized).</summary>
    public static void UpFinalizedOnly(MigrationBuilder migrationBuilder)
    {
        Down(migrationBuilder);
        EvaluationsIndex.Create(migrationBuilder, Name, Columns, Filter);
    }

    public static void DownFinalizedOnly(MigrationBuilder migrationBuilder)
    {
        Down(migrationBuilder);
        UpFirst(migrationBuilder);
    }
}

/// <summary>An index of the evaluations created by name: EF Core cannot declare one over a complex type's columns (dotnet/efcore#31246).</summary>
internal static class EvaluationsIndex
{
    public static void Create(MigrationBuilder migrationBuilder, string name, string[] columns, string? filter = null)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex(name, "Evaluations", columns, filter: filter);
    }

    public static void Drop(MigrationBuilder migrationBuilder, string name)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name, "Evaluations");
    }
}

/// <summary>
/// Every index of the evaluations created by name: what a migration in which EF Core rebuilds the table on SQLite (it
/// keeps only the indexes its model knows) creates again. <c>CreateAll</c> as the migrations before
/// <c>EvaluationPlainColumnsFirst</c> left them (the report index's first version); <c>CreateCurrent</c> as they are now.
/// </summary>
public static class EvaluationsNamedIndexes
{
    public static void CreateAll(MigrationBuilder migrationBuilder) => Create(migrationBuilder, ReportIndexSql.FirstColumns);

    /// <summary>Every one in its current version (the report index with the early warning, since EarlyWarningAndPartialFacts).</summary>
    public static void CreateCurrent(MigrationBuilder migrationBuilder) => Create(migrationBuilder, ReportIndexSql.Columns);

    private static void Create(MigrationBuilder migrationBuilder, string[] reportColumns)
    {
        ControlDeadlineIndexesSql.Up(migrationBuilder);
        EvaluationsIndex.Create(migrationBuilder, ReportIndexSql.Name, reportColumns);
        EvaluationsIndex.Create(migrationBuilder, ImprovementIndexSql.Name, ImprovementIndexSql.Columns, ImprovementIndexSql.Filter);
    }
}
