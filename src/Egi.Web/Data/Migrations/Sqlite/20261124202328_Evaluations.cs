using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Evaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    EvaluadoId = table.Column<int>(type: "INTEGER", nullable: false),
                    EvaluatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommitteeMemberIds = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    EscalatedStep = table.Column<int>(type: "INTEGER", nullable: true),
                    EscalationMemberIds = table.Column<string>(type: "TEXT", nullable: false),
                    EscalationRecorderId = table.Column<int>(type: "INTEGER", nullable: true),
                    Competencies = table.Column<string>(type: "TEXT", nullable: true),
                    Goals = table.Column<string>(type: "TEXT", nullable: true),
                    History = table.Column<string>(type: "TEXT", nullable: true),
                    Progress = table.Column<string>(type: "TEXT", nullable: true),
                    Reopenings = table.Column<string>(type: "TEXT", nullable: true),
                    Versions = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_Periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "Periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Evaluations_Servants_EvaluadoId",
                        column: x => x.EvaluadoId,
                        principalTable: "Servants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Evaluations_Servants_EvaluatorId",
                        column: x => x.EvaluatorId,
                        principalTable: "Servants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_EvaluadoId",
                table: "Evaluations",
                column: "EvaluadoId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_EvaluatorId_State",
                table: "Evaluations",
                columns: new[] { "EvaluatorId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_PeriodId_EvaluadoId",
                table: "Evaluations",
                columns: new[] { "PeriodId", "EvaluadoId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Evaluations");
        }
    }
}
