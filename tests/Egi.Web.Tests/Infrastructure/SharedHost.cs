namespace Egi.Web.Tests.Infrastructure;

/// <summary>
/// One application host (and its database) for all the tests of a class, as an xunit class fixture: starting a host
/// costs far more than a test. Each test begins with <see cref="StartTestAsync"/>, which puts the host back where a new
/// one would start (<see cref="EgiAppFactory.ResetAsync"/>), so the tests stay independent of each other and of their
/// order. Tests that need other settings or another clock at start-up keep a host of their own.
/// </summary>
/// <example>
/// public abstract class SomeTests(SharedHost host) : IAsyncLifetime
/// {
///     private readonly EgiAppFactory app = host.App;
///     public Task InitializeAsync() => host.StartTestAsync();
///     public Task DisposeAsync() => Task.CompletedTask;
/// }
/// public sealed class SomeTestsSqlite(SqliteHost host) : SomeTests(host), IClassFixture&lt;SqliteHost&gt;;
/// public sealed class SomeTestsPostgres(PostgresHost host) : SomeTests(host), IClassFixture&lt;PostgresHost&gt;;
/// </example>
public abstract class SharedHost : IAsyncLifetime
{
    private bool used;

    /// <param name="db">The provider.</param>
    /// <param name="configure">Settings of the class's host, applied before it starts (e.g. <c>Mail:*</c>).</param>
    protected SharedHost(Db db, Action<EgiAppFactory>? configure = null)
    {
        App = new EgiAppFactory(db) { QuietStart = true };
        configure?.Invoke(App);
    }

    public EgiAppFactory App { get; }

    public Task InitializeAsync()
    {
        _ = App.Services; // starts the host
        return Task.CompletedTask;
    }

    /// <summary>Called at the start of every test: the first finds the host new, the others reset it.</summary>
    public async Task StartTestAsync()
    {
        // xunit starts a class fixture before any test of its class runs: the first test names the class.
        if (!used) HostLog.Write(HostLog.CallingTestClass(), App.Db, "shared");
        if (used) await App.ResetAsync();
        used = true;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteHost() : SharedHost(Db.Sqlite);

public sealed class PostgresHost() : SharedHost(Db.Postgres);

/// <summary>A shared host without the background workers (the outbox's; the scheduler is always off in tests): for
/// tests that count queries or drive the dispatcher themselves.</summary>
public abstract class QuietHost(Db db) : SharedHost(db, app => app.Settings["Mail:WorkerEnabled"] = "false");

public sealed class QuietSqliteHost() : QuietHost(Db.Sqlite);

public sealed class QuietPostgresHost() : QuietHost(Db.Postgres);
