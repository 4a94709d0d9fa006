using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Audit;

/// <summary>The audit table refuses UPDATE and DELETE in the database itself, not only through EF Core.</summary>
public abstract class AuditAppendOnlyDatabaseTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Raw_update_and_delete_of_audit_lines_are_refused()
    {
        await app.WithDbAsync(async d =>
        {
            d.Audit("Prueba", "Prueba", "1", "línea de prueba");
            await d.SaveChangesAsync();
        });
        var count = await app.WithDbAsync(d => d.AuditEntries.CountAsync());
        Assert.True(count > 0);

        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(d =>
            d.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Summary\" = 'alterado'")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(d =>
            d.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"")));

        Assert.Equal(count, await app.WithDbAsync(d => d.AuditEntries.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Summary == "alterado")));
    }
}

public sealed class AuditAppendOnlyDatabaseTestsSqlite(SqliteHost host) : AuditAppendOnlyDatabaseTests(host), IClassFixture<SqliteHost>;

public sealed class AuditAppendOnlyDatabaseTestsPostgres(PostgresHost host) : AuditAppendOnlyDatabaseTests(host), IClassFixture<PostgresHost>;
