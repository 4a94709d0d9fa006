using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvaluationPlainColumnsFirst : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every plain column of the evaluations given its place before the JSON documents (SqliteEgiDbContext's
            // PlainColumnsFirst): SQLite cannot move a column, so EF Core rebuilds the table, in that order, at the end of
            // this migration — keeping only the indexes its model knows (the next migration creates the others again).
            migrationBuilder.AlterColumn<Guid>(
                name: "Version",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 13);

            migrationBuilder.AlterColumn<DateTime>(
                name: "UpdatedAt",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 12);

            migrationBuilder.AlterColumn<int>(
                name: "State",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 11);

            migrationBuilder.AlterColumn<int>(
                name: "PeriodId",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 10);

            migrationBuilder.AlterColumn<string>(
                name: "FollowUpIExemption",
                table: "Evaluations",
                type: "TEXT",
                maxLength: 30,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 30,
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 9);

            migrationBuilder.AlterColumn<DateTime>(
                name: "Facts_WaitingSince",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 53);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_WaitingOn",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 52);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_Stage2",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 51);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_Stage1",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 50);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_Revision",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 49);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_Position",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 48);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_PendingPartials",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 47);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_LowestCompetency",
                table: "Evaluations",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 46);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_Level",
                table: "Evaluations",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 45);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_GoalsSubmittedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 44);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_GoalsReviewedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 43);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_GoalsNotAccepted",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 42);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_GoalsDeadline",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 41);

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
                .Annotation("Relational:ColumnOrder", 40);

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
                .Annotation("Relational:ColumnOrder", 39);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_GoalsAgreedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 38);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_GoalRounds",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 37);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_GoalCount",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 36);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpISubmittedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 35);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIReviewedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 34);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIISubmittedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 33);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIIReviewedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 32);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIIDeadline",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 31);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIDeadline",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 30);

            migrationBuilder.AlterColumn<bool>(
                name: "Facts_FollowUpIApplies",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(bool),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 29);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FollowUpIAcceptedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 28);

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
                .Annotation("Relational:ColumnOrder", 27);

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
                .Annotation("Relational:ColumnOrder", 26);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_FinalizedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 25);

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
                .Annotation("Relational:ColumnOrder", 24);

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
                .Annotation("Relational:ColumnOrder", 23);

            migrationBuilder.AlterColumn<bool>(
                name: "Facts_Escalated",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(bool),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 22);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_DisagreementStep",
                table: "Evaluations",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 21);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_CurrentStepRounds",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 20);

            migrationBuilder.AlterColumn<int>(
                name: "Facts_CurrentStepNotAccepted",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 19);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_CompetenciesRatedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 18);

            migrationBuilder.AlterColumn<long>(
                name: "Facts_CompetenciesComponentUnrounded",
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
                .Annotation("Relational:ColumnOrder", 17);

            migrationBuilder.AlterColumn<long>(
                name: "Facts_CompetenciesComponent",
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
                .Annotation("Relational:ColumnOrder", 16);

            migrationBuilder.AlterColumn<bool>(
                name: "Facts_Committee",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(bool),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 15);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Facts_ClosedOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 14);

            migrationBuilder.AlterColumn<int>(
                name: "EvaluatorId",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 8);

            migrationBuilder.AlterColumn<int>(
                name: "EvaluadoId",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 7);

            migrationBuilder.AlterColumn<int>(
                name: "EscalationRecorderId",
                table: "Evaluations",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 6);

            migrationBuilder.AlterColumn<string>(
                name: "EscalationMemberIds",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 5);

            migrationBuilder.AlterColumn<int>(
                name: "EscalatedStep",
                table: "Evaluations",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 4);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "EnteredOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true)
                .Annotation("Relational:ColumnOrder", 3);

            migrationBuilder.AlterColumn<DateTime>(
                name: "CreatedAt",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 2);

            migrationBuilder.AlterColumn<string>(
                name: "CommitteeMemberIds",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT")
                .Annotation("Relational:ColumnOrder", 1);

            migrationBuilder.AlterColumn<int>(
                name: "Id",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Relational:ColumnOrder", 0)
                .Annotation("Sqlite:Autoincrement", true)
                .OldAnnotation("Sqlite:Autoincrement", true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Not undone: the order of the columns is invisible to EF Core, and rebuilding the table again would lose the
            // indexes created by name (EvaluationNamedIndexesAgain creates them after this migration's rebuild).
        }
    }
}
