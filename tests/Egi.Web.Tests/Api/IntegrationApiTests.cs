using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Egi.Domain.Competencies;
using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;
using Egi.Domain.Evaluations;
using Egi.Web.Infrastructure.Api;
using Egi.Web.Features.Directory.Import;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using static Egi.Web.Tests.Api.ApiKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Egi.Web.Infrastructure.Import;

namespace Egi.Web.Tests.Api;

/// <summary>
/// Issue 14, items 2–4: API keys made on Talento Humano's screen (shown once, stored hashed, scoped, expiring, revocable,
/// rate-limited, audited by name) and the /api/v1 integration endpoints (directory sync with the import's rules,
/// periods, evaluation summaries with paging and «since», final results as JSON and CSV), and the reference page.
/// </summary>
public abstract partial class IntegrationApiTests(SharedHost host) : IAsyncLifetime
{
    private EgiAppFactory app = host.App;

    /// <summary>The host of a test that needs other settings than the class's shared one (see <see cref="OwnHost"/>).</summary>
    private EgiAppFactory? own;

    public Task InitializeAsync() => host.StartTestAsync();

    public async Task DisposeAsync()
    {
        if (own is not null) await own.DisposeAsync();
    }

    /// <summary>From here on the test uses a new host of its own, whose settings it sets before the first request.</summary>
    private void OwnHost() => app = own = new EgiAppFactory(host.App.Db);

    [GeneratedRegex("id=\"clave-creada\" readonly value=\"(egi_[^\"]+)\"")]
    private static partial Regex CreatedKey();

    /// <summary>Creates a key on the keys screen as Talento Humano; returns the key shown once.</summary>
    private async Task<string> CreateKeyOnScreenAsync(HttpClient th, string name, params string[] scopes)
    {
        var page = await th.GetStringAsync("/ApiKeys");
        var token = HttpClientFormExtensions.AntiforgeryToken(page);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token),
            new("Input.Name", name),
            new("Input.ExpiresOn", "2027-06-30"),
        };
        fields.AddRange(scopes.Select(s => new KeyValuePair<string, string>("Input.Scopes", s)));
        var response = await th.PostAsync("/ApiKeys?handler=Create", new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = CreatedKey().Match(html);
        Assert.True(match.Success, "The new key is shown on the page");
        return match.Groups[1].Value;
    }

    private Task<string> KeyAsync(string name, DateTime? expiresAt = null, params string[] scopes) => app.KeyAsync(name, expiresAt, scopes);

    private HttpClient ClientWith(string key) => app.KeyClient(key);

    [Fact]
    public async Task Talento_Humano_creates_a_key_shown_once_and_stored_hashed_its_calls_are_audited_by_name_and_a_revoked_key_gets_401()
    {
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var key = await CreateKeyOnScreenAsync(th, "Nómina nocturna", ApiScopes.DirectoryRead, ApiScopes.ResultsRead);

        var stored = await app.WithDbAsync(d => d.ApiKeys.AsNoTracking().SingleAsync(k => k.Name == "Nómina nocturna"));
        Assert.Equal("directorio:leer resultados:leer", stored.Scopes);
        Assert.StartsWith($"egi_{stored.Prefix}_", key);
        var secret = key[$"egi_{stored.Prefix}_".Length..];
        Assert.Equal(ApiKey.Hash(secret), stored.SecretHash);
        Assert.DoesNotContain(secret, stored.SecretHash);
        var list = WebUtility.HtmlDecode(await th.GetStringAsync("/ApiKeys"));
        Assert.Contains("Nómina nocturna", list);
        Assert.DoesNotContain(secret, list); // shown once only

        var client = ClientWith(key);
        var dependencies = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/directory/dependencies");
        Assert.Contains(dependencies!, d => d.GetProperty("code").GetString() == "300");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/periods")).StatusCode);
        var audited = await app.WithDbAsync(d => d.AuditEntries.AsNoTracking().Where(a => a.UserName == "Clave de API: Nómina nocturna").Select(a => a.EntityType).ToListAsync());
        Assert.Contains("Dependencia", audited);
        Assert.Contains("Vigencia", audited);
        Assert.NotNull(await app.WithDbAsync(d => d.ApiKeys.Where(k => k.Id == stored.Id).Select(k => k.LastUsedAt).SingleAsync()));

        var revoke = await th.PostFormAsync("/ApiKeys?handler=Revoke", new() { ["id"] = stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/ApiKeys");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        var problem = await ProblemAsync(await client.GetAsync("/api/v1/directory/dependencies"), HttpStatusCode.Unauthorized);
        Assert.Contains("fue revocada", problem.GetProperty("detail").GetString());
        Assert.Contains("Revocada", await th.GetStringAsync("/ApiKeys"));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Revocar" && a.EntityType == "Clave de API" && a.UserName == Accounts.TalentoHumano)));
    }

    [Fact]
    public async Task The_keys_screen_refuses_a_key_without_name_or_scope_with_Spanish_messages()
    {
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var response = await th.PostFormAsync("/ApiKeys?handler=Create", new() { ["Input.Name"] = " ", ["Input.ExpiresOn"] = "2020-01-01" }, "/ApiKeys");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Escriba el «Nombre» de la clave", html);
        Assert.Contains("Marque al menos uno de los «Permisos»", html);
        Assert.Contains("La fecha de vencimiento debe estar entre mañana", html);
        Assert.Equal(0, await app.WithDbAsync(d => d.ApiKeys.CountAsync()));
    }

    [Theory]
    [InlineData("consulta")]
    [InlineData("planeacion")]
    [InlineData("jefe")]
    [InlineData("evaluado")]
    public async Task Only_Talento_Humano_reaches_the_keys_screen_and_the_reference_page(string who)
    {
        var email = who switch { "consulta" => Accounts.Consulta, "planeacion" => Accounts.Planeacion, "jefe" => Accounts.Jefe, _ => Accounts.Evaluado };
        var client = await app.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/ApiKeys")).StatusCode);
        // With a valid antiforgery token of its own session (from a page it may open), the POST is refused too.
        var post = await client.PostFormAsync("/ApiKeys?handler=Create", new()
        {
            ["Input.Name"] = "Intrusa",
            ["Input.Scopes"] = ApiScopes.DirectoryWrite,
            ["Input.ExpiresOn"] = "2027-01-01",
        }, "/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.ApiKeys.CountAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(ApiRegistration.ReferencePath)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().GetAsync("/ApiKeys")).StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_scope_gets_403_and_an_expired_or_forged_key_401()
    {
        var reader = ClientWith(await KeyAsync("Lector", null, ApiScopes.DirectoryRead));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/directory/servants")).StatusCode);
        var forbidden = await ProblemAsync(await reader.PostAsJsonAsync("/api/v1/directory/sync", new { servants = Array.Empty<object>() }), HttpStatusCode.Forbidden);
        Assert.Contains("permiso", forbidden.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/periods/1/results")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/periods/1/evaluations")).StatusCode);

        var results = ClientWith(await KeyAsync("Resultados", null, ApiScopes.ResultsRead));
        Assert.Equal(HttpStatusCode.Forbidden, (await results.GetAsync("/api/v1/directory/servants")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await results.GetAsync("/api/v1/periods")).StatusCode);

        var expiring = await KeyAsync("Vence pronto", app.Clock.GetUtcNow().UtcDateTime.AddHours(1), ApiScopes.DirectoryRead);
        Assert.Equal(HttpStatusCode.OK, (await ClientWith(expiring).GetAsync("/api/v1/directory/dependencies")).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(2));
        var expired = await ProblemAsync(await ClientWith(expiring).GetAsync("/api/v1/directory/dependencies"), HttpStatusCode.Unauthorized);
        Assert.Contains("venció", expired.GetProperty("detail").GetString());

        var forged = expiring[..^4] + (expiring[^4..] == "AAAA" ? "BBBB" : "AAAA");
        await ProblemAsync(await ClientWith(forged).GetAsync("/api/v1/directory/dependencies"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await ClientWith("no-es-una-clave").GetAsync("/api/v1/directory/dependencies"), HttpStatusCode.Unauthorized);
        var anonymous = await app.NewClient().GetAsync("/api/v1/periods");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Keys_are_rate_limited_per_key()
    {
        OwnHost();
        app.Settings["RateLimits:Api:PermitLimit"] = "3";
        app.Settings["RateLimits:Api:WindowSeconds"] = "3600";
        var first = ClientWith(await KeyAsync("Primera", null, ApiScopes.DirectoryRead));
        var second = ClientWith(await KeyAsync("Segunda", null, ApiScopes.DirectoryRead));
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/directory/dependencies")).StatusCode);
        var refused = await first.GetAsync("/api/v1/directory/dependencies");
        var problem = await ProblemAsync(refused, (HttpStatusCode)429);
        Assert.Contains("límite de solicitudes", problem.GetProperty("detail").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/directory/dependencies")).StatusCode); // its own allowance
    }

    [Fact]
    public async Task The_openapi_document_needs_sign_in_or_a_key_and_describes_the_endpoints_in_Spanish()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync(Accounts.Evaluado)).GetAsync("/openapi/v1.json")).StatusCode);
        var doc = await ClientWith(await KeyAsync("Documentación", null, ApiScopes.ResultsRead)).GetStringAsync("/openapi/v1.json");
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        Assert.Equal(doc, await th.GetStringAsync("/openapi/v1.json"));
        foreach (var path in new[] { "/api/v1/directory/sync", "/api/v1/directory/sync/jobs/{id}", "/api/v1/periods", "/api/v1/periods/{periodId}/evaluations", "/api/v1/periods/{periodId}/results", "/api/v1/periods/{periodId}/results.csv" })
            Assert.Contains($"\"{path}\"", doc);
        Assert.Contains("Sincronizar dependencias y servidores", doc);
        Assert.Contains("\"bearer\"", doc);
        var reference = await th.GetAsync(ApiRegistration.ReferencePath + "/");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("API de EGI", await reference.Content.ReadAsStringAsync());
    }

    // ------------------------------------------------------------------ the sync of 5 000 servants, then the results

    /// <summary>The same servants as an import file (CSV with the template's headers), as Talento Humano would upload it.</summary>
    private static byte[] AsCsv(IEnumerable<Dictionary<string, object?>> servants)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(';', ImportColumns.All.Select(c => c.Header)));
        foreach (var s in servants)
        {
            string Text(string key) => s[key] switch { null => "", bool b => b ? "Sí" : "No", var v => v.ToString()! };
            sb.AppendLine(string.Join(';', new[]
            {
                "documentNumber", "firstNames", "lastNames", "email", "jobTitle", "jobCode", "jobGrade", "level", "dependency",
                "employmentType", "hireDate", "retirementDate", "bossDocumentNumber", "hasStaff", "isPublicManager",
            }.Select(Text)));
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Fact]
    public async Task A_key_syncs_5000_servants_with_the_imports_rules_all_or_nothing_and_idempotent_then_reads_periods_evaluations_and_results()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        // Camila's evaluation finished before the sync: her result is what the HR suite reads back.
        await CompetencyWalk.ToCompetencyRatingAsync(scenario, EvaluationScenario.Camila);
        var applicable = CompetencyCatalogue.Default().Applicable(HierarchyLevel.Profesional, hasStaff: false);
        var scores = applicable.Select(n => new CompetencyScore { Competency = n, Value = n == "Trabajo en equipo" ? 3 : 4, Comment = n == "Trabajo en equipo" ? "Coordinar mejor." : "" }).ToList();
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.RateCompetencies(p.Evaluator, scores, applicable, p.Context));
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.AcceptFinal(p.Evaluado, p.Context));

        var client = ClientWith(await KeyAsync("Suite de talento humano", null, ApiScopes.DirectoryWrite, ApiScopes.ResultsRead, ApiScopes.DirectoryRead));
        var servantsBefore = await app.WithDbAsync(d => d.Servants.CountAsync());
        var servants = Enumerable.Range(1, 5000).Select(i => Servant(i)).ToList();
        var newDependency = new { code = "320", name = "Grupo de Transición Energética", parentCode = "300", active = true };

        // Two bad rows: an e-mail that is not one, and a boss nobody has. The errors are the import's, for the same rows.
        var bad = servants.ToList();
        bad[41] = Servant(42, email: "correo-sin-arroba");
        bad[4199] = Servant(4200, boss: "999999999");
        var badResponse = await client.PostAsJsonAsync("/api/v1/directory/sync", new { dependencies = new[] { newDependency }, servants = bad });
        var problem = await ProblemAsync(badResponse, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("No se guardó ningún cambio", problem.GetProperty("detail").GetString());
        var apiErrors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Field: e.GetProperty("field").GetString(), Message: e.GetProperty("message").GetString())).ToList();
        var (imported, directory, dependencies) = await app.WithDbAsync(async d =>
            (SpreadsheetReader.Read(AsCsv(bad), NullLogger.Instance, maxBytes: SpreadsheetReader.MaxImportBytes),
             await d.Servants.AsNoTracking().ToListAsync(), await d.Dependencies.AsNoTracking().ToListAsync()));
        var importPlan = ServantImport.Plan(imported.Rows, directory, dependencies, scenario.Today);
        Assert.NotEmpty(importPlan.RowErrors);
        // The file's row 1 is its header: its row n + 1 is the API's n-th servant.
        Assert.Equal(importPlan.RowErrors.Select(e => (e.Row - 1, (string?)e.Column, (string?)e.Message)).ToList(), apiErrors);
        Assert.Contains(apiErrors, e => e.Row == 42 && e.Field == "Correo institucional");
        Assert.Contains(apiErrors, e => e.Row == 4200 && e.Field == "Documento del jefe inmediato" && e.Message!.Contains("999999999"));
        Assert.Equal(servantsBefore, await app.WithDbAsync(d => d.Servants.CountAsync()));
        Assert.False(await app.WithDbAsync(d => d.Dependencies.AnyAsync(x => x.Code == "320")));

        // A dry run previews without writing.
        servants[7] = Servant(8, dependency: "320");
        var preview = await client.PostAsJsonAsync("/api/v1/directory/sync?dryRun=true", new { dependencies = new[] { newDependency }, servants });
        Assert.True(preview.StatusCode == HttpStatusCode.OK, await preview.Content.ReadAsStringAsync());
        var previewBody = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(previewBody.GetProperty("dryRun").GetBoolean());
        Assert.False(previewBody.GetProperty("applied").GetBoolean());
        Assert.Equal(5000, previewBody.GetProperty("servants").GetProperty("created").GetInt32());
        Assert.Equal(1, previewBody.GetProperty("dependencies").GetProperty("created").GetInt32());
        Assert.Equal(servantsBefore, await app.WithDbAsync(d => d.Servants.CountAsync()));
        Assert.False(await app.WithDbAsync(d => d.Dependencies.AnyAsync(x => x.Code == "320")));

        // The sync itself: 5 000 new servants are more than Api:SyncBackgroundFrom (1 000), so a worker applies it and the
        // client follows its job (README «Ejemplo: sincronización nocturna»).
        var response = await client.PostAsJsonAsync("/api/v1/directory/sync", new { dependencies = new[] { newDependency }, servants });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(servantsBefore, await app.WithDbAsync(d => d.Servants.CountAsync()));
        Assert.Equal(1, await app.RunDirectoryJobsAsync());
        var job = await client.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        var body = job.GetProperty("result");
        Assert.True(body.GetProperty("applied").GetBoolean());
        Assert.Equal(5000, body.GetProperty("servants").GetProperty("created").GetInt32());
        Assert.Equal(servantsBefore + 5000, await app.WithDbAsync(d => d.Servants.CountAsync()));
        var inNewDependency = await app.WithDbAsync(d => (from s in d.Servants
                                                          join x in d.Dependencies on s.DependencyId equals x.Id
                                                          where x.Code == "320"
                                                          select s.DocumentNumber).ToListAsync());
        Assert.Equal(["5000000008"], inNewDependency);
        // The new dependencia (saved first without its superior, then placed under 300) takes its place in the tree, as the
        // reports list it: right after 300's other child, 310.
        var (stored, treeOrder) = await app.WithDbAsync(async d =>
        {
            var all = await d.Dependencies.AsNoTracking().ToListAsync();
            return (all.OrderBy(x => x.TreePosition).Select(x => x.Code).ToList(), Dependency.TreeOrder(all).Select(x => x.Dependency.Code).ToList());
        });
        Assert.Equal(treeOrder, stored);
        Assert.Equal(stored.IndexOf("310") + 1, stored.IndexOf("320"));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Importar" && a.UserName == "Clave de API: Suite de talento humano")));

        // Idempotent: the same request again changes nothing (so it is small: answered in the response).
        var againResponse = await client.PostAsJsonAsync("/api/v1/directory/sync", new { dependencies = new[] { newDependency }, servants });
        Assert.Equal(HttpStatusCode.OK, againResponse.StatusCode);
        var again = await againResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("servants").GetProperty("created").GetInt32());
        Assert.Equal(0, again.GetProperty("servants").GetProperty("updated").GetInt32());
        Assert.Equal(5000, again.GetProperty("servants").GetProperty("unchanged").GetInt32());
        Assert.Equal(1, again.GetProperty("dependencies").GetProperty("unchanged").GetInt32());

        // Periods, with their windows and state.
        var periods = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/periods");
        var p2026 = periods!.Single(p => p.GetProperty("year").GetInt32() == 2026);
        Assert.Equal("Open", p2026.GetProperty("status").GetString());
        Assert.Equal(7, p2026.GetProperty("windows").GetArrayLength());
        Assert.True(p2026.GetProperty("windows").EnumerateArray().Single(w => w.GetProperty("stage").GetString() == "GoalSetting").GetProperty("openToday").GetBoolean());

        // Every evaluation of the period, page by page, in a bounded number of SQL commands per page.
        var expected = await app.WithDbAsync(d => d.Evaluations.CountAsync(e => e.PeriodId == scenario.PeriodId));
        Assert.True(expected > 5000, $"the synced servants got their evaluations ({expected})");
        var seen = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/periods/{scenario.PeriodId}/evaluations?limit=2000" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await client.GetFromJsonAsync<JsonElement>(url);
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(expected, seen.Count);
        Assert.Equal(expected, seen.Select(e => e.GetProperty("evaluationId").GetInt32()).Distinct().Count());
        var synced = seen.Single(e => e.GetProperty("documentNumber").GetString() == "5000000101");
        Assert.Equal("GoalFormulation", synced.GetProperty("state").GetString());
        Assert.Equal("5000000101", synced.GetProperty("waitingFor")[0].GetProperty("documentNumber").GetString());
        Assert.Equal("FormulateGoals", synced.GetProperty("waitingFor")[0].GetProperty("action").GetString());
        var camila = seen.Single(e => e.GetProperty("documentNumber").GetString() == EvaluationScenario.Camila);
        Assert.Equal("Finalized", camila.GetProperty("state").GetString());
        Assert.Equal(0, camila.GetProperty("waitingFor").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, camila.GetProperty("dates").GetProperty("goalsAgreedOn").ValueKind);

        // «since»: only what changed after the last read.
        var latest = seen.Max(e => e.GetProperty("updatedAt").GetDateTimeOffset());
        var since = Uri.EscapeDataString(latest.ToString("O"));
        var none = await client.GetFromJsonAsync<JsonElement>($"/api/v1/periods/{scenario.PeriodId}/evaluations?since={since}");
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await scenario.ActAsync(EvaluationScenario.Santiago, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
        var changed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/periods/{scenario.PeriodId}/evaluations?since={since}");
        var only = Assert.Single(changed.GetProperty("items").EnumerateArray());
        Assert.Equal(EvaluationScenario.Santiago, only.GetProperty("documentNumber").GetString());
        Assert.Equal("Evaluator", only.GetProperty("waitingOn").GetString());
        Assert.Equal(EvaluationScenario.Felipe, only.GetProperty("waitingFor")[0].GetProperty("documentNumber").GetString());

        // Results, JSON and CSV: 60 × 90 % + 40 × 75 % = 84; competencies (9 × 4 + 3) / 10 / 4 = 97,5; 0,85 × 84 + 0,15 × 97,5 = 86,03.
        var results = await client.GetFromJsonAsync<JsonElement>($"/api/v1/periods/{scenario.PeriodId}/results");
        var result = Assert.Single(results.GetProperty("items").EnumerateArray());
        Assert.Equal(EvaluationScenario.Camila, result.GetProperty("documentNumber").GetString());
        Assert.Equal(84m, result.GetProperty("goalsComponent").GetDecimal());
        Assert.Equal(97.5m, result.GetProperty("competenciesComponent").GetDecimal());
        Assert.Equal(86.03m, result.GetProperty("finalScore").GetDecimal());
        var level = result.GetProperty("levelLabel").GetString();
        var csvResponse = await client.GetAsync($"/api/v1/periods/{scenario.PeriodId}/results.csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = (await csvResponse.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, csv.Length);
        Assert.StartsWith("Número de documento,Nombres y apellidos,", csv[0]);
        Assert.StartsWith($"{EvaluationScenario.Camila},Camila Andrea ", csv[1]);
        Assert.EndsWith($",84.00,97.50,86.03,{level},{result.GetProperty("finalizedOn").GetString()}", csv[1]);

        // Formula injection (issue 12, item 9): text a spreadsheet would run is written with a leading apostrophe.
        await app.WithDbAsync(async d =>
        {
            var camila = await d.Servants.SingleAsync(x => x.DocumentNumber == EvaluationScenario.Camila);
            camila.FirstNames = "=1+2";
            camila.JobTitle = "@SUM(A1)";
            await d.SaveChangesAsync();
        });
        var probed = (await client.GetStringAsync($"/api/v1/periods/{scenario.PeriodId}/results.csv")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1].Split(',');
        Assert.Contains(probed, f => f.StartsWith("'=1+2 ", StringComparison.Ordinal));
        Assert.Contains("'@SUM(A1)", probed);
        Assert.DoesNotContain(probed, f => f.Length > 0 && f[0] is '=' or '+' or '-' or '@' or '\t' or '\r');
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Exportar" && a.EntityType == "Resultados" && a.UserName == "Clave de API: Suite de talento humano")));
    }

    [Fact]
    public async Task A_signed_in_Consulta_reads_the_evaluations_with_the_browser_session_but_cannot_sync()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var consulta = await app.SignedInAsync(Accounts.Consulta);
        var page = await consulta.GetFromJsonAsync<JsonElement>($"/api/v1/periods/{scenario.PeriodId}/evaluations?limit=5");
        Assert.Equal(5, page.GetProperty("items").GetArrayLength());
        Assert.NotNull(page.GetProperty("nextCursor").GetString());
        var bad = await ProblemAsync(await consulta.GetAsync($"/api/v1/periods/{scenario.PeriodId}/evaluations?limit=0&since=ayer"), HttpStatusCode.BadRequest);
        Assert.Contains("«since» (ayer) no es una fecha", bad.GetProperty("detail").GetString());
        Assert.Contains("«limit» (0)", bad.GetProperty("detail").GetString());
        await ProblemAsync(await consulta.GetAsync("/api/v1/periods/9999/results"), HttpStatusCode.NotFound);
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        // Writing the directory takes a key: a browser session (even Talento Humano's) is not enough.
        Assert.Equal(HttpStatusCode.Unauthorized, (await th.PostAsJsonAsync("/api/v1/directory/sync", new { servants = new[] { Servant(1) } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync(Accounts.Evaluado)).GetAsync($"/api/v1/periods/{scenario.PeriodId}/results")).StatusCode);
    }

    [Fact]
    public async Task Sync_refuses_malformed_json_and_dependency_rules_in_Spanish_and_writes_nothing()
    {
        var client = ClientWith(await KeyAsync("Suite", null, ApiScopes.DirectoryWrite));
        var malformed = await client.PostAsync("/api/v1/directory/sync", new StringContent("{\"servants\": [ {\"hasStaff\": \"quizá\"} ]}", Encoding.UTF8, "application/json"));
        var problem = await ProblemAsync(malformed, HttpStatusCode.BadRequest);
        Assert.Contains("$.servants[0].hasStaff", problem.GetProperty("detail").GetString());

        var deps = new object[]
        {
            new { code = "900", name = "Nueva A", parentCode = "901", active = true },
            new { code = "901", name = "Nueva B", parentCode = "900", active = true },
            new { code = "902", name = "", parentCode = "NOEXISTE", active = true },
            new { code = "300", name = "Subdirección de Energía", parentCode = "100", active = false },
        };
        var response = await client.PostAsJsonAsync("/api/v1/directory/sync", new { dependencies = deps });
        problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(errors, e => e.Item1 == 1 && e.Item2 == "Dependencia superior" && e.Item3.Contains("ciclo"));
        Assert.Contains(errors, e => e.Item1 == 3 && e.Item2 == "Nombre" && e.Item3 == "El campo «Nombre» es obligatorio.");
        Assert.Contains(errors, e => e.Item1 == 3 && e.Item2 == "Dependencia superior" && e.Item3.Contains("NOEXISTE"));
        Assert.False(await app.WithDbAsync(d => d.Dependencies.AnyAsync(x => x.Code == "900" || x.Code == "901")));

        // Deactivating a dependencia that keeps active servants: the form's rule.
        response = await client.PostAsJsonAsync("/api/v1/directory/sync", new { dependencies = new[] { deps[3] } });
        problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("No se puede desactivar «Subdirección de Energía»", problem.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.True(await app.WithDbAsync(d => d.Dependencies.Where(x => x.Code == "300").Select(x => x.Active).SingleAsync()));
    }
}

public sealed class IntegrationApiTestsSqlite(SqliteHost host) : IntegrationApiTests(host), IClassFixture<SqliteHost>;

public sealed class IntegrationApiTestsPostgres(PostgresHost host) : IntegrationApiTests(host), IClassFixture<PostgresHost>;
