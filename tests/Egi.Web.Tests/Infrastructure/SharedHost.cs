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
    /// <param name="clock">The clock's time when the host starts (and after each reset), if not the factory's default.</param>
    protected SharedHost(Db db, Action<EgiAppFactory>? configure = null, DateTimeOffset? clock = null)
    {
        App = clock is { } start ? new EgiAppFactory(db) { QuietStart = true, Clock = new(start) } : new EgiAppFactory(db) { QuietStart = true };
        configure?.Invoke(App);
    }

    public EgiAppFactory App { get; }

    public virtual Task InitializeAsync()
    {
        _ = App.Services; // starts the host
        return Task.CompletedTask;
    }

    /// <summary>Called at the start of every test: the first finds the host new, the others reset it.</summary>
    public async Task StartTestAsync()
    {
        // xunit starts a class fixture before any test of its class runs: the first test names the class.
        if (!used) HostLog.Write(HostLog.CallingTestClass(), App.Db, "shared");
        if (used) await App.ResetAsync(WhileQuietAsync);
        used = true;
    }

    /// <summary>What else a reset puts back, while the host's delivery worker is stopped (see <see cref="EgiAppFactory.ResetAsync"/>).</summary>
    protected virtual Task WhileQuietAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteHost() : SharedHost(Db.Sqlite);

public sealed class PostgresHost() : SharedHost(Db.Postgres);

/// <summary>A shared host without the background workers (the outbox's; the scheduler is always off in tests): for
/// tests that count queries or drive the dispatcher themselves.</summary>
public abstract class QuietHost(Db db) : SharedHost(db, app => app.Settings["Mail:WorkerEnabled"] = "false");

public sealed class QuietSqliteHost() : QuietHost(Db.Sqlite);

public sealed class QuietPostgresHost() : QuietHost(Db.Postgres);

/// <summary>
/// A shared host that delivers its e-mail over real SMTP (<see cref="EgiAppFactory.WithSmtp"/>) to a
/// <see cref="TestSmtpServer"/> of its own, with the outbox's worker running. Between two tests, while the worker is
/// stopped (<see cref="EgiAppFactory.ResetAsync"/>), the server's mailbox is emptied (<see cref="TestSmtpServer.Clear"/>:
/// a message of a connection the earlier test opened is dropped even if it arrives later) and the server is left up or
/// down as each test of the class starts with it (<paramref name="serverUp"/>), so every test finds what a new host and
/// a new server would give it: an empty mailbox that only its own messages reach.
/// </summary>
public abstract class SmtpHost : SharedHost
{
    private readonly bool serverUp;

    /// <param name="db">The provider.</param>
    /// <param name="serverUp">Whether the SMTP server is up when each test starts (else the test starts it).</param>
    /// <param name="configure">Further settings of the class's host.</param>
    protected SmtpHost(Db db, bool serverUp = true, Action<EgiAppFactory>? configure = null) : this(db, new TestSmtpServer(), serverUp, configure) { }

    private SmtpHost(Db db, TestSmtpServer smtp, bool serverUp, Action<EgiAppFactory>? configure) : base(db, app =>
    {
        app.WithSmtp(smtp);
        configure?.Invoke(app);
    })
    {
        Smtp = smtp;
        this.serverUp = serverUp;
    }

    public TestSmtpServer Smtp { get; }

    public override async Task InitializeAsync()
    {
        if (serverUp) await Smtp.StartAsync();
        await base.InitializeAsync();
    }

    protected override async Task WhileQuietAsync()
    {
        if (!serverUp) await Smtp.StopAsync();
        Smtp.Clear();
        if (serverUp && !Smtp.IsRunning) await Smtp.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class SmtpSqliteHost() : SmtpHost(Db.Sqlite);

public sealed class SmtpPostgresHost() : SmtpHost(Db.Postgres);

/// <summary>An <see cref="SmtpHost"/> without the outbox's worker: the tests run the dispatchers themselves.</summary>
public abstract class QuietSmtpHost(Db db) : SmtpHost(db, configure: app => app.Settings["Mail:WorkerEnabled"] = "false");

public sealed class QuietSmtpSqliteHost() : QuietSmtpHost(Db.Sqlite);

public sealed class QuietSmtpPostgresHost() : QuietSmtpHost(Db.Postgres);
