using Microsoft.EntityFrameworkCore.Migrations;

namespace Egi.Web.Data.Migrations;

/// <summary>
/// One index per followed-up step over the facts the control points, the dashboard's late steps and the reminders
/// filter on (issue 11): the period, the person's stored deadline of the step (a range: before today, or before the
/// horizon), then the state and on whom it waits (and, for follow-up I, whether a late hire owes it), so that the
/// counts of «Atrasados» and «Plazo por vencer» read the index alone instead of every wide row of the period. EF Core 10
/// cannot declare an index over a complex type's columns (dotnet/efcore#31246, EF Core 11), so the migrations create
/// them by name; the model does not know them and no later migration drops them.
/// </summary>
public static class ControlDeadlineIndexesSql
{
    public static readonly IReadOnlyList<(string Name, string[] Columns)> Indexes =
    [
        ("IX_Evaluations_PeriodId_GoalsDeadline", ["PeriodId", "Facts_GoalsDeadline", "State", "Facts_WaitingOn"]),
        ("IX_Evaluations_PeriodId_FollowUpIDeadline", ["PeriodId", "Facts_FollowUpIDeadline", "State", "Facts_WaitingOn", "Facts_FollowUpIApplies"]),
        ("IX_Evaluations_PeriodId_FollowUpIIDeadline", ["PeriodId", "Facts_FollowUpIIDeadline", "State", "Facts_WaitingOn"]),
    ];

    public static void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var (name, columns) in Indexes) migrationBuilder.CreateIndex(name, "Evaluations", columns);
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var (name, _) in Indexes) migrationBuilder.DropIndex(name, "Evaluations");
    }
}
