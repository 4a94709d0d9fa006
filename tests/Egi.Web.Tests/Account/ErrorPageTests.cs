using System.Net;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Account;

/// <summary>Outside Development an unexpected error shows a Spanish page and never a stack trace.</summary>
public sealed class ErrorPageTests : IAsyncLifetime
{
    private readonly EgiAppFactory app = new(Db.Sqlite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private sealed class Boom : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            next(builder);
            builder.Use(async (context, following) =>
            {
                if (context.Request.Path == "/boom") throw new InvalidOperationException("secreto interno: cadena de conexión");
                // What EF Core throws when PostgreSQL ends a deadlock between two saves by refusing this one.
                if (context.Request.Path == "/boom-deadlock")
                    throw new Microsoft.EntityFrameworkCore.DbUpdateException("An error occurred while saving the entity changes.",
                        new Npgsql.PostgresException("deadlock detected", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.DeadlockDetected));
                await following(context);
            });
        };
    }

    [Fact]
    public async Task An_unexpected_error_in_production_is_a_spanish_page_without_details()
    {
        var production = app.InProduction(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, Boom>()));
        var client = production.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Evaluado, ["Input.Password"] = EgiAppFactory.Password });
        var response = await client.GetAsync("/boom");
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.InternalServerError, $"{(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        Assert.Contains("Ocurrió un error", body);
        Assert.Contains("Lo que ya estaba guardado sigue guardado", body);
        Assert.DoesNotContain("secreto interno", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain("   at ", body);

        // A save PostgreSQL refused to end a deadlock: nothing of it was written, and sending it again works.
        response = await client.GetAsync("/boom-deadlock");
        body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Otro cambio se guardaba al mismo tiempo", body);
        Assert.Contains("no se guardó nada de esta solicitud", body);
        Assert.DoesNotContain("deadlock", body);
    }
}
