using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EarlyWarningAndPartialFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The new facts take their places among the plain columns, before the JSON documents (SqliteEgiDbContext's
            // PlainColumnsFirst), so the columns after them move: EF Core rebuilds the table at the end of this migration,
            // keeping only the indexes its model knows (EvaluationNamedIndexesAfterEarlyWarning creates the others again).
            // The stored facts are computed at start-up (EvaluationFacts revision 7), and with them the tallies.
            migrationBuilder.AlterColumn<DateTime>(
                name: "Facts_WaitingSince",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 56)
                .OldAnnotation("Relational:ColumnOrder", 53);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_WaitingOn",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 55)
                .OldAnnotation("Relational:ColumnOrder", 52);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_Stage2",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 54)
                .OldAnnotation("Relational:ColumnOrder", 51);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_Stage1",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 53)
                .OldAnnotation("Relational:ColumnOrder", 50);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_Revision",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 52)
                .OldAnnotation("Relational:ColumnOrder", 49);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_Position",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 50)
                .OldAnnotation("Relational:ColumnOrder", 48);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_PendingPartials",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 49)
                .OldAnnotation("Relational:ColumnOrder", 47);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_LowestCompetency",
                table: "Evaluations",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 48)
                .OldAnnotation("Relational:ColumnOrder", 46);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_Level",
                table: "Evaluations",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 47)
                .OldAnnotation("Relational:ColumnOrder", 45);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_GoalsSubmittedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 45)
                .OldAnnotation("Relational:ColumnOrder", 44);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_GoalsReviewedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 44)
                .OldAnnotation("Relational:ColumnOrder", 43);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_GoalsNotAccepted",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 43)
                .OldAnnotation("Relational:ColumnOrder", 42);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_GoalsDeadline",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 42)
                .OldAnnotation("Relational:ColumnOrder", 41);

            migrationBuilder.AlterColumn<long>(
                name: "Facts_GoalsComponentUnrounded",
                table: "Evaluations",
                type: "INTEGER",
                precision: 16,
                scale: 10,
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldPrecision: 16,
                oldScale: 10,
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 41)
                .OldAnnotation("Relational:ColumnOrder", 40);

            migrationBuilder.AlterColumn<long>(
                name: "Facts_GoalsComponent",
                table: "Evaluations",
                type: "INTEGER",
                precision: 7,
                scale: 2,
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldPrecision: 7,
                oldScale: 2,
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 40)
                .OldAnnotation("Relational:ColumnOrder", 39);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_GoalsAgreedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 39)
                .OldAnnotation("Relational:ColumnOrder", 38);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_GoalRounds",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 38)
                .OldAnnotation("Relational:ColumnOrder", 37);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_GoalCount",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 37)
                .OldAnnotation("Relational:ColumnOrder", 36);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpISubmittedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 36)
                .OldAnnotation("Relational:ColumnOrder", 35);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIReviewedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 35)
                .OldAnnotation("Relational:ColumnOrder", 34);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIISubmittedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 34)
                .OldAnnotation("Relational:ColumnOrder", 33);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIIReviewedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 33)
                .OldAnnotation("Relational:ColumnOrder", 32);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIIDeadline",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 32)
                .OldAnnotation("Relational:ColumnOrder", 31);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIDeadline",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 31)
                .OldAnnotation("Relational:ColumnOrder", 30);

            migrationBuilder.AlterColumn<bool>(
                name: "Facts_FollowUpIApplies",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(bool),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 30)
                .OldAnnotation("Relational:ColumnOrder", 29);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIAcceptedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 29)
                .OldAnnotation("Relational:ColumnOrder", 28);

            migrationBuilder.AlterColumn<long>(
                name: "Facts_FirstFollowUpUnrounded",
                table: "Evaluations",
                type: "INTEGER",
                precision: 16,
                scale: 10,
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldPrecision: 16,
                oldScale: 10,
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 28)
                .OldAnnotation("Relational:ColumnOrder", 27);

            migrationBuilder.AlterColumn<long>(
                name: "Facts_FirstFollowUpScore",
                table: "Evaluations",
                type: "INTEGER",
                precision: 7,
                scale: 2,
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldPrecision: 7,
                oldScale: 2,
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 27)
                .OldAnnotation("Relational:ColumnOrder", 26);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FinalizedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 26)
                .OldAnnotation("Relational:ColumnOrder", 25);

            migrationBuilder.AlterColumn<long>(
                name: "Facts_FinalScoreUnrounded",
                table: "Evaluations",
                type: "INTEGER",
                precision: 16,
                scale: 10,
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldPrecision: 16,
                oldScale: 10,
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 25)
                .OldAnnotation("Relational:ColumnOrder", 24);

            migrationBuilder.AlterColumn<long>(
                name: "Facts_FinalScore",
                table: "Evaluations",
                type: "INTEGER",
                precision: 7,
                scale: 2,
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldPrecision: 7,
                oldScale: 2,
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 24)
                .OldAnnotation("Relational:ColumnOrder", 23);

            migrationBuilder.AlterColumn<bool>(
                name: "Facts_Escalated",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(bool),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 23)
                .OldAnnotation("Relational:ColumnOrder", 22);

            migrationBuilder.AddColumn<bool>(
                name: "Facts_EarlyWarning",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false)
                .Annotation("Relational:ColumnOrder", 22);

            migrationBuilder.AddColumn<long>(
                name: "Facts_LastPartialScore",
                table: "Evaluations",
                type: "INTEGER",
                precision: 7,
                scale: 2,
                nullable: true)
                .Annotation("Relational:ColumnOrder", 46);

            migrationBuilder.AddColumn<int>(
                name: "Facts_RecordedPartials",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0)
                .Annotation("Relational:ColumnOrder", 51);

            migrationBuilder.AddColumn<int>(
                name: "EarlyWarnings",
                table: "DependencyTallies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // SQLite's own DROP COLUMN (3.35+), not EF's table rebuild: a rebuild keeps only the indexes EF's model
            // knows. The other columns keep the places this migration gave them (their order is invisible to EF Core).
            foreach (var column in new[] { "Facts_EarlyWarning", "Facts_LastPartialScore", "Facts_RecordedPartials" })
                migrationBuilder.Sql($"ALTER TABLE \"Evaluations\" DROP COLUMN \"{column}\";");
            migrationBuilder.Sql("ALTER TABLE \"DependencyTallies\" DROP COLUMN \"EarlyWarnings\";");
        }
    }
}
