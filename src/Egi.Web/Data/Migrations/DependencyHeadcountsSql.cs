using Microsoft.EntityFrameworkCore.Migrations;

namespace Egi.Web.Data.Migrations;

/// <summary>
/// The rows of <see cref="Features.Shared.DependencyHeadcount"/> for the servants already there when migration
/// DependencyHeadcounts creates the table (from then on each save keeps them): per dependencia, the servants without a
/// fecha de retiro, and of them those of a vinculación EGI evaluates as <see cref="Domain.Directory.Eligibility.IsOfEvaluableType"/>
/// says on this day (provisional = 1, libre nombramiento = 2, not gerente público). The same SQL on both providers;
/// <c>DependencyHeadcountTests</c> compares what it writes with <see cref="Features.Shared.DependencyHeadcounts.Recount"/>.
/// </summary>
public static class DependencyHeadcountsSql
{
    public const string Backfill = """
        INSERT INTO "DependencyHeadcounts" ("DependencyId", "WithoutRetirement", "EvaluableWithoutRetirement")
        SELECT "DependencyId", COUNT(*), SUM(CASE WHEN "EmploymentType" IN (1, 2) AND NOT "IsPublicManager" THEN 1 ELSE 0 END)
        FROM "Servants"
        WHERE "RetirementDate" IS NULL
        GROUP BY "DependencyId";
        """;

    public static void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(Backfill);
    }
}
