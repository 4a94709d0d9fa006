using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Egi.Web.Tests.Infrastructure;

/// <summary>
/// Migrating and seeding a new database was most of a test's time. What start-up leaves in it depends only on the
/// provider, the clock at start-up and the Egi:* settings, so the first host of each kind builds a <em>template</em>
/// and every other host starts on a copy of it (PostgreSQL's <c>CREATE DATABASE … TEMPLATE</c>, SQLite's online
/// backup). Its start-up then finds the migrations applied and the demo entity in place, exactly as it would have
/// left them. Each test still has a database of its own: nothing is shared but the starting point.
/// </summary>
internal static class TemplateDatabases
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new();
    private static readonly string Run = Guid.NewGuid().ToString("N")[..12];
    private static int count;

    /// <summary>
    /// Creates <paramref name="app"/>'s database as a copy of the template of its kind, unless it already exists (a
    /// restore put it there) or the test chose its own database settings.
    /// </summary>
    /// <returns>The template's connection string, or null when the database was left to start-up.</returns>
    public static string? CopyInto(EgiAppFactory app)
    {
        if (Environment.GetEnvironmentVariable("EGI_TEST_NO_TEMPLATES") == "1") return null; // to measure what they save
        if (app.Settings.Keys.Any(k => k.StartsWith("Database:", StringComparison.Ordinal)
                || k.StartsWith("ConnectionStrings:", StringComparison.Ordinal) || k == "Egi:DataFolder"))
            return null;
        var key = KeyOf(app);
        var lazy = Templates.GetOrAdd(key, _ => new Lazy<Task<string>>(() => Task.Run(() => BuildAsync(app))));
        string template;
        try
        {
            template = lazy.Value.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // Let a later host try again; this one builds its database from nothing and shows the failure itself.
            Templates.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, lazy));
            return null;
        }
        Task.Run(() => CopyAsync(app, template)).GetAwaiter().GetResult();
        return template;
    }

    /// <summary>
    /// Replaces <paramref name="app"/>'s database, while its host runs, with a new copy of <paramref name="template"/>:
    /// PostgreSQL drops it (closing the host's connections) and copies the template again; SQLite copies the template's
    /// pages over the file. The host's next connection finds the database as start-up left it.
    /// </summary>
    public static async Task RestoreAsync(EgiAppFactory app, string template)
    {
        if (app.Db == Db.Postgres)
        {
            var target = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
            var source = new NpgsqlConnectionStringBuilder(template).Database!;
            EgiAppFactory.ClearPostgresPools(app.ConnectionString);
            await using var admin = new NpgsqlConnection($"{EgiAppFactory.PostgresBase};Timeout=60;Command Timeout=120");
            await admin.OpenAsync();
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target}\" WITH (FORCE)", admin))
                await drop.ExecuteNonQueryAsync();
            await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{target}\" TEMPLATE \"{source}\"", admin))
                await create.ExecuteNonQueryAsync();
            // Connections the host opened while the database was being replaced are broken: none may be reused.
            EgiAppFactory.ClearPostgresPools(app.ConnectionString);
        }
        else
        {
            await using (var pooled = new SqliteConnection(app.ConnectionString)) SqliteConnection.ClearPool(pooled);
            var target = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
            await using var from = new SqliteConnection(template + ";Mode=ReadOnly;Pooling=False");
            await using var to = new SqliteConnection($"Data Source={target};Pooling=False;Default Timeout=60");
            await from.OpenAsync();
            await to.OpenAsync();
            // A background worker of the host (the outbox's) may be reading at this moment: wait for its lock. The code
            // may come extended (a fresh clone's run failed on 261, SQLITE_BUSY_RECOVERY): its low byte is the kind.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    from.BackupDatabase(to);
                    break;
                }
                catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is 5 or 6 && attempt < 100) // SQLITE_BUSY*, SQLITE_LOCKED*
                {
                    await Task.Delay(50);
                }
            }
        }
    }

    private static string KeyOf(EgiAppFactory app) =>
        string.Join('|', new[] { app.Db.ToString(), app.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) }
            .Concat(app.Settings.Where(s => s.Key.StartsWith("Egi:", StringComparison.Ordinal))
                .OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")));

    /// <summary>Starts a host on a new database (migrations and seeding as for <paramref name="like"/>) and closes it.</summary>
    private static async Task<string> BuildAsync(EgiAppFactory like)
    {
        var n = Interlocked.Increment(ref count);
        var connection = like.Db == Db.Postgres
            ? $"{EgiAppFactory.PostgresBase};Database=egi_template_{Run}_{n};Timeout=60;Command Timeout=120"
            : $"Data Source={Path.Combine(Path.GetTempPath(), "egi-tests", $"template-{Run}-{n}.db")}";
        await using (var builder = EgiAppFactory.TemplateBuilder(like, connection))
        {
            _ = builder.Services; // starts the host: start-up migrates and seeds
            // Not the data-protection key the start made: each copy makes its own, as each installation does, so that
            // two hosts on two databases never read each other's cookies.
            await builder.WithDbAsync(d => d.Database.ExecuteSqlRawAsync("DELETE FROM \"DataProtectionKeys\""));
        }
        // No connection may stay open on a template: PostgreSQL refuses to copy a database somebody is connected to.
        if (like.Db == Db.Postgres) EgiAppFactory.ClearPostgresPools(connection);
        else
        {
            await using var pooled = new SqliteConnection(connection);
            SqliteConnection.ClearPool(pooled);
        }
        return connection;
    }

    private static async Task CopyAsync(EgiAppFactory app, string template)
    {
        if (app.Db == Db.Postgres)
        {
            var target = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
            var source = new NpgsqlConnectionStringBuilder(template).Database!;
            await using var admin = new NpgsqlConnection($"{EgiAppFactory.PostgresBase};Timeout=60;Command Timeout=120");
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
            exists.Parameters.AddWithValue("name", target);
            if ((long)(await exists.ExecuteScalarAsync())! > 0) return;
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target}\" TEMPLATE \"{source}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        else
        {
            var target = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
            // One copy at a time in this process: two readers opening the WAL template together can meet SQLite's
            // «database is locked» (SQLITE_BUSY_RECOVERY, 261) while the first one recovers the WAL (a CI flake).
            await SqliteCopies.WaitAsync();
            try
            {
                if (File.Exists(target)) return;
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await using var from = new SqliteConnection(template + ";Mode=ReadOnly;Pooling=False");
                        await using var to = new SqliteConnection($"Data Source={target};Pooling=False");
                        await from.OpenAsync();
                        await to.OpenAsync();
                        from.BackupDatabase(to);
                        return;
                    }
                    catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) == 5 && attempt < 20)
                    {
                        // Busy (another process of the suite is reading the same template): try again shortly.
                        await Task.Delay(50 * attempt);
                    }
                }
            }
            finally
            {
                SqliteCopies.Release();
            }
        }
    }

    private static readonly SemaphoreSlim SqliteCopies = new(1, 1);
}
