using Egi.Web.Data;
using Microsoft.Data.Sqlite;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// <see cref="SqlitePragmas"/> sets each SQLite connection up once: the pool hands the same native connection to many
/// opens, and it keeps its settings between them. A new native connection is set up on its first open.
/// </summary>
public sealed class SqlitePragmasTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"egi-pragmas-{Guid.NewGuid():N}.db");

    [Fact]
    public void A_connection_is_set_up_on_its_first_open_only_and_a_new_one_again()
    {
        var pragmas = new SqlitePragmas();
        using var first = Open();
        pragmas.ConnectionOpened(first, null!);
        Assert.Equal(5000L, Read(first, "PRAGMA busy_timeout"));
        Assert.Equal(1L, Read(first, "PRAGMA synchronous")); // NORMAL

        // The same native connection opened again (as the pool gives it back): what it was given since stays.
        Execute(first, "PRAGMA busy_timeout=1234");
        pragmas.ConnectionOpened(first, null!);
        Assert.Equal(1234L, Read(first, "PRAGMA busy_timeout"));

        using var second = Open();
        pragmas.ConnectionOpened(second, null!);
        Assert.Equal(5000L, Read(second, "PRAGMA busy_timeout"));
    }

    /// <summary>
    /// The premise of setting a connection up once: Microsoft.Data.Sqlite's pool gives the same native connection to
    /// the next open with the settings it was given, so the interceptor skips it and the busy timeout still holds.
    /// </summary>
    [Fact]
    public void The_pool_gives_the_native_connection_back_with_its_settings()
    {
        var pragmas = new SqlitePragmas();
        var pooled = $"Data Source={file}";
        object? handle;
        using (var connection = new SqliteConnection(pooled))
        {
            connection.Open();
            pragmas.ConnectionOpened(connection, null!);
            handle = connection.Handle;
        }
        using (var again = new SqliteConnection(pooled))
        {
            again.Open();
            pragmas.ConnectionOpened(again, null!);
            Assert.Same(handle, again.Handle);
            Assert.Equal(5000L, Read(again, "PRAGMA busy_timeout"));
            Assert.Equal(1L, Read(again, "PRAGMA synchronous")); // NORMAL
        }
        SqliteConnection.ClearPool(new SqliteConnection(pooled));
    }

    [Fact]
    public async Task The_async_open_sets_a_connection_up_once_too()
    {
        var pragmas = new SqlitePragmas();
        await using var connection = Open();
        await pragmas.ConnectionOpenedAsync(connection, null!);
        Assert.Equal(5000L, Read(connection, "PRAGMA busy_timeout"));
        Execute(connection, "PRAGMA busy_timeout=1234");
        await pragmas.ConnectionOpenedAsync(connection, null!);
        Assert.Equal(1234L, Read(connection, "PRAGMA busy_timeout"));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Read(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => File.Delete(file);
}
