using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanChoicesStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The first stamp is written at start-up (PlanChoicesStamp.EnsureAsync): random, never shared by two databases.
            migrationBuilder.CreateTable(
                name: "ReadModelStamps",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReadModelStamps", x => x.Key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReadModelStamps");
        }
    }
}
