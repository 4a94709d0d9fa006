using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Data;

/// <summary>
/// Both engines choose among indexes by the statistics of <c>ANALYZE</c>; without them they guess, and with 5 000
/// servants they guessed wrong: on SQLite a jefe's «Por aprobar» read every evaluation of the period through the
/// period's index instead of the handful of the jefe's through the evaluator's; on PostgreSQL, before its autovacuum
/// came round, the same page counted through both indexes at once, 3 105 entries of the period's for the jefe's 18
/// (<c>bench/statements.sh PLANS=…</c>), re-planned on every request. The statistics are refreshed at start-up (a
/// database just migrated or restored from a backup) and after the operations that change the size of the tables by
/// thousands (the servants' import, the opening of a period): on SQLite bounded by <c>analysis_limit</c>, on PostgreSQL
/// by its own sample per table (<c>default_statistics_target</c>), skipping a table another ANALYZE holds (several
/// instances start at once). A fraction of a second at 5 000 servants. PostgreSQL's autovacuum keeps them afterwards.
/// </summary>
public static class PlannerStatistics
{
    /// <summary>Rows sampled per index on SQLite; SQLite's documentation suggests 100–1000.</summary>
    public const int AnalysisLimit = 1000;

    public static async Task RefreshAsync(EgiDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync($"PRAGMA analysis_limit={AnalysisLimit}; ANALYZE;", ct);
            SqliteStatementCache.StatisticsRefreshed(db.Database.GetDbConnection());
        }
        else if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE (SKIP_LOCKED)", ct);
    }
}
