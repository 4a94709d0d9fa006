using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;

BenchmarkSwitcher.FromAssembly(typeof(CalendarBenchmarks).Assembly).Run(args);

/// <summary>Working-day arithmetic used by every window and lateness rule.</summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    [Benchmark(Description = "15 días hábiles desde una fecha de ingreso")]
    public DateOnly AddFifteenWorkingDays() => WorkingDays.AddWorkingDays(new DateOnly(2026, 3, 27), 15);

    [Benchmark(Description = "Días hábiles de un año completo")]
    public int WorkingDaysInAYear() => WorkingDays.CountBetween(new DateOnly(2025, 12, 31), new DateOnly(2026, 12, 31));
}

/// <summary>Validating a whole directory: boss cycles over an entity of 10 000 servants (an import file).</summary>
[MemoryDiagnoser]
public class DirectoryBenchmarks
{
    private Dictionary<string, string> bosses = [];

    [GlobalSetup]
    public void Setup()
    {
        // A tree: servant i reports to i / 8 (a realistic fan-out), document numbers as strings.
        bosses = Enumerable.Range(1, 9_999).ToDictionary(i => (1_000_000 + i).ToString(), i => (1_000_000 + i / 8).ToString());
    }

    [Benchmark(Description = "Ciclos de jefes en 10 000 servidores")]
    public int CyclesInTenThousand() => Hierarchy.NodesInCycles(bosses).Count;
}

/// <summary>The state machine: a whole stage 1 with one rejection and one modification.</summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private readonly Period period = Period.CreateWithDefaults(2026);
    private readonly Actor evaluado = new("u1", 1, "Evaluado");
    private readonly Actor jefe = new("u2", 2, "Jefe");

    private static List<Goal> Goals(int a, int b, int c) =>
    [
        new() { Description = "Meta uno", Weight = a, ExpectedEvidence = "Informe", AgreedFirstFollowUpPercent = 50, DueDate = new DateOnly(2026, 12, 31) },
        new() { Description = "Meta dos", Weight = b, ExpectedEvidence = "Acta", AgreedFirstFollowUpPercent = 50, DueDate = new DateOnly(2026, 6, 30) },
        new() { Description = "Meta tres", Weight = c, ExpectedEvidence = "Tablero", AgreedFirstFollowUpPercent = 40, DueDate = new DateOnly(2026, 9, 30) },
    ];

    [Benchmark(Description = "Etapa 1 completa (rechazo, modificación, aceptación)")]
    public EvaluationState StageOne()
    {
        var ctx = new EvaluationContext(new DateOnly(2026, 2, 15), DateTime.UtcNow, period, new DateOnly(2020, 1, 1));
        var e = Evaluation.Open(1, 1, 2, DateTime.UtcNow);
        e.SubmitGoals(evaluado, Goals(50, 30, 20), ctx);
        e.RejectGoals(jefe, "Ajuste los pesos", ctx);
        e.SubmitGoals(evaluado, Goals(40, 40, 20), ctx);
        e.ModifyGoals(jefe, e.OrderedGoals.Select(g => g.Number == 1 ? g with { Weight = 50 } : g.Number == 2 ? g with { Weight = 30 } : g).ToList(),
            new Dictionary<string, string> { ["1.Weight"] = "Prioridad", ["2.Weight"] = "Compensa" }, ctx);
        e.AcceptGoals(evaluado, ctx);
        return e.State;
    }
}

/// <summary>
/// The account by id, where every session's check against its account starts: Identity's EF Core store (FindAsync)
/// against EGI's (a compiled query), on one context whose tracked entities are cleared before each read (as each
/// request's context starts empty). Needs an entity: EGI_BENCH_DB=/tmp/big5/egi.db (bench/Egi.Generator --out).
/// </summary>
[MemoryDiagnoser]
public class AccountByIdBenchmarks
{
    private Egi.Web.Data.SqliteEgiDbContext db = null!;
    private string id = "";

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("EGI_BENCH_DB") ?? throw new InvalidOperationException("EGI_BENCH_DB: a generated entity's egi.db");
        db = new Egi.Web.Data.SqliteEgiDbContext(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Egi.Web.Data.SqliteEgiDbContext>()
            .UseSqlite($"Data Source={path};Mode=ReadOnly").Options);
        id = db.Users.OrderBy(u => u.Id).Select(u => u.Id).Skip(100).First();
    }

    [GlobalCleanup]
    public void Cleanup() => db.Dispose();

    [Benchmark(Baseline = true, Description = "Cuenta por id: almacén de Identity (FindAsync)")]
    public async Task<string?> IdentityStore()
    {
        db.ChangeTracker.Clear();
        using var store = new Microsoft.AspNetCore.Identity.EntityFrameworkCore.UserStore<Egi.Web.Data.AppUser, Microsoft.AspNetCore.Identity.IdentityRole, Egi.Web.Data.EgiDbContext>(db);
        return (await store.FindByIdAsync(id))?.SecurityStamp;
    }

    [Benchmark(Description = "Cuenta por id: almacén de EGI (consulta compilada)")]
    public async Task<string?> EgiStore()
    {
        db.ChangeTracker.Clear();
        using var store = new Egi.Web.Infrastructure.EgiUserStore(db);
        return (await store.FindByIdAsync(id))?.SecurityStamp;
    }
}

/// <summary>
/// What every signed-in page pays in data protection: the session cookie read (Unprotect), the antiforgery token
/// written (Protect), with the default algorithm on this platform (AES-256-CBC + HMACSHA256) against AES-256-GCM.
/// The payload has the size of EGI's authentication ticket (about 700 bytes serialized).
/// </summary>
[MemoryDiagnoser]
public class DataProtectionBenchmarks
{
    private IDataProtector cbc = null!, gcm = null!;
    private byte[] plain = [], cbcSealed = [], gcmSealed = [];

    [GlobalSetup]
    public void Setup()
    {
        cbc = Protector(null);
        gcm = Protector(EncryptionAlgorithm.AES_256_GCM);
        plain = new byte[700];
        new Random(2026).NextBytes(plain);
        cbcSealed = cbc.Protect(plain);
        gcmSealed = gcm.Protect(plain);
    }

    private static IDataProtector Protector(EncryptionAlgorithm? algorithm)
    {
        var services = new ServiceCollection();
        var builder = services.AddDataProtection().SetApplicationName("EGI").UseEphemeralDataProtectionProvider();
        if (algorithm is { } a)
            builder.UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration { EncryptionAlgorithm = a });
        return services.BuildServiceProvider().GetDataProtectionProvider().CreateProtector("bench");
    }

    [Benchmark(Baseline = true, Description = "Unprotect: AES-256-CBC + HMACSHA256")]
    public byte[] UnprotectCbc() => cbc.Unprotect(cbcSealed);

    [Benchmark(Description = "Unprotect: AES-256-GCM")]
    public byte[] UnprotectGcm() => gcm.Unprotect(gcmSealed);

    [Benchmark(Description = "Protect: AES-256-CBC + HMACSHA256")]
    public byte[] ProtectCbc() => cbc.Protect(plain);

    [Benchmark(Description = "Protect: AES-256-GCM")]
    public byte[] ProtectGcm() => gcm.Protect(plain);
}
