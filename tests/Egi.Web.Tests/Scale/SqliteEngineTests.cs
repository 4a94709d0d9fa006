using System.Runtime.CompilerServices;
using Egi.Web.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// <see cref="SqliteEngine"/> turns SQLite's memory statistics off when the application's assembly loads, before any
/// connection: SQLite then keeps no count of the memory it uses (sqlite3_memory_used answers 0 however much it holds).
/// </summary>
public sealed class SqliteEngineTests
{
    [Fact]
    public void SQLite_runs_without_memory_statistics()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (x TEXT); INSERT INTO t SELECT hex(randomblob(1000)) FROM (SELECT 1 UNION SELECT 2 UNION SELECT 3); SELECT count(*) FROM t;";
        Assert.Equal(3L, command.ExecuteScalar());

        Assert.True(SqliteEngine.MemoryStatisticsOff);
        Assert.Equal(0L, raw.sqlite3_memory_used());
    }

    /// <summary>
    /// Loads the application's assembly (and so runs its module initializer, <see cref="SqliteEngine"/>) before any
    /// test of this process opens a SQLite connection, as the application's own start does: which test runs first
    /// must not decide whether SQLite was configured in time.
    /// </summary>
    [ModuleInitializer]
    internal static void LoadTheApplicationFirst() =>
        RuntimeHelpers.RunModuleConstructor(typeof(SqliteEngine).Module.ModuleHandle);
}
