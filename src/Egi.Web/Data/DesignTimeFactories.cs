using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Egi.Web.Data;

/// <summary>Used by `dotnet ef migrations add` (see scripts/add-migration.sh); never at run time.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteEgiDbContext>
{
    public SqliteEgiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteEgiDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresEgiDbContext>
{
    public PostgresEgiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEgiDbContext>().UseNpgsql("Host=localhost;Database=egi_design").Options);
}
