using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Egi.Web.Data;

/// <summary>
/// Every SQLite connection runs with <c>synchronous=NORMAL</c>: the database is in WAL mode (EF Core's default), where
/// NORMAL keeps it consistent after a crash or power loss and only skips the disk flush on each commit (the last
/// commits before a power cut may be lost, never corrupted). Each page view of a report writes an audit line, so with
/// FULL every such view waited for the disk. PostgreSQL is the production choice for durability under load.
/// <para>
/// And with <c>busy_timeout</c>: SQLite lets one writer at a time, and a statement that finds the database locked
/// returns SQLITE_BUSY at once; Microsoft.Data.Sqlite then puts the request's thread to sleep for 150 ms before trying
/// again. Under load (32 report views at a time, each writing its audit line) those sleeps made the reports' slowest
/// responses: with a busy timeout SQLite itself waits for the lock, retrying after 1, 2, 5, 10… ms, and the annual
/// report's p99 went from about 365 to 260 ms, its throughput up 5–15 % (bench/HISTORY.md).
/// </para>
/// <para>
/// Both are settings of the SQLite connection itself, which Microsoft.Data.Sqlite keeps in its pool between opens, and
/// EF Core opens a connection for each query: they are set once per SQLite connection (its native handle), not at every
/// open — a page of five queries ran them five times, 3 % of «Mis pendientes» (bench/HISTORY.md «20:30 UTC on 05/12/2026»).
/// </para>
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>busy_timeout: a statement waits up to 5 s inside SQLite for another writer, then Microsoft.Data.Sqlite's own retries.</summary>
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    /// <summary>The native connections already set up (weak: a connection the pool lets go is forgotten with it).</summary>
    private static readonly ConditionalWeakTable<object, object> SetUp = new();

    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsSetUp(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsSetUp(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private static bool IsSetUp(DbConnection connection) => connection is SqliteConnection { Handle: { } handle } && SetUp.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) SetUp.AddOrUpdate(handle, Done);
    }
}
