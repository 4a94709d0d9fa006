using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReadModelAndStableCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Stable codes (issue 15): the JSON history, versions and partials store enum names, not Spanish labels.
            foreach (var sql in StableCodesSql.Postgres) migrationBuilder.Sql(sql);
            // The derived facts of existing evaluations are filled at start-up by DatabaseInitializer.RefreshStaleFactsAsync
            // (the domain computes them; Facts_Revision = 0 marks them stale).

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Servants",
                type: "character varying(600)",
                maxLength: 600,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SortKey",
                table: "Servants",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_ClosedOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Facts_Committee",
                table: "Evaluations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "Facts_CompetenciesComponent",
                table: "Evaluations",
                type: "numeric(7,2)",
                precision: 7,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_CompetenciesRatedOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Facts_CurrentStepNotAccepted",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Facts_CurrentStepRounds",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Facts_DisagreementStep",
                table: "Evaluations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Facts_Escalated",
                table: "Evaluations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "Facts_FinalScore",
                table: "Evaluations",
                type: "numeric(7,2)",
                precision: 7,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_FinalizedOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Facts_FirstFollowUpScore",
                table: "Evaluations",
                type: "numeric(7,2)",
                precision: 7,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_FollowUpIAcceptedOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_FollowUpIDeadline",
                table: "Evaluations",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_FollowUpIIDeadline",
                table: "Evaluations",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_FollowUpIIReviewedOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_FollowUpIISubmittedOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_FollowUpIReviewedOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_FollowUpISubmittedOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Facts_GoalCount",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Facts_GoalRounds",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_GoalsAgreedOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Facts_GoalsComponent",
                table: "Evaluations",
                type: "numeric(7,2)",
                precision: 7,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_GoalsDeadline",
                table: "Evaluations",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "Facts_GoalsNotAccepted",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_GoalsReviewedOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Facts_GoalsSubmittedOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Facts_Level",
                table: "Evaluations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Facts_PendingPartials",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Facts_Revision",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Facts_WaitingOn",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "Facts_WaitingSince",
                table: "Evaluations",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateTable(
                name: "EvaluationWaits",
                columns: table => new
                {
                    ServantId = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationId = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    Since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationWaits", x => new { x.EvaluationId, x.ServantId });
                    table.ForeignKey(
                        name: "FK_EvaluationWaits_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Servants_SortKey",
                table: "Servants",
                column: "SortKey");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_PeriodId",
                table: "Evaluations",
                column: "PeriodId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationWaits_ServantId",
                table: "EvaluationWaits",
                column: "ServantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in StableCodesSql.PostgresDown) migrationBuilder.Sql(sql);

            migrationBuilder.DropTable(
                name: "EvaluationWaits");

            migrationBuilder.DropIndex(
                name: "IX_Servants_SortKey",
                table: "Servants");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_PeriodId",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Servants");

            migrationBuilder.DropColumn(
                name: "SortKey",
                table: "Servants");

            migrationBuilder.DropColumn(
                name: "Facts_ClosedOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_Committee",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_CompetenciesComponent",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_CompetenciesRatedOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_CurrentStepNotAccepted",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_CurrentStepRounds",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_DisagreementStep",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_Escalated",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FinalScore",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FinalizedOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FirstFollowUpScore",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FollowUpIAcceptedOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FollowUpIDeadline",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FollowUpIIDeadline",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FollowUpIIReviewedOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FollowUpIISubmittedOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FollowUpIReviewedOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FollowUpISubmittedOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_GoalCount",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_GoalRounds",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_GoalsAgreedOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_GoalsComponent",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_GoalsDeadline",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_GoalsNotAccepted",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_GoalsReviewedOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_GoalsSubmittedOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_Level",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_PendingPartials",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_Revision",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_WaitingOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_WaitingSince",
                table: "Evaluations");
        }
    }
}
