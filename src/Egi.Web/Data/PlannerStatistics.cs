using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Data;

/// <summary>
/// SQLite chooses among indexes by the statistics of <c>ANALYZE</c>; without them it guesses, and with 5 000 servants it
/// guessed wrong: a jefe's «Por aprobar» read every evaluation of the period through the period's index instead of the
/// handful of the jefe's through the evaluator's. The statistics are refreshed at start-up and after the operations
/// that change the size of the tables by thousands (the servants' import, the opening of a period), bounded by
/// <c>analysis_limit</c> (a fraction of a second at 5 000 servants). PostgreSQL keeps its own (autovacuum's ANALYZE).
/// </summary>
public static class PlannerStatistics
{
    /// <summary>Rows sampled per index; SQLite's documentation suggests 100–1000.</summary>
    public const int AnalysisLimit = 1000;

    public static async Task RefreshAsync(EgiDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlRawAsync($"PRAGMA analysis_limit={AnalysisLimit}; ANALYZE;", ct);
    }
}
