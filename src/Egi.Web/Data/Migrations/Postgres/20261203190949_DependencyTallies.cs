using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DependencyTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DependencyTallies",
                columns: table => new
                {
                    DependencyId = table.Column<int>(type: "integer", nullable: false),
                    PeriodId = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Servants = table.Column<int>(type: "integer", nullable: false),
                    NotStarted = table.Column<int>(type: "integer", nullable: false),
                    Formulation = table.Column<int>(type: "integer", nullable: false),
                    Approval = table.Column<int>(type: "integer", nullable: false),
                    Acceptance = table.Column<int>(type: "integer", nullable: false),
                    Agreed = table.Column<int>(type: "integer", nullable: false),
                    ClosedNotAgreed = table.Column<int>(type: "integer", nullable: false),
                    Stage2NotStarted = table.Column<int>(type: "integer", nullable: false),
                    Stage2InProgress = table.Column<int>(type: "integer", nullable: false),
                    Stage2Accepted = table.Column<int>(type: "integer", nullable: false),
                    Stage2NotApplicable = table.Column<int>(type: "integer", nullable: false),
                    FirstFollowUpSum = table.Column<decimal>(type: "numeric", nullable: true),
                    FirstFollowUpCount = table.Column<int>(type: "integer", nullable: false),
                    GoalsSum = table.Column<decimal>(type: "numeric", nullable: true),
                    CompetenciesSum = table.Column<decimal>(type: "numeric", nullable: true),
                    FinalSum = table.Column<decimal>(type: "numeric", nullable: true),
                    Scored = table.Column<int>(type: "integer", nullable: false),
                    Outstanding = table.Column<int>(type: "integer", nullable: false),
                    Satisfactory = table.Column<int>(type: "integer", nullable: false),
                    Unsatisfactory = table.Column<int>(type: "integer", nullable: false),
                    NoEvaluation = table.Column<int>(type: "integer", nullable: false),
                    InGoals = table.Column<int>(type: "integer", nullable: false),
                    InFollowUpI = table.Column<int>(type: "integer", nullable: false),
                    InFollowUpII = table.Column<int>(type: "integer", nullable: false),
                    Finalized = table.Column<int>(type: "integer", nullable: false),
                    Closed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DependencyTallies", x => new { x.PeriodId, x.DependencyId, x.State });
                    table.ForeignKey(
                        name: "FK_DependencyTallies_Periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "Periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DependencyTallies");
        }
    }
}
