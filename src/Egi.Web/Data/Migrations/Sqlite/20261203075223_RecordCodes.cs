using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reminder roles, attendance sources and scheduled job names become stable codes: see RecordCodesSql.
            foreach (var sql in RecordCodesSql.Up()) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in RecordCodesSql.Down()) migrationBuilder.Sql(sql);
        }
    }
}
