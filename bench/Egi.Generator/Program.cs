using System.Diagnostics;
using System.Globalization;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Egi.Generator;

/// <summary>Command-line options of the generator.</summary>
internal sealed record GeneratorOptions
{
    public int Servants { get; init; } = 5000;
    public int Seed { get; init; } = 2026;
    public string Provider { get; init; } = "Sqlite";
    public string? Connection { get; init; }
    public int Year { get; init; } = DateTime.UtcNow.Year;
    public string Out { get; init; } = "bench/out";
    public string Password { get; init; } = "Egi.Bench2026";
    public bool Reset { get; init; }
    public int BatchSize { get; init; } = 500;

    /// <summary>When set, no entity is generated: an import file of <see cref="ImportRows"/> new servants is written here.</summary>
    public string? ImportFile { get; init; }
    public int ImportRows { get; init; } = 5000;
    public int ImportFrom { get; init; }

    /// <summary>When set, nothing is generated: the sheets of this .xlsx are read into memory and written again by MiniExcel, timed.</summary>
    public string? XlsxBaseline { get; init; }
    public int XlsxRuns { get; init; } = 5;

    public bool IsPostgres => Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
        || Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);

    public string ConnectionString => Connection ?? (IsPostgres
        ? throw new ArgumentException("--provider Postgres needs --connection \"Host=…;Port=…;Database=…;Username=…\"")
        : $"Data Source={Path.Combine(Path.GetFullPath(Out), "egi.db")}");

    public const string Usage = """
        Egi.Generator: fills a database with a large generated entity for load measurements.

          dotnet run -c Release --project bench/Egi.Generator -- [options]

          --servants N        servants of the entity (default 5000, at least 200)
          --seed S            random seed; the same seed, N, year and day give the same entity (default 2026)
          --provider P        Sqlite (default) or Postgres
          --connection CS     connection string (default for SQLite: Data Source=<out>/egi.db)
          --year Y            year of the open period (default: this year); Y-1 is generated closed
          --out DIR           folder for the SQLite file and accounts.tsv (default bench/out)
          --password P        password of every account (default Egi.Bench2026)
          --batch N           rows per SaveChanges (default 500)
          --reset             delete the database first (SQLite file, or DROP DATABASE on PostgreSQL)
          --import-file F     instead: write F, an .xlsx of --import-rows new servants (default 5000) that imports
                              into the existing generated database (bosses from the file and from the directory)
          --import-rows N     rows of that file
          --import-from K     number its servants from K (default 0): a second file of new servants for the same database
          --xlsx-baseline F   instead: read every sheet of the .xlsx F into memory and time MiniExcel writing the same
                              rows again (best of --xlsx-runs, default 5): the floor a report's streamed .xlsx is compared
                              with (bench/xlsx.sh)
          --xlsx-runs N       times MiniExcel writes those rows
        """;

    public static GeneratorOptions Parse(string[] args)
    {
        var o = new GeneratorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--servants" or "-n" => o with { Servants = NextInt() },
                "--seed" => o with { Seed = NextInt() },
                "--provider" => o with { Provider = Next() },
                "--connection" => o with { Connection = Next() },
                "--year" => o with { Year = NextInt() },
                "--out" => o with { Out = Next() },
                "--password" => o with { Password = Next() },
                "--batch" => o with { BatchSize = NextInt() },
                "--reset" => o with { Reset = true },
                "--import-file" => o with { ImportFile = Next() },
                "--import-rows" => o with { ImportRows = NextInt() },
                "--import-from" => o with { ImportFrom = NextInt() },
                "--xlsx-baseline" => o with { XlsxBaseline = Next() },
                "--xlsx-runs" => o with { XlsxRuns = NextInt() },
                "--help" or "-h" => throw new HelpRequested(),
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        if (o.Servants < 200) throw new ArgumentException("--servants must be at least 200");
        if (!o.IsPostgres && !o.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("--provider must be Sqlite or Postgres");
        return o;
    }
}

internal sealed class HelpRequested : Exception;

internal static class GeneratorMain
{
    public static async Task<int> Main(string[] args)
    {
        GeneratorOptions options;
        try
        {
            options = GeneratorOptions.Parse(args);
        }
        catch (HelpRequested)
        {
            Console.WriteLine(GeneratorOptions.Usage);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(GeneratorOptions.Usage);
            return 2;
        }

        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        if (options.XlsxBaseline is not null) return XlsxBaseline.Run(options.XlsxBaseline, options.XlsxRuns);
        Directory.CreateDirectory(options.Out);
        var total = Stopwatch.StartNew();
        await using var services = BuildServices(options);
        if (options.ImportFile is not null)
        {
            using var scope = services.CreateScope();
            await ImportFileWriter.WriteAsync(scope.ServiceProvider.GetRequiredService<EgiDbContext>(), options.ImportFile, options.ImportRows, options.ImportFrom);
            Console.WriteLine($"{options.ImportRows} rows written to {options.ImportFile} in {total.Elapsed.TotalSeconds:0.0} s");
            return 0;
        }

        if (options.Reset)
        {
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EgiDbContext>().Database.EnsureDeletedAsync();
        }
        // The application's own start-up: migrations, roles and the competency catalogue (no demo).
        await DatabaseInitializer.InitializeAsync(services);
        {
            using var scope = services.CreateScope();
            if (await scope.ServiceProvider.GetRequiredService<EgiDbContext>().Servants.AnyAsync())
            {
                Console.Error.WriteLine("The database already has servants: pass --reset to start from an empty one.");
                return 1;
            }
        }

        var generator = new EntityGenerator(services, options);
        await generator.RunAsync();
        Console.WriteLine($"Total: {total.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static ServiceProvider BuildServices(GeneratorOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.Configure<EgiOptions>(o => o.SeedDemo = false);
        services.AddSingleton(TimeProvider.System);
        var cs = options.ConnectionString;
        if (options.IsPostgres)
        {
            services.AddDbContext<PostgresEgiDbContext>(o => o.UseNpgsql(cs));
            services.AddScoped<EgiDbContext>(sp => sp.GetRequiredService<PostgresEgiDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteEgiDbContext>(o => o.UseSqlite(cs));
            services.AddScoped<EgiDbContext>(sp => sp.GetRequiredService<SqliteEgiDbContext>());
        }
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<EgiDbContext>();
        return services.BuildServiceProvider();
    }
}
