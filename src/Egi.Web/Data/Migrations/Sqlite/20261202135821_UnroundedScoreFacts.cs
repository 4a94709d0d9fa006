using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnroundedScoreFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Facts_CompetenciesComponentUnrounded",
                table: "Evaluations",
                type: "INTEGER",
                precision: 16,
                scale: 10,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Facts_FinalScoreUnrounded",
                table: "Evaluations",
                type: "INTEGER",
                precision: 16,
                scale: 10,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Facts_FirstFollowUpUnrounded",
                table: "Evaluations",
                type: "INTEGER",
                precision: 16,
                scale: 10,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Facts_GoalsComponentUnrounded",
                table: "Evaluations",
                type: "INTEGER",
                precision: 16,
                scale: 10,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Facts_CompetenciesComponentUnrounded",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FinalScoreUnrounded",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_FirstFollowUpUnrounded",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Facts_GoalsComponentUnrounded",
                table: "Evaluations");
        }
    }
}
