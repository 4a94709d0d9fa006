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
                // The same failures under /api/v1 (ApiErrorsAreProblems): the path without that prefix chooses the failure.
                var path = context.Request.Path.StartsWithSegments("/api/v1", out var rest) ? rest : context.Request.Path;
                if (path == "/boom") throw new InvalidOperationException("secreto interno: cadena de conexión");
                // What EF Core throws when PostgreSQL ends a deadlock between two saves by refusing this one.
                if (path == "/boom-deadlock")
                    throw new Microsoft.EntityFrameworkCore.DbUpdateException("An error occurred while saving the entity changes.",
                        new Npgsql.PostgresException("deadlock detected", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.DeadlockDetected));
                // What Npgsql throws when no connection of the pool came free in time; what SQLite says when its
                // database stayed locked past its wait.
                if (path == "/boom-pool")
                    throw new Npgsql.NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 8) or 'Timeout'", new TimeoutException());
                if (path == "/boom-locked")
                    throw new Microsoft.EntityFrameworkCore.DbUpdateException("An error occurred while saving the entity changes.",
                        new Microsoft.Data.Sqlite.SqliteException("SQLite Error 5: 'database is locked'.", 5));
                // A timeout that is not the database's (an HTTP call elsewhere): not said to be the database's.
                // What Kestrel throws when a body passes its limit (30 MB unless a page sets its own).
                if (path == "/boom-too-large")
                    throw new BadHttpRequestException("Request body too large. The max request body size is 30000000 bytes.", StatusCodes.Status413PayloadTooLarge);
                if (path == "/boom-http-timeout")
                    throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException());
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

        // The database could not be used in time: a 503 that says to wait and try again, with how long.
        foreach (var path in new[] { "/boom-pool", "/boom-locked" })
        {
            response = await client.GetAsync(path);
            body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(Egi.Web.Features.ErrorModel.DatabaseRetrySeconds), response.Headers.RetryAfter?.Delta);
            Assert.Contains("El sistema está ocupado", body);
            Assert.Contains("no pudo usar la base de datos a tiempo", body);
            Assert.Contains("Espere 10 segundos", body);
            Assert.Contains("Lo que ya estaba guardado sigue guardado", body);
            var page = PageText.WithoutRandomValues(body);
            Assert.DoesNotContain("pool", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("locked", page, StringComparison.OrdinalIgnoreCase);
        }
        // A body past the server's limit: the 413 page, not a server error.
        response = await client.GetAsync("/boom-too-large");
        body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("supera el tamaño máximo que acepta el servidor. No se guardó nada.", body);
        Assert.DoesNotContain("Request body", body);

        response = await client.GetAsync("/boom-http-timeout");
        body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("base de datos", body);
    }

    /// <summary>
    /// The same failures in a call to the API: a Spanish problem (the integration reads JSON, not a page), the same
    /// statuses and Retry-After, never the exception's text; a server error carries the request's code (traceId).
    /// </summary>
    [Fact]
    public async Task An_unexpected_error_of_the_api_is_a_spanish_problem_without_details()
    {
        var production = app.InProduction(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, Boom>()));
        var client = production.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.TalentoHumano, ["Input.Password"] = EgiAppFactory.Password });

        async Task<System.Text.Json.JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            foreach (var secret in new[] { "secreto interno", "Exception", "deadlock", "pool", "locked", "   at " })
                Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
            return System.Text.Json.JsonDocument.Parse(body).RootElement;
        }

        var problem = await Problem(await client.GetAsync("/api/v1/boom"), HttpStatusCode.InternalServerError);
        Assert.Equal("Ocurrió un error", problem.GetProperty("title").GetString());
        Assert.Contains("Lo que ya estaba guardado sigue guardado", problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));

        problem = await Problem(await client.GetAsync("/api/v1/boom-deadlock"), HttpStatusCode.Conflict);
        Assert.Equal("Otro cambio se guardaba al mismo tiempo", problem.GetProperty("title").GetString());
        Assert.Contains("no se guardó nada de ella", problem.GetProperty("detail").GetString());

        foreach (var path in new[] { "/api/v1/boom-pool", "/api/v1/boom-locked" })
        {
            var response = await client.GetAsync(path);
            problem = await Problem(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(Egi.Web.Features.ErrorModel.DatabaseRetrySeconds), response.Headers.RetryAfter?.Delta);
            Assert.Equal("El sistema está ocupado", problem.GetProperty("title").GetString());
            Assert.Contains("no pudo usar la base de datos a tiempo", problem.GetProperty("detail").GetString());
            Assert.Contains("Espere 10 segundos", problem.GetProperty("detail").GetString());
        }

        problem = await Problem(await client.GetAsync("/api/v1/boom-too-large"), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("Cuerpo demasiado grande", problem.GetProperty("title").GetString());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.14", problem.GetProperty("type").GetString());
        Assert.Contains("No se guardó nada", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("30000000", problem.GetProperty("detail").GetString());

        problem = await Problem(await client.GetAsync("/api/v1/boom-http-timeout"), HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("base de datos", problem.GetProperty("detail").GetString());
    }
}
