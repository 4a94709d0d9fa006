using System.Data.Common;
using Egi.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// <see cref="SqliteWriteGate"/>: the saves of one process to one SQLite database take turns before they reach SQLite,
/// instead of meeting there and sleeping in its busy timeout. Each test holds one save inside its turn (its INSERT
/// stopped just before it runs, so SQLite itself is not locked) and watches where another save is.
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly List<string> files = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in files)
            foreach (var path in new[] { f, f + "-wal", f + "-shm" })
                File.Delete(path);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_save_waits_for_its_turn_while_another_save_of_the_database_writes()
    {
        var database = await DatabaseAsync();
        var held = new Insert();
        var watched = new Insert { Hold = false };
        await using var first = Context(database, held);
        await using var second = Context(database, watched);

        var release = await HoldSaveAsync(first, held);
        Assert.False(SqliteWriteGate.IsFree(second));
        var secondSave = SaveAuditAsync(second, "segunda");
        // While the first save holds its turn the second one has not reached SQLite (without turns it runs at once:
        // the first save's INSERT has not run, so SQLite is not locked).
        Assert.NotSame(watched.Reached.Task, await Task.WhenAny(watched.Reached.Task, Task.Delay(500)));

        await release();
        await secondSave.WaitAsync(Limit);
        Assert.True(SqliteWriteGate.IsFree(second));
        await using var check = Context(database);
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.EntityType == Entity));
    }

    [Fact]
    public async Task A_save_that_fails_gives_its_turn_up()
    {
        var database = await DatabaseAsync();
        var failing = new Insert { Fail = true };
        await using var first = Context(database, failing);
        await Assert.ThrowsAnyAsync<Exception>(() => SaveAuditAsync(first, "falla").WaitAsync(Limit));
        Assert.True(SqliteWriteGate.IsFree(first));

        await using var second = Context(database);
        await SaveAuditAsync(second, "después").WaitAsync(Limit);
        Assert.Equal(1, await second.AuditEntries.CountAsync(a => a.EntityType == Entity));
    }

    /// <summary>A save inside a transaction already holds SQLite's lock (or will at its first write): it never waits for a turn.</summary>
    [Fact]
    public async Task A_save_inside_an_open_transaction_does_not_wait_for_a_turn()
    {
        var database = await DatabaseAsync();
        var held = new Insert();
        await using var first = Context(database, held);
        await using var second = Context(database);

        var release = await HoldSaveAsync(first, held);
        await using (var tx = await second.Database.BeginTransactionAsync())
        {
            await SaveAuditAsync(second, "en transacción").WaitAsync(Limit);
            await tx.CommitAsync();
        }

        await release();
        Assert.Equal(2, await second.AuditEntries.CountAsync(a => a.EntityType == Entity));
    }

    [Fact]
    public async Task Saves_of_two_databases_do_not_wait_for_each_other()
    {
        var one = await DatabaseAsync();
        var other = await DatabaseAsync();
        var held = new Insert();
        await using var first = Context(one, held);
        await using var second = Context(other);

        var release = await HoldSaveAsync(first, held);
        await SaveAuditAsync(second, "otra base").WaitAsync(Limit);

        await release();
    }

    private const string Entity = "Prueba de turnos";

    /// <summary>Starts a save of an audit line and returns once it is held inside its turn; the result lets it go and waits for it.</summary>
    private static async Task<Func<Task>> HoldSaveAsync(EgiDbContext db, Insert held)
    {
        var save = SaveAuditAsync(db, "primera");
        await held.Reached.Task.WaitAsync(Limit);
        return () =>
        {
            held.Go.SetResult();
            return save.WaitAsync(Limit);
        };
    }

    private static async Task SaveAuditAsync(EgiDbContext db, string summary)
    {
        db.Audit("Consultar", Entity, "1", summary);
        await db.SaveChangesAsync();
    }

    private async Task<string> DatabaseAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"egi-turns-{Guid.NewGuid():N}.db");
        files.Add(file);
        var connection = $"Data Source={file}";
        await using var db = Context(connection);
        await db.Database.MigrateAsync();
        return connection;
    }

    private static SqliteEgiDbContext Context(string connection, params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<SqliteEgiDbContext>().UseSqlite(connection).AddInterceptors([new SqlitePragmas(), .. interceptors]).Options);

    /// <summary>Sees a context's INSERT of an audit line just before it runs; holds it there until <see cref="Go"/>, or fails it.</summary>
    private sealed class Insert : DbCommandInterceptor
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Go { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Hold { get; init; } = true;
        public bool Fail { get; init; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (!command.CommandText.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal)) return result;
            Reached.TrySetResult();
            if (Fail) throw new InvalidOperationException("Falla simulada de la escritura.");
            if (Hold) await Go.Task;
            return result;
        }
    }
}
