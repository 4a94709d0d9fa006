using System.Data.Common;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Operations;

/// <summary>
/// What <c>/health</c> asks the database: one read of the migrations' table through the application's own pooled
/// connection — a round trip to PostgreSQL, a read of the file for SQLite, on the schema the application runs on.
/// <para>
/// It asked <c>Database.CanConnectAsync</c> before. On SQLite that opens a second, read-only connection each time (and
/// EF Core sets each opened connection up: its functions and pragmas): 1.7–2.0 ms of CPU per request under load, more
/// than the evaluado's «Mis pendientes» (0.7–0.8 ms) — so the load runs' ceiling on SQLite was slower than the pages it is the
/// ceiling of. On PostgreSQL it opened a pooled connection, which does not reach the server.
/// </para>
/// </summary>
public static class Health
{
    /// <summary>The statement: valid in both providers, reads one row of a table every migrated database has.</summary>
    public const string Probe = """SELECT 1 FROM "__EFMigrationsHistory" LIMIT 1""";

    /// <summary>True when the database answers <see cref="Probe"/>; false (never an exception) when it cannot be reached.</summary>
    public static async Task<bool> DatabaseAnswersAsync(EgiDbContext db, CancellationToken ct)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync(Probe, ct);
            return true;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }
}
