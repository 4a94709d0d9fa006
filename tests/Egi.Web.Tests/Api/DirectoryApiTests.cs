using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Api;

public abstract class DirectoryApiTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync()
    {
        return host.StartTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Anonymous_gets_401_not_a_redirect()
    {
        var problem = await ApiKit.ProblemAsync(await app.NewClient().GetAsync("/api/v1/directory/servants"), HttpStatusCode.Unauthorized);
        Assert.Equal("No autenticado", problem.GetProperty("title").GetString());
        Assert.Contains("Authorization: Bearer egi_", problem.GetProperty("detail").GetString());
    }

    /// <summary>
    /// What no endpoint writes itself (an address that does not exist, a method an address does not take) is a Spanish
    /// problem too, never the HTML page meant for a person.
    /// </summary>
    [Fact]
    public async Task An_unknown_address_or_method_of_the_api_is_a_spanish_problem_not_a_page()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var problem = await ApiKit.ProblemAsync(await client.GetAsync("/api/v1/directorio/servidores"), HttpStatusCode.NotFound);
        Assert.Equal("No encontrado", problem.GetProperty("title").GetString());
        Assert.Contains("/api/v1/", problem.GetProperty("detail").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Delete, HttpMethod.Put, HttpMethod.Patch })
        {
            using var request = new HttpRequestMessage(method, "/api/v1/directory/dependencies") { Content = JsonContent.Create(new { }) };
            problem = await ApiKit.ProblemAsync(await client.SendAsync(request), HttpStatusCode.MethodNotAllowed);
            Assert.Equal("Método no permitido", problem.GetProperty("title").GetString());
            Assert.Contains($"no admite el método {method.Method}", problem.GetProperty("detail").GetString());
        }

        // A query parameter the endpoint cannot read: the problem names it, the value sent and what it takes.
        problem = await ApiKit.ProblemAsync(await client.GetAsync("/api/v1/directory/servants?includeRetired=quizas"), HttpStatusCode.BadRequest);
        Assert.Equal("Solicitud no válida", problem.GetProperty("title").GetString());
        Assert.Equal("El parámetro «includeRetired» no admite el valor «quizas»: se espera true o false.", problem.GetProperty("detail").GetString());
        problem = await ApiKit.ProblemAsync(await client.GetAsync("/api/v1/directory/servants?includeRetired=true&includeRetired=false"), HttpStatusCode.BadRequest);
        Assert.Contains("«includeRetired» no admite el valor «true,false»", problem.GetProperty("detail").GetString());
        problem = await ApiKit.ProblemAsync(await client.GetAsync("/api/v1/directory/servants?includeRetired=" + new string('x', 500)), HttpStatusCode.BadRequest);
        Assert.Contains($"no admite el valor «{new string('x', 40)}…»", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/directory/servants?includeRetired=TRUE")).StatusCode);
        // Named as the query names it (async), not as the code's parameter (runAsync); nothing synchronized.
        var writer = app.KeyClient(await app.KeyAsync("Nómina", null, Egi.Web.Infrastructure.Api.ApiScopes.DirectoryWrite));
        problem = await ApiKit.ProblemAsync(await writer.PostAsJsonAsync("/api/v1/directory/sync?async=pronto", new { servants = new[] { ApiKit.Servant(1) } }),
            HttpStatusCode.BadRequest);
        Assert.Equal("El parámetro «async» no admite el valor «pronto»: se espera true o false.", problem.GetProperty("detail").GetString());
        Assert.False(await app.WithDbAsync(d => d.Servants.AnyAsync(s => s.DocumentNumber == "5000000001")));

        // A person's page keeps its HTML answer.
        var page = await client.GetAsync("/no-existe");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("evaluado")]
    [InlineData("jefe")]
    [InlineData("planeacion")]
    public async Task People_without_report_rights_get_403(string who)
    {
        var email = who switch { "evaluado" => Accounts.Evaluado, "jefe" => Accounts.Jefe, _ => Accounts.Planeacion };
        var client = await app.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/directory/servants")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/directory/servants/1022345987")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/directory/dependencies")).StatusCode);
    }

    [Fact]
    public async Task Consulta_reads_the_directory_with_eligibility_and_the_read_is_audited()
    {
        var client = await app.SignedInAsync(Accounts.Consulta);
        var servants = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/directory/servants");
        Assert.NotNull(servants);
        Assert.Equal(39, servants.Length); // 40 demo servants, one retired
        var director = servants.Single(s => s.GetProperty("documentNumber").GetString() == "79512340");
        Assert.False(director.GetProperty("eligible").GetBoolean());
        Assert.Contains("Gerente público", director.GetProperty("eligibilityReason").GetString());
        var camila = servants.Single(s => s.GetProperty("documentNumber").GetString() == "1022345987");
        Assert.True(camila.GetProperty("eligible").GetBoolean());
        Assert.Equal("80123987", camila.GetProperty("bossDocumentNumber").GetString());

        var exports = await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Exportar" && a.UserName == Accounts.Consulta));
        Assert.Equal(1, exports);
    }

    [Fact]
    public async Task One_servant_by_document_written_with_dots()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var camila = await client.GetFromJsonAsync<JsonElement>("/api/v1/directory/servants/1.022.345.987");
        Assert.Equal("Camila Andrea", camila.GetProperty("firstNames").GetString());
        var problem = await ApiKit.ProblemAsync(await client.GetAsync("/api/v1/directory/servants/999"), HttpStatusCode.NotFound);
        Assert.Equal("No existe ese servidor", problem.GetProperty("title").GetString());
        Assert.Contains("«999»", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Openapi_document_describes_the_api_to_a_signed_in_Consulta_and_not_to_anonymous()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync("/openapi/v1.json")).StatusCode);
        var doc = await (await app.SignedInAsync(Accounts.Consulta)).GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/directory/servants", doc);

        // Every operation documents the problems any call can get: an unexpected error, a database not usable in time.
        var paths = JsonDocument.Parse(doc).RootElement.GetProperty("paths");
        foreach (var path in paths.EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                foreach (var status in new[] { "500", "503" })
                    Assert.True(operation.Value.GetProperty("responses").TryGetProperty(status, out var response)
                        && response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{operation.Name} {path.Name}: {status}");
        Assert.True(paths.GetProperty("/api/v1/directory/servants/{document}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
    }

    /// <summary>The sync row of an existing servant, as the directory holds it, with another e-mail.</summary>
    private async Task<Dictionary<string, object?>> RowWithEmailAsync(HttpClient reader, string document, string email)
    {
        var s = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/directory/servants/{document}");
        var dependencyId = s.GetProperty("dependencyId").GetInt32();
        var code = await app.WithDbAsync(d => d.Dependencies.Where(x => x.Id == dependencyId).Select(x => x.Code).SingleAsync());
        return new()
        {
            ["documentNumber"] = document,
            ["firstNames"] = s.GetProperty("firstNames").GetString(),
            ["lastNames"] = s.GetProperty("lastNames").GetString(),
            ["email"] = email,
            ["jobTitle"] = s.GetProperty("jobTitle").GetString(),
            ["jobCode"] = s.GetProperty("jobCode").GetString(),
            ["jobGrade"] = s.GetProperty("jobGrade").GetString(),
            ["level"] = s.GetProperty("level").GetString(),
            ["dependency"] = code,
            ["employmentType"] = s.GetProperty("employmentType").GetString(),
            ["hireDate"] = s.GetProperty("hireDate").GetString(),
            ["retirementDate"] = null,
            ["bossDocumentNumber"] = s.GetProperty("bossDocumentNumber").GetString(),
            ["hasStaff"] = s.GetProperty("hasStaff").GetBoolean(),
            ["isPublicManager"] = s.GetProperty("isPublicManager").GetBoolean(),
        };
    }

    [Fact]
    public async Task A_key_does_not_change_the_email_of_an_account_that_holds_a_role_and_changes_anyone_elses()
    {
        // With the e-mail goes the password-reset link: a key that writes the directory would take over Planeación's account.
        var key = app.KeyClient(await app.KeyAsync("Nómina", null, Egi.Web.Infrastructure.Api.ApiScopes.DirectoryWrite, Egi.Web.Infrastructure.Api.ApiScopes.DirectoryRead));
        var (carlos, camila) = await app.WithDbAsync(async d =>
        {
            async Task<string> DocumentOf(string email) =>
                await (from u in d.Users where u.Email == email join x in d.Servants on u.ServantId equals x.Id select x.DocumentNumber).SingleAsync();
            return (await DocumentOf(Accounts.Planeacion), await DocumentOf(Accounts.Evaluado));
        });
        var takeover = await RowWithEmailAsync(key, carlos, "buzon.ajeno@correo.test");
        foreach (var url in new[] { "/api/v1/directory/sync?dryRun=true", "/api/v1/directory/sync" })
        {
            var problem = await ApiKit.ProblemAsync(await key.PostAsJsonAsync(url, new { servants = new[] { takeover } }), HttpStatusCode.UnprocessableEntity);
            var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
            Assert.Equal((1, "Correo institucional", "buzon.ajeno@correo.test"),
                (error.GetProperty("row").GetInt32(), error.GetProperty("field").GetString(), error.GetProperty("value").GetString()));
            Assert.StartsWith("El correo de Carlos", error.GetProperty("message").GetString());
            Assert.Contains("tiene el rol Planeación", error.GetProperty("message").GetString());
        }
        Assert.Equal((Accounts.Planeacion, Accounts.Planeacion), await app.WithDbAsync(async d =>
            (await d.Servants.Where(x => x.DocumentNumber == carlos).Select(x => x.Email).SingleAsync(),
             await d.Users.Where(u => u.Email == Accounts.Planeacion).Select(u => u.Email).SingleAsync())));

        // Camila has no role: her new e-mail reaches her account (and the old address is told).
        var moved = await key.PostAsJsonAsync("/api/v1/directory/sync", new { servants = new[] { await RowWithEmailAsync(key, camila, "camila.nueva@egi-demo.gov.co") } });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        Assert.True(await app.WithDbAsync(d => d.Users.AnyAsync(u => u.Email == "camila.nueva@egi-demo.gov.co" && u.ServantId != null)));
    }
}

public sealed class DirectoryApiTestsSqlite(SqliteHost host) : DirectoryApiTests(host), IClassFixture<SqliteHost>;

public sealed class DirectoryApiTestsPostgres(PostgresHost host) : DirectoryApiTests(host), IClassFixture<PostgresHost>;
