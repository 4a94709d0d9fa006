using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NotEvaluatedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Servants_DependencyId",
                table: "Servants");

            migrationBuilder.CreateIndex(
                name: "IX_Servants_DependencyId_EmploymentType_IsPublicManager_Retire~",
                table: "Servants",
                columns: new[] { "DependencyId", "EmploymentType", "IsPublicManager", "RetirementDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Servants_DependencyId_EmploymentType_IsPublicManager_Retire~",
                table: "Servants");

            migrationBuilder.CreateIndex(
                name: "IX_Servants_DependencyId",
                table: "Servants",
                column: "DependencyId");
        }
    }
}
