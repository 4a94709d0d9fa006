using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Egi.Web.Data;

/// <summary>
/// Every SQLite connection runs with <c>synchronous=NORMAL</c>: the database is in WAL mode (EF Core's default), where
/// NORMAL keeps it consistent after a crash or power loss and only skips the disk flush on each commit (the last
/// commits before a power cut may be lost, never corrupted). Each page view of a report writes an audit line, so with
/// FULL every such view waited for the disk. PostgreSQL is the production choice for durability under load.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
