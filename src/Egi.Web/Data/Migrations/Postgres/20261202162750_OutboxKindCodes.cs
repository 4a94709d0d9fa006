using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxKindCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The outbox's kinds become stable codes (Notifications.MailKind): see MailKindCodesSql.
            foreach (var sql in MailKindCodesSql.Up()) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in MailKindCodesSql.Down()) migrationBuilder.Sql(sql);
        }
    }
}
