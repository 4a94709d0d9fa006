using System.Net;
using Egi.Web.Tests.Infrastructure;
using Npgsql;

namespace Egi.Web.Tests.Operations;

/// <summary>
/// <c>/health</c> is what a load balancer or a monitor asks: 200 while the database can be reached, 503 with a Spanish
/// message once it cannot — also when the application's pool still holds idle connections to a database that is gone.
/// </summary>
public sealed class HealthTests
{
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
