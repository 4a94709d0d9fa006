using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DependencyTreePosition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TreePosition",
                table: "Dependencies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Servants_DependencyId_SortKey_DocumentNumber",
                table: "Servants",
                columns: new[] { "DependencyId", "SortKey", "DocumentNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Dependencies_TreePosition",
                table: "Dependencies",
                column: "TreePosition");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Servants_DependencyId_SortKey_DocumentNumber",
                table: "Servants");

            migrationBuilder.DropIndex(
                name: "IX_Dependencies_TreePosition",
                table: "Dependencies");

            migrationBuilder.DropColumn(
                name: "TreePosition",
                table: "Dependencies");
        }
    }
}
