using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EvaluationPlainColumnsFirst : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing on PostgreSQL: the order of the evaluations' columns is SQLite's concern (SqliteEgiDbContext's
            // PlainColumnsFirst); PostgreSQL keeps large values out of the row. The migration keeps both histories alike.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
