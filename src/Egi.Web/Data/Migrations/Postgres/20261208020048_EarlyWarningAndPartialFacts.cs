using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EarlyWarningAndPartialFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Facts_EarlyWarning",
                table: "Evaluations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "Facts_LastPartialScore",
                table: "Evaluations",
                type: "numeric(7,2)",
                precision: 7,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Facts_RecordedPartials",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "EarlyWarnings",
                table: "DependencyTallies",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Facts_EarlyWarning",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_LastPartialScore",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_RecordedPartials",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "EarlyWarnings",
                table: "DependencyTallies");
        }
    }
}
