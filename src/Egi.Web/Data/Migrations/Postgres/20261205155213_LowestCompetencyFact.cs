using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LowestCompetencyFact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Facts_LowestCompetency",
                table: "Evaluations",
                type: "integer",
                nullable: true);

            ImprovementIndexSql.UpFirst(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ImprovementIndexSql.Down(migrationBuilder);

            migrationBuilder.DropColumn(
                name: "Facts_LowestCompetency",
                table: "Evaluations");
        }
    }
}
