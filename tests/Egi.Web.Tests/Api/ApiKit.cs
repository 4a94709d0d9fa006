using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Egi.Web.Infrastructure.Api;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;

namespace Egi.Web.Tests.Api;

/// <summary>What the API tests share: keys written to the database, a client that sends one, problems, and servants to sync.</summary>
internal static class ApiKit
{
    /// <summary>A key written straight to the database (the keys screen is tested on its own); returns the secret to send.</summary>
    public static async Task<string> KeyAsync(this EgiAppFactory app, string name, DateTime? expiresAt = null, params string[] scopes)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (key, secret) = ApiKey.Create(name, scopes, expiresAt ?? now.AddDays(30), "Pruebas", now);
        await app.WithDbAsync(async d =>
        {
            d.ApiKeys.Add(key);
            await d.SaveChangesAsync();
        });
        return secret;
    }

    /// <summary>A client of <paramref name="app"/> that identifies itself with <paramref name="key"/> (no cookies).</summary>
    public static HttpClient KeyClient(this EgiAppFactory app, string key)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        // A sync of 5 000 servants (accounts, invitations and evaluations included) can pass HttpClient's 100 s on a loaded machine.
        client.Timeout = TimeSpan.FromMinutes(15);
        return client;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static readonly string[] DependencyCodes = ["110", "210", "300", "310", "400"];

    /// <summary>Servant <paramref name="i"/> of a sync: document 5 000 000 000 + i, under Felipe (the first 100) or a jefe of the same sync.</summary>
    public static Dictionary<string, object?> Servant(int i, string? dependency = null, string? email = null, string? boss = null) => new()
    {
        ["documentNumber"] = (5_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["firstNames"] = $"Nombre{i}",
        ["lastNames"] = $"Apellido{i}",
        ["email"] = email ?? $"servidor{i}@sync.test",
        ["jobTitle"] = "Profesional Universitario",
        ["jobCode"] = "2044",
        ["jobGrade"] = "11",
        ["level"] = "Profesional",
        ["dependency"] = dependency ?? DependencyCodes[i % DependencyCodes.Length],
        ["employmentType"] = "Nombramiento provisional",
        ["hireDate"] = "2020-02-03",
        ["retirementDate"] = null,
        ["bossDocumentNumber"] = boss ?? (i < 100 || i % 100 == 0 ? EvaluationScenario.Felipe : (5_000_000_000L + i / 100 * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ["hasStaff"] = i % 100 == 0,
        ["isPublicManager"] = false,
    };
}
