using Egi.Web.Infrastructure;
using System.Net;
using System.Text;
using Egi.Domain.Calendar;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Operations;

/// <summary>
/// Backup and restore (issue 12, item 11): a backup of a working installation (evaluations, audit trail, an evidence
/// file) restored into a new database and a new data folder gives an application with the same evaluations, the same
/// audit lines and the same evidence bytes; a restore never lands on existing data unless --force is given.
/// </summary>
public abstract class BackupRestoreTests(Db db) : IAsyncLifetime
{
    private readonly EgiAppFactory source = new(db);
    private readonly EgiAppFactory restored = new(db);
    private readonly string backups = Path.Combine(Path.GetTempPath(), "egi-tests", "backups-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await restored.DisposeAsync();
        await source.DisposeAsync();
        try { System.IO.Directory.Delete(backups, recursive: true); } catch (IOException) { }
    }

    private static string[] ArgsOf(EgiAppFactory app) =>
    [
        "--environment=Development",
        $"--Database:Provider={(app.Db == Db.Postgres ? "Postgres" : "Sqlite")}",
        $"--ConnectionStrings:{(app.Db == Db.Postgres ? "Postgres" : "Sqlite")}={app.ConnectionString}",
        $"--Egi:DataFolder={app.DataFolder}",
        "--Egi:SeedDemo=false",
        "--Logging:LogLevel:Default=Warning",
    ];

    private static byte[] Pdf()
    {
        var bytes = new byte[5000];
        Encoding.ASCII.GetBytes("%PDF-1.4\n%copia de seguridad\n").CopyTo(bytes, 0);
        for (var i = 40; i < bytes.Length; i++) bytes[i] = (byte)(i * 7 % 251);
        return bytes;
    }

    private sealed record EvaluationRow(int Id, int EvaluadoId, string State, Guid Version, int Goals);

    private static Task<List<EvaluationRow>> EvaluationsAsync(EgiAppFactory app) => app.WithDbAsync(async d =>
        (await d.Evaluations.AsNoTracking().OrderBy(e => e.Id).ToListAsync())
            .Select(e => new EvaluationRow(e.Id, e.EvaluadoId, e.State.ToString(), e.Version, e.Goals.Count)).ToList());

    private static Task<List<string>> AuditAsync(EgiAppFactory app, long upTo) => app.WithDbAsync(d =>
        d.AuditEntries.AsNoTracking().Where(a => a.Id <= upTo).OrderBy(a => a.Id)
            .Select(a => a.Id + "|" + a.Action + "|" + a.EntityType + "|" + a.EntityId + "|" + a.UserName + "|" + a.Summary + "|" + a.After).ToListAsync());

    [Fact]
    public async Task A_restored_backup_has_the_same_evaluations_audit_and_evidence()
    {
        // A working installation: an evaluation with accepted goals and an evidence file uploaded through the page.
        var scenario = await EvaluationScenario.OpenAsync(source);
        await source.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            Assert.Empty(p.SetWindows(p.Windows
                .Select(w => w.Stage is Stage.FirstFollowUp ? w with { Start = new(2026, 11, 1), End = new(2026, 12, 15) } : w).ToList()));
            await d.SaveChangesAsync();
        });
        const string camila = EvaluationScenario.Camila;
        await scenario.ActAsync(camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await scenario.ActAsync(camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await scenario.ActAsync(camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        var id = await scenario.EvaluationIdAsync(camila);
        var self = $"/Evaluations/SelfEvaluation/{id}";
        var evaluado = await source.SignedInAsync(Accounts.Evaluado);
        var html = await Ap.HtmlAsync(evaluado, self);
        var upload = await evaluado.PostFileAsync($"{self}?handler=Upload", self, "EvidenceFile", "informe.pdf", Pdf(), new Dictionary<string, string>
        {
            ["Version"] = Ap.Version(html),
            ["EvidenceGoal"] = "1",
            ["Progress[0].GoalNumber"] = "1",
            ["Progress[0].AchievedPercent"] = "30",
            ["Progress[1].GoalNumber"] = "2",
        });
        Assert.Contains("Se adjuntó la evidencia a la meta 1", await Ap.ReadAsync(upload));
        var evidenceId = await source.WithDbAsync(d => d.EvidenceItems.Where(x => x.EvaluationId == id).Select(x => x.Id).SingleAsync());

        var evaluations = await EvaluationsAsync(source);
        var lastAudit = await source.WithDbAsync(d => d.AuditEntries.MaxAsync(a => a.Id));
        var audit = await AuditAsync(source, lastAudit);
        Assert.NotEmpty(audit);

        // Backup while the application runs.
        var backup = await Commands.RunAsync(["backup", "--out", backups, .. ArgsOf(source)]);
        Assert.True(backup.ExitCode == 0, backup.Error + backup.Output);
        var folder = Assert.Single(System.IO.Directory.GetDirectories(backups));
        Assert.Contains($"Copia de seguridad completa: {folder}", backup.Output);
        Assert.Contains("Evidencias: 1 archivos", backup.Output);
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")));
        // Backups and evidence hold personal data: the folders EGI creates are its service user's only, whatever the umask.
        if (!OperatingSystem.IsWindows())
            foreach (var created in new[] { backups, folder, Path.Combine(source.DataFolder, "evidence"), Path.Combine(source.DataFolder, "evidence", id.ToString()) })
                Assert.Equal(PrivateFolder.Mode, File.GetUnixFileMode(created) & (UnixFileMode)0x1FF);
        Assert.True(File.Exists(Path.Combine(folder, db == Db.Postgres ? "egi.dump" : "egi.db")));

        // Restore into a new database and a new data folder.
        var restore = await Commands.RunAsync(["restore", "--from", folder, .. ArgsOf(restored)]);
        Assert.True(restore.ExitCode == 0, restore.Error + restore.Output);
        Assert.Contains("Evidencias: 1 archivos", restore.Output);

        // Not again onto the data now there, unless forced (the previous evidence folder is kept aside).
        var again = await Commands.RunAsync(["restore", "--from", folder, .. ArgsOf(restored)]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("No se restaura encima de datos existentes: la base de datos configurada ya tiene tablas y la carpeta", again.Error);
        var forced = await Commands.RunAsync(["restore", "--from", folder, "--force", .. ArgsOf(restored)]);
        Assert.True(forced.ExitCode == 0, forced.Error + forced.Output);
        Assert.Single(System.IO.Directory.GetDirectories(restored.DataFolder, "evidence.antes-de-restaurar-*"));

        // The application on the restored copy: the same evaluations, audit lines and evidence bytes.
        Assert.Equal(evaluations, await EvaluationsAsync(restored));
        Assert.Equal(audit, await AuditAsync(restored, lastAudit));
        var jefe = await restored.SignedInAsync(Accounts.Jefe);
        var download = await jefe.GetAsync($"/Evaluations/Evidence/{evidenceId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf(), await download.Content.ReadAsByteArrayAsync());
        var details = await Ap.HtmlAsync(jefe, $"/Evaluations/Details/{id}");
        Assert.Contains("informe.pdf", details);
    }

    [Fact]
    public async Task A_damaged_or_incomplete_backup_is_refused_before_anything_changes()
    {
        await source.WithDbAsync(d => d.Servants.CountAsync()); // start: migrated and seeded
        var backup = await Commands.RunAsync(["backup", "--out", backups, .. ArgsOf(source)]);
        Assert.True(backup.ExitCode == 0, backup.Error + backup.Output);
        var folder = Assert.Single(System.IO.Directory.GetDirectories(backups));

        var dump = Path.Combine(folder, db == Db.Postgres ? "egi.dump" : "egi.db");
        var bytes = await File.ReadAllBytesAsync(dump);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(dump, bytes);
        var damaged = await Commands.RunAsync(["restore", "--from", folder, .. ArgsOf(restored)]);
        Assert.Equal(1, damaged.ExitCode);
        Assert.Contains("La copia está dañada", damaged.Error);

        File.Delete(Path.Combine(folder, "manifest.json"));
        var incomplete = await Commands.RunAsync(["restore", "--from", folder, .. ArgsOf(restored)]);
        Assert.Equal(1, incomplete.ExitCode);
        Assert.Contains("no es una copia completa de EGI", incomplete.Error);
        Assert.False(File.Exists(Path.Combine(restored.DataFolder, "egi.db")));
        Assert.False(System.IO.Directory.Exists(Path.Combine(restored.DataFolder, "evidence")));
    }
}

public sealed class BackupRestoreTestsSqlite() : BackupRestoreTests(Db.Sqlite);

public sealed class BackupRestoreTestsPostgres() : BackupRestoreTests(Db.Postgres);
