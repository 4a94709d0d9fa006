using Microsoft.EntityFrameworkCore.Migrations;

namespace Egi.Web.Data.Migrations;

/// <summary>
/// The index activity 18's list selects from: per period and state, the stored level and lowest competency of each
/// evaluation and its evaluado — every column <see cref="Egi.Domain.Improvement.ImprovementRule.RequiresPlan"/> and the
/// list read, so who requires a plan is found in the index alone instead of every wide evaluation row (the
/// <c>Facts_*</c> columns sit after the JSON of goals and history). Created by name for the reason given in
/// <see cref="ControlDeadlineIndexesSql"/> (dotnet/efcore#31246).
/// </summary>
public static class ImprovementIndexSql
{
    public const string Name = "IX_Evaluations_Improvement";

    /// <summary>
    /// The evaluado right after the equalities: the candidates are a union with the plans and the EDL results, which
    /// SQLite merges in evaluado order, and then still reads this index alone (with the facts first it chose the
    /// (period, evaluado) index and read every wide row: 16 ms against 0.4 ms on 5 000 servants).
    /// </summary>
    public static readonly string[] Columns = ["PeriodId", "State", "EvaluadoId", "Facts_Level", "Facts_LowestCompetency"];

    public static void Up(MigrationBuilder migrationBuilder) => EvaluationsIndex.Create(migrationBuilder, Name, Columns);

    public static void Down(MigrationBuilder migrationBuilder) => EvaluationsIndex.Drop(migrationBuilder, Name);
}

/// <summary>An index of the evaluations created by name: EF Core cannot declare one over a complex type's columns (dotnet/efcore#31246).</summary>
internal static class EvaluationsIndex
{
    public static void Create(MigrationBuilder migrationBuilder, string name, string[] columns)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex(name, "Evaluations", columns);
    }

    public static void Drop(MigrationBuilder migrationBuilder, string name)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name, "Evaluations");
    }
}
