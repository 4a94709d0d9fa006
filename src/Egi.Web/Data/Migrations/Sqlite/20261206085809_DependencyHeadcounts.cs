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

            // The rows of the servants already there (from then on each save keeps them): servants without a fecha de
            // retiro per dependencia, and of them those of a vinculación EGI evaluates as Eligibility.IsOfEvaluableType
            // says on this day (provisional = 1, libre nombramiento = 2, not gerente público). A test compares them with
            // DependencyHeadcounts.Recount after the migration.
            migrationBuilder.Sql("""
                INSERT INTO "DependencyHeadcounts" ("DependencyId", "WithoutRetirement", "EvaluableWithoutRetirement")
                SELECT "DependencyId", COUNT(*), SUM(CASE WHEN "EmploymentType" IN (1, 2) AND NOT "IsPublicManager" THEN 1 ELSE 0 END)
                FROM "Servants"
                WHERE "RetirementDate" IS NULL
                GROUP BY "DependencyId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DependencyHeadcounts");
        }
    }
}
