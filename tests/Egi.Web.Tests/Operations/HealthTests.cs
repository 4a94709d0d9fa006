using System.Net;
using Egi.Web.Operations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Egi.Web.Tests.Operations;

/// <summary>
/// <c>/health</c> is what a load balancer or a monitor asks: 200 while the database can be reached, 503 with a Spanish
/// message once it cannot — also when the application's pool still holds idle connections to a database that is gone.
/// It asks with one statement through the application's own pooled connection (<see cref="Health"/>): it is the load
/// runs' ceiling, so it must cost what the cheapest request to the database costs.
/// </summary>
public sealed class HealthTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Health_asks_the_database_exactly_one_statement(Db db)
    {
        await using var app = new EgiAppFactory(db);
        app.Settings["Mail:WorkerEnabled"] = "false";
        var client = app.CreateClient();
        (await client.GetAsync("/health")).EnsureSuccessStatusCode();

        app.Queries.Reset();
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Equal([Health.Probe], app.Queries.Texts);
    }

    [Fact]
    public async Task Health_is_503_with_a_spanish_message_once_the_sqlite_schema_is_gone()
    {
        await using var app = new EgiAppFactory(Db.Sqlite);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        await using (var connection = new SqliteConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE \"__EFMigrationsHistory\"";
            await drop.ExecuteNonQueryAsync();
        }

        var gone = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        Assert.Equal("Unhealthy: la base de datos no responde", await gone.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_is_503_with_a_spanish_message_once_the_postgres_database_is_gone_even_with_pooled_connections()
    {
        await using var app = new EgiAppFactory(Db.Postgres);
        var client = app.CreateClient();
        var healthy = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());

        // The database goes away while the application's pool still holds its idle connections.
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        await using (var admin = new NpgsqlConnection($"{EgiAppFactory.PostgresBase};Timeout=60;Command Timeout=120"))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var gone = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        Assert.Equal("Unhealthy: la base de datos no responde", await gone.Content.ReadAsStringAsync());
    }
}
