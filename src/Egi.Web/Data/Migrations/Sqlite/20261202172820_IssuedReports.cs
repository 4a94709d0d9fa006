using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IssuedReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IssuedReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Conclusions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Recommendations = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ReplacesId = table.Column<int>(type: "INTEGER", nullable: true),
                    SnapshotJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IssuedReports_IssuedReports_ReplacesId",
                        column: x => x.ReplacesId,
                        principalTable: "IssuedReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IssuedReports_Periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "Periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedReports_PeriodId_Kind",
                table: "IssuedReports",
                columns: new[] { "PeriodId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedReports_ReplacesId",
                table: "IssuedReports",
                column: "ReplacesId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssuedReports");
        }
    }
}
