using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TalliesOfEvaluableType : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OfEvaluableType",
                table: "DependencyTallies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The tallies stored so far lack the new count: deleted, so that start-up counts every one again from the
            // evaluations (DatabaseInitializer recounts when the table is empty and evaluations exist).
            migrationBuilder.Sql("DELETE FROM \"DependencyTallies\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OfEvaluableType",
                table: "DependencyTallies");
        }
    }
}
