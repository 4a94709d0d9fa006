using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TalliesPerDependency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The tallies are derived rows, one per (period, dependencia, state) before and one per (period, dependencia) after:
            // none is converted. The application counts them all again at its next start when the table is empty
            // (DatabaseInitializer, DependencyTallies.RecountAllAsync).
            migrationBuilder.Sql("DELETE FROM \"DependencyTallies\";");

            migrationBuilder.DropPrimaryKey(
                name: "PK_DependencyTallies",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "State",
                table: "DependencyTallies");

            migrationBuilder.AddColumn<int>(
                name: "InSelfEvaluationIIApproval",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InClosedByRetirement",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InCompetencyRating",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InFinalAcceptance",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InFinalized",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InGoalAcceptance",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InGoalApproval",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InGoalFormulation",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InSelfEvaluationI",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InSelfEvaluationIAcceptance",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InSelfEvaluationIApproval",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InSelfEvaluationII",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_DependencyTallies",
                table: "DependencyTallies",
                columns: new[] { "PeriodId", "DependencyId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"DependencyTallies\";");

            migrationBuilder.DropPrimaryKey(
                name: "PK_DependencyTallies",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InClosedByRetirement",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InCompetencyRating",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InFinalAcceptance",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InFinalized",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InGoalAcceptance",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InGoalApproval",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InGoalFormulation",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InSelfEvaluationI",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InSelfEvaluationIAcceptance",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InSelfEvaluationIApproval",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InSelfEvaluationII",
                table: "DependencyTallies");

            migrationBuilder.DropColumn(
                name: "InSelfEvaluationIIApproval",
                table: "DependencyTallies");

            migrationBuilder.AddColumn<int>(
                name: "State",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_DependencyTallies",
                table: "DependencyTallies",
                columns: new[] { "PeriodId", "DependencyId", "State" });
        }
    }
}
