using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Egi.Web.Tests.Audit;

/// <summary>
/// EF Core's check that no two threads use one context at once runs where the tests run (Development) and not in
/// production, where it only cost CPU on every query and row (bench/HISTORY.md «13:00 UTC on 05/12/2026»).
/// </summary>
public sealed class ThreadSafetyChecksTests
{
    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Egi.Web";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Theory]
    [InlineData("Development", "Sqlite", true)]
    [InlineData("Production", "Sqlite", false)]
    [InlineData("Development", "Postgres", true)]
    [InlineData("Production", "Postgres", false)]
    public void The_check_runs_outside_production_only(string environment, string provider, bool expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Sqlite"] = "Data Source=:memory:",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=egi;Username=egi",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddEgiData(config, new Env(environment)).BuildServiceProvider();
        DbContextOptions options = provider == "Postgres"
            ? services.GetRequiredService<DbContextOptions<PostgresEgiDbContext>>()
            : services.GetRequiredService<DbContextOptions<SqliteEgiDbContext>>();
        Assert.Equal(expected, options.FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled);
    }
}
