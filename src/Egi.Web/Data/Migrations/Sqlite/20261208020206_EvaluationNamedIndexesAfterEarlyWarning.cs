using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvaluationNamedIndexesAfterEarlyWarning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The indexes of the evaluations created by name, lost by the previous migration's rebuild of the table; the
            // report index with the early warning, which the tallies count from it (ReportIndexSql.Columns).
            EvaluationsNamedIndexes.CreateCurrent(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The others stay (the migrations before expect them); the report index goes back to its first version, so
            // that the previous migration's Down can drop the early warning's column.
            ReportIndexSql.Down(migrationBuilder);
            ReportIndexSql.Up(migrationBuilder);
        }
    }
}
