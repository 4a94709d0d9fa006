using Egi.Web.Data;
using Egi.Web.Operations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Audit;

/// <summary>
/// The application rents its contexts from EF Core's pool: a context given back keeps nothing of the request that used
/// it — above all not the person its audit lines name.
/// </summary>
public abstract class PooledContextTests(SharedHost host) : IAsyncLifetime
{
    /// <summary>EF Core's default pool size (AddDbContextPool's poolSize): the most contexts a pool keeps.</summary>
    private const int PoolSize = 1024;

    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void A_context_rented_again_names_its_own_scopes_actor_not_the_previous_ones()
    {
        EgiDbContext first;
        using (var scope = app.Services.CreateScope())
        {
            first = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
            // A scope whose actor is a fixed person (an operations command at the console).
            first.Use(new CommandLineActor("prueba"), null, null);
            Assert.Equal("Consola del servidor (prueba)", first.Actor.UserName);
        }

        // The pool hands the same instance out again after the others it holds (first in, first out; a host that served
        // many requests at once holds many, up to EF Core's pool size of 1 024): keep each scope open until it does.
        var scopes = new List<IServiceScope>();
        try
        {
            EgiDbContext? again = null;
            for (var i = 0; i <= PoolSize && again is null; i++)
            {
                var scope = app.Services.CreateScope();
                scopes.Add(scope);
                var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
                if (ReferenceEquals(db, first)) again = db;
            }
            Assert.NotNull(again);
            // This scope has no request and no command: the system.
            Assert.Equal("Sistema", again.Actor.UserName);
        }
        finally
        {
            foreach (var scope in scopes) scope.Dispose();
        }
    }

    /// <summary>
    /// A request's scope resolves the context under two types (EgiDbContext and the provider's own) and the container
    /// disposes it under both when the scope ends. It must go back to the pool once: rented from EF Core's factory, the
    /// second disposal gave back the context another request had rented in between, and two requests then read one
    /// connection at once (seen under load: Npgsql's reader out of range, «Cannot access a disposed context»).
    /// </summary>
    [Fact]
    public void A_context_disposed_under_both_of_its_types_goes_back_to_the_pool_once()
    {
        var first = app.Services.CreateScope();
        var db = first.ServiceProvider.GetRequiredService<EgiDbContext>();
        Assert.Same(db, first.ServiceProvider.GetRequiredService(db.GetType()));
        var open = new List<IServiceScope>();
        try
        {
            // The container's first disposal of the context; then other requests rent contexts, until one of them
            // gets this one back if that disposal gave it back (each keeps its own: the scopes stay open)…
            db.Dispose();
            for (var i = 0; i <= PoolSize; i++)
            {
                var scope = app.Services.CreateScope();
                open.Add(scope);
                if (ReferenceEquals(scope.ServiceProvider.GetRequiredService<EgiDbContext>(), db)) break;
            }
            // …and the first scope ends, disposing the context again; one more request rents a context.
            first.Dispose();
            var next = app.Services.CreateScope();
            open.Add(next);
            var rented = open.Select(s => s.ServiceProvider.GetRequiredService<EgiDbContext>()).ToList();
            Assert.Equal(rented.Count, rented.Distinct(ReferenceEqualityComparer.Instance).Count());
            Assert.True(rented[^1].Database.CanConnect());
        }
        finally
        {
            foreach (var scope in open) scope.Dispose();
        }
    }
}

public sealed class PooledContextTestsSqlite(SqliteHost host) : PooledContextTests(host), IClassFixture<SqliteHost>;

public sealed class PooledContextTestsPostgres(PostgresHost host) : PooledContextTests(host), IClassFixture<PostgresHost>;
