using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Facts_Stage1",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Facts_Stage2",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The totals' covering index over the new columns (created by name: see ReportIndexSql).
            ReportIndexSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ReportIndexSql.Down(migrationBuilder);

            // SQLite's own DROP COLUMN (3.35+), not EF's table rebuild: a rebuild keeps only the indexes EF's model
            // knows and would lose the step indexes created by name (ControlDeadlineIndexes).
            foreach (var column in new[] { "Facts_Position", "Facts_Stage1", "Facts_Stage2" })
                migrationBuilder.Sql($"ALTER TABLE \"Evaluations\" DROP COLUMN \"{column}\";");
        }
    }
}
