using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DecreeCatalogueText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Behaviors",
                table: "CompetencyEntries",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            // Entries that still hold EGI's old seeded text get the decree's text and conductas: see DecreeCatalogueSql.
            foreach (var sql in DecreeCatalogueSql.Up()) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in DecreeCatalogueSql.Down()) migrationBuilder.Sql(sql);

            migrationBuilder.DropColumn(
                name: "Behaviors",
                table: "CompetencyEntries");
        }
    }
}
