using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Egi.Web.Data;

/// <summary>
/// Runs each query on a command prepared once per SQLite connection and kept, instead of the new command EF Core makes
/// for every execution, which SQLite had to prepare again: parsing and planning «Por aprobar»'s statements cost more
/// than running them. The connections stay open while their context lives in the pool (<see cref="SqliteKeptConnection"/>);
/// a connection that closes drops its commands (closing finalizes them). A statement whose previous reader is still
/// open (a query inside another's loop) runs on EF Core's own command, as before. At most <see cref="PerConnection"/>
/// statements are kept per connection, the least recently used dropped first.
/// </summary>
public sealed class SqliteStatementCache : DbCommandInterceptor
{
    public const int PerConnection = 200;

    private static readonly ConditionalWeakTable<SqliteConnection, Statements> ByConnection = new();

    /// <summary>
    /// Bumped at each ANALYZE, per database (its <c>Data Source</c>): an ANALYZE of one database must not make the
    /// connections of another drop their statements (a process with two databases: the tests' hosts).
    /// </summary>
    private static readonly ConcurrentDictionary<string, int> Statistics = new(StringComparer.Ordinal);

    /// <summary>
    /// ANALYZE ran on the database of <paramref name="connection"/>: SQLite's planner reads the statistics when a
    /// connection loads the schema, so a connection kept open would plan with the old ones, and a statement prepared
    /// before keeps its plan. Each kept connection to that database reads them again (<c>ANALYZE sqlite_schema</c>) and
    /// drops its statements before its next query.
    /// </summary>
    public static void StatisticsRefreshed(DbConnection connection) =>
        Statistics.AddOrUpdate(DatabaseOf(connection), 1, (_, n) => n + 1);

    private static string DatabaseOf(DbConnection connection) => new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;

    /// <summary>The statements kept prepared on <paramref name="connection"/> and how many times each ran (diagnostics, tests).</summary>
    public static IReadOnlyList<(string Text, int Runs)> KeptOn(SqliteConnection connection) =>
        ByConnection.TryGetValue(connection, out var statements) ? statements.List() : [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        result.HasResult ? result : Run(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(result.HasResult ? result : Run(command, result));

    private static InterceptionResult<DbDataReader> Run(DbCommand command, InterceptionResult<DbDataReader> result)
    {
        if (command is not SqliteCommand { Connection: { State: ConnectionState.Open } connection } sqlite) return result;
        var statements = ByConnection.GetValue(connection, c => new Statements(c));
        var kept = statements.Rent(sqlite.CommandText, sqlite.Transaction);
        if (kept is null) return result;
        try
        {
            kept.Command.Transaction = sqlite.Transaction;
            kept.Command.CommandTimeout = sqlite.CommandTimeout;
            kept.Command.Parameters.Clear();
            foreach (SqliteParameter parameter in sqlite.Parameters) kept.Command.Parameters.Add(parameter);
            kept.Reader = kept.Command.ExecuteReader();
            return InterceptionResult<DbDataReader>.SuppressWithResult(kept.Reader);
        }
        catch
        {
            statements.Drop(sqlite.CommandText);
            throw;
        }
    }

    private sealed class KeptCommand(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;
        public SqliteDataReader? Reader { get; set; }
        public long LastUse { get; set; }
        public int Runs { get; set; }
    }

    /// <summary>The commands kept on one connection (used by one request at a time, as its context).</summary>
    private sealed class Statements
    {
        private readonly SqliteConnection connection;
        private readonly string database;
        private readonly Dictionary<string, KeptCommand> byText = new(StringComparer.Ordinal);
        private long clock;
        private int seen = -1;

        public Statements(SqliteConnection connection)
        {
            this.connection = connection;
            database = DatabaseOf(connection);
            connection.StateChange += (_, e) =>
            {
                if (e.CurrentState != ConnectionState.Open) Clear();
            };
        }

        public KeptCommand? Rent(string text, SqliteTransaction? transaction)
        {
            var current = Statistics.GetValueOrDefault(database);
            if (seen != current)
            {
                if (byText.Values.Any(k => k.Reader is { IsClosed: false })) return null; // a query of this connection is still being read
                Clear();
                using var reload = connection.CreateCommand();
                reload.Transaction = transaction;
                reload.CommandText = "ANALYZE sqlite_schema";
                reload.ExecuteNonQuery();
                seen = current;
            }
            if (byText.TryGetValue(text, out var kept))
            {
                if (kept.Reader is { IsClosed: false }) return null;
                kept.LastUse = ++clock;
                kept.Runs++;
                return kept;
            }
            if (byText.Count >= PerConnection) Evict();
            var command = connection.CreateCommand();
            command.CommandText = text;
            kept = new KeptCommand(command) { LastUse = ++clock, Runs = 1 };
            byText.Add(text, kept);
            return kept;
        }

        public IReadOnlyList<(string Text, int Runs)> List() => byText.Select(x => (x.Key, x.Value.Runs)).ToList();

        public void Drop(string text)
        {
            if (byText.Remove(text, out var kept)) kept.Command.Dispose();
        }

        private void Evict()
        {
            var oldest = byText.Where(x => x.Value.Reader is not { IsClosed: false }).MinBy(x => x.Value.LastUse);
            if (oldest.Value is not null) Drop(oldest.Key);
        }

        private void Clear()
        {
            foreach (var kept in byText.Values) kept.Command.Dispose();
            byText.Clear();
        }
    }
}
