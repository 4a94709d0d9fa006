using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Facts_Position",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Facts_Stage1",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Facts_Stage2",
                table: "Evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The totals' covering index over the new columns (created by name: see ReportIndexSql).
            ReportIndexSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ReportIndexSql.Down(migrationBuilder);

            migrationBuilder.DropColumn(
                name: "Facts_Position",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_Stage1",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_Stage2",
                table: "Evaluations");
        }
    }
}
