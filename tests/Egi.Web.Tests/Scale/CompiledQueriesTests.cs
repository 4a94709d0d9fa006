using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// The queries every request of a page runs are compiled once (<see cref="CompiledQueries"/>): a rule of the domain
/// that takes a day answers there for the query's own day, and each provider's model gets its own compiled query.
/// </summary>
public abstract class CompiledQueriesTests(SharedHost host) : IAsyncLifetime
{
    private static readonly PerModel<Func<EgiDbContext, int, DateOnly, CancellationToken, Task<bool>>> IsActive =
        CompiledQueries.Single((EgiDbContext db, int id, DateOnly today, CancellationToken ct) =>
            db.Servants.Where(s => s.Id == id).Any(Servant.ActiveOn(today)));

    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_day_rule_in_a_compiled_query_answers_for_the_day_the_query_is_given()
    {
        var retiro = new DateOnly(2026, 9, 30);
        var id = await app.WithDbAsync(async db =>
        {
            var servant = await db.Servants.OrderBy(s => s.Id).FirstAsync();
            servant.RetirementDate = retiro;
            await db.SaveChangesAsync();
            return servant.Id;
        });

        foreach (var today in new[] { retiro.AddDays(-1), retiro, retiro.AddDays(1) })
        {
            var active = await app.WithDbAsync(db => IsActive.For(db)(db, id, today, CancellationToken.None));
            Assert.Equal(!Servant.RetiredBy(retiro, today), active);
        }
    }
}

public sealed class CompiledQueriesTestsSqlite(SqliteHost host) : CompiledQueriesTests(host), IClassFixture<SqliteHost>;

public sealed class CompiledQueriesTestsPostgres(PostgresHost host) : CompiledQueriesTests(host), IClassFixture<PostgresHost>;

/// <summary>EF Core binds a compiled query to one model and refuses another: the two providers need one each.</summary>
public sealed class CompiledQueriesPerModelTests
{
    [Fact]
    public void Each_providers_model_gets_its_own_compiled_query_and_keeps_it()
    {
        var query = CompiledQueries.Single((EgiDbContext db, int id, string name, CancellationToken ct) => db.Servants.Any(s => s.Id == id && s.FirstNames == name));
        using var sqlite = new SqliteEgiDbContext(new DbContextOptionsBuilder<SqliteEgiDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresEgiDbContext(new DbContextOptionsBuilder<PostgresEgiDbContext>().UseNpgsql("Host=127.0.0.1").Options);

        var forSqlite = query.For(sqlite);
        Assert.NotSame(forSqlite, query.For(postgres));
        Assert.Same(forSqlite, query.For(sqlite));
        Assert.Same(query.For(postgres), query.For(postgres));
    }
}
