using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Data;

/// <summary>
/// The saves of one process to one SQLite database take turns here, in order of arrival, before they reach SQLite.
/// SQLite lets one writer at a time; a writer that finds the database locked sleeps inside SQLite (its busy timeout:
/// 1, 2, 5, 10, 15, 20, 25… ms) and tries again, so under load a save waited for the sleep it happened to be in, not
/// for the writer before it — and every view of a report, the dashboard or the control points saves its audit line.
/// A save waiting here is woken the moment the one before it ends. Only a save outside a caller's transaction takes
/// a turn (one inside a caller's transaction already holds SQLite's lock), and one that waited
/// <see cref="Patience"/> goes on to SQLite's own waiting, so a turn never becomes a deadlock. PostgreSQL locks rows,
/// not the database: nothing to do there. Several processes on one SQLite file still meet only in SQLite.
/// </summary>
public static class SqliteWriteGate
{
    /// <summary>How long a save waits for its turn before it goes to SQLite's busy timeout (<see cref="SqlitePragmas"/>).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>One turn per database file (its connection string): the test suite's databases do not wait for each other.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Turns = new();

    /// <summary>
    /// Waits for <paramref name="db"/>'s turn to write; disposing the result ends it. Null (nothing to wait for) on
    /// PostgreSQL, inside a transaction already open, or after <see cref="Patience"/>.
    /// </summary>
    public static async ValueTask<Turn?> EnterAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null || !db.Database.IsSqlite()) return null;
        var turn = Turns.GetOrAdd(db.Database.GetConnectionString() ?? "", static _ => new SemaphoreSlim(1, 1));
        return await turn.WaitAsync(Patience, ct) ? new Turn(turn) : null;
    }

    /// <summary>Whether no save of <paramref name="db"/>'s database holds its turn now (what the tests watch).</summary>
    public static bool IsFree(DbContext db) =>
        !Turns.TryGetValue(db.Database.GetConnectionString() ?? "", out var turn) || turn.CurrentCount == 1;

    /// <summary>A save's turn, ended once.</summary>
    public sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private SemaphoreSlim? held = turn;

        public void Dispose() => Interlocked.Exchange(ref held, null)?.Release();
    }
}
