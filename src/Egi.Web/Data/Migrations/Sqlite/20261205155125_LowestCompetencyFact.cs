using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            ImprovementIndexSql.UpFirst(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ImprovementIndexSql.Down(migrationBuilder);

            // SQLite's own DROP COLUMN (3.35+), not EF's table rebuild: a rebuild keeps only the indexes EF's model
            // knows and would lose those created by name (ControlDeadlineIndexes, the report's covering index).
            migrationBuilder.Sql("ALTER TABLE \"Evaluations\" DROP COLUMN \"Facts_LowestCompetency\";");
        }
    }
}
