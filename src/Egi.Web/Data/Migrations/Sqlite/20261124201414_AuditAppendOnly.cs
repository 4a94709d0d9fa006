using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_no_update BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'La auditoría es de solo adición.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_no_delete BEFORE DELETE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'La auditoría es de solo adición.'); END;");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER AuditEntries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER AuditEntries_no_delete;");

        }
    }
}
