using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Egi.Web.Data;

/// <summary>
/// A pooled SQLite context keeps its connection open for as long as it lives in EF Core's pool; it is closed when the
/// context is disposed (the pool full, the application stopping). EF Core closes the connection after every query and
/// when a context goes back to the pool, and each close finalizes every statement SQLite had prepared on it
/// (Microsoft.Data.Sqlite keeps prepared statements only while the connection stays open), so every query was prepared
/// again; each open and close also registered and removed EF Core's thirteen SQLite functions. Kept open, the
/// connection keeps the statements <see cref="SqliteStatementCache"/> prepared on it. A transaction still ends when the
/// context goes back to the pool (EF Core's reset disposes it, as before). An idle open connection holds no lock in
/// SQLite's WAL mode.
/// </summary>
#pragma warning disable EF1001 // SqliteRelationalConnection is EF Core's own SQLite connection service; this keeps its behaviour but the close.
public sealed class SqliteKeptConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    private bool disposing;

    protected override void CloseDbConnection()
    {
        if (disposing || DbConnection.State == System.Data.ConnectionState.Broken) base.CloseDbConnection();
    }

    protected override Task CloseDbConnectionAsync() =>
        disposing || DbConnection.State == System.Data.ConnectionState.Broken ? base.CloseDbConnectionAsync() : Task.CompletedTask;

    protected override void ResetState(bool disposeDbConnection)
    {
        disposing = disposeDbConnection;
        try
        {
            base.ResetState(disposeDbConnection);
        }
        finally
        {
            disposing = false;
        }
    }

    protected override async ValueTask ResetStateAsync(bool disposeDbConnection)
    {
        disposing = disposeDbConnection;
        try
        {
            await base.ResetStateAsync(disposeDbConnection);
        }
        finally
        {
            disposing = false;
        }
    }
}

public static class SqliteKeptStatements
{
    /// <summary>Pooled SQLite contexts keep their connection open and run each statement prepared once per connection.</summary>
    public static DbContextOptionsBuilder KeepStatementsPrepared(this DbContextOptionsBuilder options) =>
        options.ReplaceService<ISqliteRelationalConnection, SqliteKeptConnection>().AddInterceptors(new SqliteStatementCache());
}
#pragma warning restore EF1001
