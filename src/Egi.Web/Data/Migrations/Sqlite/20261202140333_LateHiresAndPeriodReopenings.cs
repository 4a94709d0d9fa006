using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Egi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LateHiresAndPeriodReopenings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Reopenings",
                table: "Periods",
                type: "TEXT",
                nullable: true);

            // Until the facts are recomputed at start-up (revision 2), every evaluation owes its first follow-up.
            migrationBuilder.AddColumn<bool>(
                name: "Facts_FollowUpIApplies",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowUpIExemption",
                table: "Evaluations",
                type: "TEXT",
                maxLength: 30,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Reopenings",
                table: "Periods");

            migrationBuilder.DropColumn(
                name: "Facts_FollowUpIApplies",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "FollowUpIExemption",
                table: "Evaluations");
        }
    }
}
