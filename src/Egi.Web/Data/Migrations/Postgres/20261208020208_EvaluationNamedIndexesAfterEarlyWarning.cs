using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EvaluationNamedIndexesAfterEarlyWarning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The previous migration did not rebuild the table here: only the report index gets the early warning,
            // which the tallies count from it (ReportIndexSql.Columns).
            ReportIndexSql.UpWithEarlyWarning(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ReportIndexSql.Down(migrationBuilder);
            ReportIndexSql.Up(migrationBuilder);
        }
    }
}
