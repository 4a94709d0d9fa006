using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DependencyHeadcounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DependencyHeadcounts",
                columns: table => new
                {
                    DependencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    WithoutRetirement = table.Column<int>(type: "INTEGER", nullable: false),
                    EvaluableWithoutRetirement = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DependencyHeadcounts", x => x.DependencyId);
                    table.ForeignKey(
                        name: "FK_DependencyHeadcounts_Dependencies_DependencyId",
                        column: x => x.DependencyId,
                        principalTable: "Dependencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The rows of the servants already there (from then on each save keeps them): see DependencyHeadcountsSql.
            DependencyHeadcountsSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DependencyHeadcounts");
        }
    }
}
