using System.Data;
using Egi.Web.Data;
using Egi.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// On SQLite a pooled context keeps its connection open between requests (<see cref="SqliteKeptConnection"/>) and each
/// statement stays prepared on it (<see cref="SqliteStatementCache"/>): SQLite parses and plans a query once per
/// connection, not at every execution.
/// </summary>
public sealed class SqliteStatementCacheTests(QuietSqliteHost host) : IClassFixture<QuietSqliteHost>, IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_query_is_prepared_once_on_its_connection_which_stays_open_when_the_context_goes_back_to_the_pool()
    {
        SqliteConnection? connection = null;
        await app.WithDbAsync(async d =>
        {
            connection = (SqliteConnection)d.Database.GetDbConnection();
            for (var i = 0; i < 3; i++)
                Assert.Equal(0, await d.Servants.CountAsync(s => s.LastNames == "sonda-de-sentencias"));
        });
        Assert.Equal(ConnectionState.Open, connection!.State);
        var (statements, runs) = Prepared(connection, "sonda-de-sentencias");
        Assert.Equal(1, statements);
        Assert.Equal(3, runs);
    }

    /// <summary>A query run again while its own reader is still open (inside its loop) gets a command of its own.</summary>
    [Fact]
    public async Task The_same_query_inside_its_own_loop_runs_on_a_command_of_its_own()
    {
        await app.WithDbAsync(async d =>
        {
            var all = await d.Dependencies.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Id).ToListAsync();
            var seen = new List<int>();
            await foreach (var id in d.Dependencies.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Id).AsAsyncEnumerable())
            {
                Assert.Equal(all, await d.Dependencies.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Id).ToListAsync());
                seen.Add(id);
            }
            Assert.Equal(all, seen);
        });
    }

    /// <summary>
    /// The connection stays open, the transaction does not: a transaction a request left unfinished is rolled back when
    /// its context goes back to the pool, and nobody waits on its lock.
    /// </summary>
    [Fact]
    public async Task A_transaction_left_open_is_rolled_back_when_its_context_goes_back_to_the_pool()
    {
        var first = await app.WithDbAsync(d => d.Dependencies.AsNoTracking().OrderBy(x => x.Id).Select(x => new { x.Id, x.Name }).FirstAsync());
        await app.WithDbAsync(async d =>
        {
            await d.Database.BeginTransactionAsync();
            await d.Dependencies.Where(x => x.Id == first.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Name, "sin confirmar"));
        });
        Assert.Equal(first.Name, await app.WithDbAsync(d => d.Dependencies.Where(x => x.Id == first.Id).Select(x => x.Name).SingleAsync()));
        // Another connection writes at once: the abandoned transaction holds no lock.
        var written = await app.WithDbAsync(async d =>
        {
            await using var other = new SqliteConnection(d.Database.GetConnectionString() + ";Pooling=False;Default Timeout=1");
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = "UPDATE \"Dependencies\" SET \"Name\" = \"Name\" WHERE \"Id\" = $id";
            command.Parameters.AddWithValue("$id", first.Id);
            return await command.ExecuteNonQueryAsync();
        });
        Assert.Equal(1, written);
    }

    /// <summary>
    /// A statement that fails on its input (here malformed JSON) reports SQLite's error as before, and the same statement
    /// with good input runs at once on the same connection: the failed command is dropped and prepared again.
    /// </summary>
    [Fact]
    public async Task A_statement_that_fails_on_bad_input_runs_again_with_good_input()
    {
        await app.WithDbAsync(async d =>
        {
            var connection = (SqliteConnection)d.Database.GetDbConnection();
            const string sql = "SELECT json_extract({0}, '$.v') AS \"Value\" WHERE 'entrada-mala' <> ''";
            await Assert.ThrowsAsync<SqliteException>(() => d.Database.SqlQueryRaw<int>(sql, "{mal").ToListAsync());
            Assert.Equal(5, Assert.Single(await d.Database.SqlQueryRaw<int>(sql, "{\"v\":5}").ToListAsync()));
            Assert.Equal(7, Assert.Single(await d.Database.SqlQueryRaw<int>(sql, "{\"v\":7}").ToListAsync()));
            Assert.Equal((1, 2), Prepared(connection, "entrada-mala"));
        });
    }

    [Fact]
    public async Task A_connection_keeps_at_most_its_limit_of_statements()
    {
        await app.WithDbAsync(async d =>
        {
            var connection = (SqliteConnection)d.Database.GetDbConnection();
            for (var i = 0; i < SqliteStatementCache.PerConnection + 20; i++)
            {
                var sql = $"SELECT {i} AS \"Value\" WHERE 'limite-de-sentencias' <> ''";
                Assert.Equal(i, Assert.Single(await d.Database.SqlQueryRaw<int>(sql).ToListAsync()));
            }
            var (statements, _) = Prepared(connection, "limite-de-sentencias");
            Assert.InRange(statements, SqliteStatementCache.PerConnection - 20, SqliteStatementCache.PerConnection);
        });
    }

    /// <summary>
    /// After an ANALYZE a connection drops its statements and prepares them again with the new statistics; an ANALYZE
    /// of another database (another host in the same process: the tests run several at once) leaves them kept — a
    /// process-wide signal let one host's ANALYZE empty another's statements in the middle of a test.
    /// </summary>
    [Fact]
    public async Task Only_an_ANALYZE_of_its_own_database_makes_a_connection_prepare_its_statements_again()
    {
        await app.WithDbAsync(async d =>
        {
            var connection = (SqliteConnection)d.Database.GetDbConnection();
            async Task RunAsync() => Assert.Equal(0, await d.Servants.CountAsync(s => s.LastNames == "sonda-de-estadisticas"));
            await RunAsync();
            await RunAsync();
            Assert.Equal((1, 2), Prepared(connection, "sonda-de-estadisticas"));

            using var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetTempPath(), $"otra-{Guid.NewGuid():N}.db") }.ToString());
            SqliteStatementCache.StatisticsRefreshed(other);
            await RunAsync();
            Assert.Equal((1, 3), Prepared(connection, "sonda-de-estadisticas"));

            SqliteStatementCache.StatisticsRefreshed(connection);
            await RunAsync();
            Assert.Equal((1, 1), Prepared(connection, "sonda-de-estadisticas"));
        });
    }

    /// <summary>The statements kept prepared on <paramref name="connection"/> whose text has <paramref name="marker"/>, and how many times they ran.</summary>
    private static (int Statements, int Runs) Prepared(SqliteConnection connection, string marker)
    {
        var kept = SqliteStatementCache.KeptOn(connection).Where(x => x.Text.Contains(marker, StringComparison.Ordinal)).ToList();
        return (kept.Count, kept.Sum(x => x.Runs));
    }
}
