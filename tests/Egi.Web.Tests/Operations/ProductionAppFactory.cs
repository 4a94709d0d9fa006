using System.Collections.Concurrent;
using System.Globalization;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Egi.Web.Tests.Operations;

/// <summary>
/// The application as an entity installs it: environment Production, no demo, its own empty database and data folder,
/// every log line kept in <see cref="Log"/>. <see cref="Settings"/> is the configuration (Mail:BaseUrl is set unless a
/// test removes it); <see cref="CommandArgs"/> passes the same configuration to an operations command.
/// </summary>
public sealed class ProductionAppFactory : WebApplicationFactory<Program>
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "egi-tests", Guid.NewGuid().ToString("N"));
    private string? connectionString;

    public ProductionAppFactory(Db db)
    {
        Db = db;
        System.IO.Directory.CreateDirectory(folder);
        Settings["Egi:DataFolder"] = folder;
        Settings["Egi:SeedDemo"] = "false";
        Settings["Egi:StartupBanner"] = "false";
        Settings["Mail:BaseUrl"] = "https://egi.test";
        Settings["Scheduler:Enabled"] = "false";
        Settings["Mail:WorkerEnabled"] = "false";
        Settings["Logging:LogLevel:Default"] = "Warning";
        Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Connection"] = "None";
        Settings["Database:Provider"] = db == Db.Postgres ? "Postgres" : "Sqlite";
        Settings[db == Db.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite"] = ConnectionString;
    }

    public Db Db { get; }

    public string Environment { get; set; } = "Production";

    public string DataFolder => folder;

    public string ConnectionString => connectionString ??= Db == Db.Postgres
        ? $"{EgiAppFactory.PostgresBase};Database=egi_{Guid.NewGuid():N};Timeout=60;Command Timeout=120"
        : $"Data Source={Path.Combine(folder, "egi.db")}";

    /// <summary>The configuration; a null value removes the key.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public LogCapture Log { get; } = new();

    /// <summary>
    /// Keep the application's own password hashing (Identity's default iteration count). By default the tests' host hashes
    /// with one iteration: the production count costs ~0.1 s per hash, and every test signs people in.
    /// </summary>
    public bool ProductionPasswordHashing { get; init; }

    /// <summary>The configuration as command-line arguments of an operations command (after its own options).</summary>
    public string[] CommandArgs() =>
        [$"--environment={Environment}", .. Settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value ?? "");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Log);
            if (!ProductionPasswordHashing) services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
        });
    }

    public HttpClient NewClient(string baseAddress = "http://localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Db == Db.Postgres && connectionString is not null) EgiAppFactory.ClearPostgresPools(connectionString);
        try { System.IO.Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Keeps every log line (level and text) of a host.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> lines = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => lines.ToArray();

    public bool Has(LogLevel level, string text) => lines.Any(l => l.Level == level && l.Text.Contains(text, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.lines.Enqueue((logLevel, formatter(state, exception)));
    }
}

/// <summary>Runs an operations command in this process, as <c>dotnet run --project src/Egi.Web -- …</c> runs it.</summary>
public static class Commands
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static async Task<Run> RunAsync(string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await Egi.Web.Operations.CommandLine.RunAsync(args, output, error);
        return new Run(code, output.ToString(), error.ToString());
    }
}
