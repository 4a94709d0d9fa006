using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvaluationEnteredOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "EnteredOn",
                table: "Evaluations",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // SQLite's own DROP COLUMN (3.35+), not EF's table rebuild: a rebuild keeps only the indexes EF's model
            // knows and would lose those created by name (ControlDeadlineIndexes, IX_Evaluations_Improvement).
            migrationBuilder.Sql("ALTER TABLE \"Evaluations\" DROP COLUMN \"EnteredOn\";");
        }
    }
}
