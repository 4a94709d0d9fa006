using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION egi_audit_entries_append_only() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'La auditoría es de solo adición: no se permite % sobre "AuditEntries".', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                CREATE TRIGGER "AuditEntries_append_only"
                    BEFORE UPDATE OR DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION egi_audit_entries_append_only();
                CREATE TRIGGER "AuditEntries_no_truncate"
                    BEFORE TRUNCATE ON "AuditEntries"
                    FOR EACH STATEMENT EXECUTE FUNCTION egi_audit_entries_append_only();
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "AuditEntries_no_truncate" ON "AuditEntries";
                DROP TRIGGER "AuditEntries_append_only" ON "AuditEntries";
                DROP FUNCTION egi_audit_entries_append_only();
                """);

        }
    }
}
