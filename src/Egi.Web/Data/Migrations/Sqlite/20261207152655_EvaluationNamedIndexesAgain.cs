using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvaluationNamedIndexesAgain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The indexes of the evaluations created by name, lost by the previous migration's rebuild of the table.
            EvaluationsNamedIndexes.CreateAll(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Not undone: the previous migration's Down leaves the table as it is, and the migrations before expect them.
        }
    }
}
