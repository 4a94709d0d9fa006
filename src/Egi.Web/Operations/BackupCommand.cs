using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Egi.Web.Operations;

/// <summary>What a backup folder holds, written last (a folder without it is not a complete backup).</summary>
public sealed record BackupManifest(
    string Format,
    DateTime CreatedAtUtc,
    string Provider,
    string DatabaseFile,
    string DatabaseSha256,
    long DatabaseBytes,
    string? LastMigration,
    Dictionary<string, int> Counts,
    List<BackupFile> Evidence)
{
    public const string CurrentFormat = "egi-backup/1";
    public const string FileName = "manifest.json";
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
}

/// <summary>One evidence file of a backup: its path under the evidence folder, size and SHA-256.</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);

/// <summary>
/// <c>backup --out DIR</c> and <c>restore --from DIR [--force]</c>. A backup is one folder, <c>DIR/egi-AAAAMMDD-HHMMSS</c>
/// (UTC): the database (SQLite through its online backup API, consistent while EGI runs; PostgreSQL through
/// <c>pg_dump</c> in its custom format), the evidence files of <c>{Egi:DataFolder}/evidence</c> and a manifest with
/// every file's SHA-256. The database is copied first: every evidence row it holds points to a file already on disk
/// (files are written before their row and never changed), so the copy of the files that follows has them all.
/// A restore checks every hash before touching anything, and goes only into an empty database and an empty evidence
/// folder unless <c>--force</c> is given.
/// </summary>
public static class BackupCommand
{
    private const string SqliteFile = "egi.db";
    private const string PostgresFile = "egi.dump";
    private const string EvidenceFolder = "evidence";

    public static async Task<int> BackupAsync(WebApplication app, EgiCommand command, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var outRoot = Path.GetFullPath(command.Option("out")!);
        PrivateFolder.Create(outRoot);
        var now = DateTime.UtcNow;
        var name = $"egi-{now:yyyyMMdd-HHmmss}";
        var target = Path.Combine(outRoot, name);
        var work = target + ".incompleta";
        if (Directory.Exists(target) || Directory.Exists(work))
            throw new CommandException($"Ya existe {target}: espere un segundo y repita, o use otra carpeta --out.");
        PrivateFolder.Create(work);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        var postgres = db.Database.IsNpgsql();
        var connectionString = db.Database.GetConnectionString()
            ?? throw new CommandException("No hay cadena de conexión de la base de datos.");
        if (!await db.Database.CanConnectAsync(ct))
            throw new CommandException("La base de datos no responde: revise Database:Provider y ConnectionStrings.");
        var lastMigration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
        var counts = await CountsAsync(db, ct);

        string databaseFile;
        if (postgres)
        {
            databaseFile = PostgresFile;
            await RunPostgresToolAsync(app.Configuration, "pg_dump", connectionString,
                ["--format=custom", "--no-owner", "--no-privileges", $"--file={Path.Combine(work, databaseFile)}"], database: null, ct);
        }
        else
        {
            databaseFile = SqliteFile;
            using var source = new SqliteConnection(connectionString);
            await source.OpenAsync(ct);
            using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(work, databaseFile), Pooling = false }.ToString());
            await copy.OpenAsync(ct);
            source.BackupDatabase(copy);
        }

        var evidence = new List<BackupFile>();
        var evidenceSource = Path.Combine(ServiceRegistration.ResolveDataFolder(app.Configuration, app.Environment), EvidenceFolder);
        if (Directory.Exists(evidenceSource))
        {
            foreach (var file in Directory.EnumerateFiles(evidenceSource, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (file.EndsWith(".tmp", StringComparison.Ordinal)) continue; // a file still being written
                var relative = Path.GetRelativePath(evidenceSource, file).Replace('\\', '/');
                var destination = Path.Combine(work, EvidenceFolder, relative);
                PrivateFolder.Create(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
                evidence.Add(new BackupFile(relative, new FileInfo(destination).Length, await HashAsync(destination, ct)));
            }
        }

        var databasePath = Path.Combine(work, databaseFile);
        var manifest = new BackupManifest(BackupManifest.CurrentFormat, now, postgres ? "Postgres" : "Sqlite", databaseFile,
            await HashAsync(databasePath, ct), new FileInfo(databasePath).Length, lastMigration, counts, evidence);
        await File.WriteAllTextAsync(Path.Combine(work, BackupManifest.FileName), JsonSerializer.Serialize(manifest, BackupManifest.Json), ct);
        Directory.Move(work, target);

        await output.WriteLineAsync($"Copia de seguridad completa: {target}");
        await output.WriteLineAsync($"  Base de datos ({manifest.Provider}): {databaseFile}, {manifest.DatabaseBytes.ToString("N0", ServiceRegistration.Culture)} bytes; {Describe(counts)}.");
        await output.WriteLineAsync($"  Evidencias: {evidence.Count} archivos, {evidence.Sum(e => e.Bytes).ToString("N0", ServiceRegistration.Culture)} bytes.");
        return 0;
    }

    public static async Task<int> RestoreAsync(WebApplication app, EgiCommand command, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var from = Path.GetFullPath(command.Option("from")!);
        var force = command.Flag("force");
        var manifestPath = Path.Combine(from, BackupManifest.FileName);
        if (!File.Exists(manifestPath))
            throw new CommandException($"{from} no es una copia completa de EGI: falta {BackupManifest.FileName}.");
        BackupManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, ct))
                ?? throw new JsonException("vacío");
        }
        catch (JsonException e)
        {
            throw new CommandException($"El manifiesto {manifestPath} no se puede leer ({e.Message}).");
        }
        if (manifest.Format != BackupManifest.CurrentFormat)
            throw new CommandException($"Formato de copia desconocido «{manifest.Format}» (se espera {BackupManifest.CurrentFormat}).");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        var postgres = db.Database.IsNpgsql();
        if (postgres != (manifest.Provider == "Postgres"))
            throw new CommandException($"La copia es de {manifest.Provider} y la configuración usa {(postgres ? "Postgres" : "Sqlite")} (Database:Provider): restaure con el mismo motor.");
        var connectionString = db.Database.GetConnectionString()
            ?? throw new CommandException("No hay cadena de conexión de la base de datos.");

        // Every file is checked before anything is changed.
        var databasePath = Path.Combine(from, manifest.DatabaseFile);
        if (!File.Exists(databasePath) || await HashAsync(databasePath, ct) != manifest.DatabaseSha256)
            throw new CommandException($"La copia está dañada: {manifest.DatabaseFile} falta o no coincide con el manifiesto.");
        foreach (var f in manifest.Evidence)
        {
            var path = SafePath(Path.Combine(from, EvidenceFolder), f.Path);
            if (!File.Exists(path) || await HashAsync(path, ct) != f.Sha256)
                throw new CommandException($"La copia está dañada: la evidencia {f.Path} falta o no coincide con el manifiesto.");
        }

        var evidenceTarget = Path.Combine(ServiceRegistration.ResolveDataFolder(app.Configuration, app.Environment), EvidenceFolder);
        var evidenceInUse = Directory.Exists(evidenceTarget) && Directory.EnumerateFiles(evidenceTarget, "*", SearchOption.AllDirectories).Any();
        var databaseInUse = postgres ? await PostgresHasTablesAsync(connectionString, ct) : SqliteHasTables(connectionString);
        if ((databaseInUse || evidenceInUse) && !force)
            throw new CommandException("No se restaura encima de datos existentes: "
                + (databaseInUse ? "la base de datos configurada ya tiene tablas" : "")
                + (databaseInUse && evidenceInUse ? " y " : "")
                + (evidenceInUse ? $"la carpeta {evidenceTarget} ya tiene archivos" : "")
                + ". Use una base de datos vacía y otra Egi:DataFolder, o agregue --force para reemplazarlos (la carpeta de evidencias anterior se conserva con otro nombre).");

        if (postgres)
        {
            await PreparePostgresDatabaseAsync(connectionString, databaseInUse, ct);
            await RunPostgresToolAsync(app.Configuration, "pg_restore", connectionString,
                ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", databasePath], database: new NpgsqlConnectionStringBuilder(connectionString).Database, ct);
            NpgsqlConnection.ClearAllPools();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            var targetFile = new SqliteConnectionStringBuilder(connectionString).DataSource;
            PrivateFolder.Create(Path.GetDirectoryName(Path.GetFullPath(targetFile))!);
            using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            using (var target = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString()))
            {
                await source.OpenAsync(ct);
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
            }
            SqliteConnection.ClearAllPools();
        }

        if (evidenceInUse)
        {
            var aside = $"{evidenceTarget}.antes-de-restaurar-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
            Directory.Move(evidenceTarget, aside);
            await output.WriteLineAsync($"La carpeta de evidencias anterior quedó en {aside}.");
        }
        foreach (var f in manifest.Evidence)
        {
            var destination = SafePath(evidenceTarget, f.Path);
            PrivateFolder.Create(Path.GetDirectoryName(destination)!);
            File.Copy(SafePath(Path.Combine(from, EvidenceFolder), f.Path), destination, overwrite: false);
            if (await HashAsync(destination, ct) != f.Sha256)
                throw new CommandException($"La evidencia {f.Path} no quedó igual a la de la copia: revise el disco de {evidenceTarget}.");
        }

        using var check = app.Services.CreateScope();
        var counts = await CountsAsync(check.ServiceProvider.GetRequiredService<EgiDbContext>(), ct);
        await output.WriteLineAsync($"Copia restaurada desde {from} (hecha el {manifest.CreatedAtUtc:yyyy-MM-dd HH:mm:ss} UTC).");
        await output.WriteLineAsync($"  Base de datos ({manifest.Provider}): {Describe(counts)}.");
        await output.WriteLineAsync($"  Evidencias: {manifest.Evidence.Count} archivos en {evidenceTarget}.");
        await output.WriteLineAsync("  Al arrancar, EGI aplica las migraciones que la copia no tenga.");
        return 0;
    }

    private static async Task<Dictionary<string, int>> CountsAsync(EgiDbContext db, CancellationToken ct) => new()
    {
        ["servidores"] = await db.Servants.CountAsync(ct),
        ["evaluaciones"] = await db.Evaluations.CountAsync(ct),
        ["evidencias"] = await db.EvidenceItems.CountAsync(ct),
        ["líneas de auditoría"] = await db.AuditEntries.CountAsync(ct),
        ["cuentas"] = await db.Users.CountAsync(ct),
    };

    private static string Describe(Dictionary<string, int> counts) =>
        string.Join(", ", counts.Select(c => $"{c.Value.ToString("N0", ServiceRegistration.Culture)} {c.Key}"));

    /// <summary>A path of the manifest, refused when it would leave <paramref name="root"/> (a tampered manifest).</summary>
    private static string SafePath(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var rootFull = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootFull, StringComparison.Ordinal))
            throw new CommandException($"Ruta no válida en el manifiesto: {relative}");
        return full;
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private static bool SqliteHasTables(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!File.Exists(file) || new FileInfo(file).Length == 0) return false;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>False when the database does not exist or has no table of its own.</summary>
    private static async Task<bool> PostgresHasTablesAsync(string connectionString, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        if (!await PostgresDatabaseExistsAsync(target, ct)) return false;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }

    private static NpgsqlConnectionStringBuilder Maintenance(NpgsqlConnectionStringBuilder target) =>
        new(target.ConnectionString) { Database = "postgres", Pooling = false };

    private static async Task<bool> PostgresDatabaseExistsAsync(NpgsqlConnectionStringBuilder target, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(Maintenance(target).ConnectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        cmd.Parameters.AddWithValue("name", target.Database ?? "");
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Creates the database when it does not exist; with --force, empties its public schema.</summary>
    private static async Task PreparePostgresDatabaseAsync(string connectionString, bool inUse, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(target.Database)) throw new CommandException("ConnectionStrings:Postgres no nombra la base de datos (Database=…).");
        if (!await PostgresDatabaseExistsAsync(target, ct))
        {
            await using var connection = new NpgsqlConnection(Maintenance(target).ConnectionString);
            await connection.OpenAsync(ct);
            var quoted = "\"" + target.Database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            try
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e)
            {
                throw new CommandException($"No se pudo crear la base de datos {target.Database} ({e.MessageText}): créela vacía y repita.");
            }
        }
        else if (inUse)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(ct);
            await using var drop = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// pg_dump or pg_restore: from Backup:PostgresBinFolder, else the newest /usr/lib/postgresql/N/bin, else PATH. The
    /// password goes in PGPASSWORD, never on the command line.
    /// </summary>
    private static async Task RunPostgresToolAsync(IConfiguration config, string tool, string connectionString, IReadOnlyList<string> extra,
        string? database, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(FindTool(config, tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (!string.IsNullOrEmpty(cs.Host)) start.ArgumentList.Add($"--host={cs.Host}");
        start.ArgumentList.Add($"--port={cs.Port.ToString(CultureInfo.InvariantCulture)}");
        if (!string.IsNullOrEmpty(cs.Username)) start.ArgumentList.Add($"--username={cs.Username}");
        start.ArgumentList.Add("--no-password");
        start.ArgumentList.Add($"--dbname={database ?? cs.Database}");
        foreach (var a in extra) start.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(cs.Password)) start.Environment["PGPASSWORD"] = cs.Password;
        if (cs.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull)
            start.Environment["PGSSLMODE"] = cs.SslMode switch { SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "require" };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CommandException($"No se pudo ejecutar {start.FileName}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CommandException($"No se encontró {tool} ({e.Message}): instale el cliente de PostgreSQL (paquete postgresql-client) o indique su carpeta en Backup:PostgresBinFolder.");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(ct);
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var message = (await stderr).Trim();
            await stdout;
            if (process.ExitCode != 0)
                throw new CommandException($"{tool} terminó con error {process.ExitCode}: {message}");
        }
    }

    private static string FindTool(IConfiguration config, string tool)
    {
        var folder = config["Backup:PostgresBinFolder"];
        if (!string.IsNullOrWhiteSpace(folder)) return Path.Combine(folder, tool);
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var newest = Directory.EnumerateDirectories(debian)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => d.Version >= 0 && File.Exists(Path.Combine(d.Dir, "bin", tool)))
                .OrderByDescending(d => d.Version).FirstOrDefault();
            if (newest.Dir is not null) return Path.Combine(newest.Dir, "bin", tool);
        }
        return tool; // on PATH
    }
}
