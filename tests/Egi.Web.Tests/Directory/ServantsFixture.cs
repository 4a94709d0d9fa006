using System.Net;
using System.Text.RegularExpressions;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Directory;

/// <summary>
/// One application (and database) per test class of the servant pages: starting a host costs about a second.
/// Signed-in clients are kept per account, since signing in is the slow part of most tests.
/// </summary>
public abstract class ServantsFixture(Db db) : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> clients = [];

    public EgiAppFactory App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = new EgiAppFactory(db);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var c in clients.Values) c.Dispose();
        await App.DisposeAsync();
    }

    public async Task<HttpClient> ClientAsync(string email)
    {
        if (!clients.TryGetValue(email, out var client))
            clients[email] = client = await App.SignedInAsync(email);
        return client;
    }

    /// <summary>The id of a servant of the demo, by document number.</summary>
    public Task<int> IdOfAsync(string document) =>
        App.WithDbAsync(d => d.Servants.Where(s => s.DocumentNumber == document).Select(s => s.Id).SingleAsync());

    public Task<int> DependencyIdAsync(string code) =>
        App.WithDbAsync(d => d.Dependencies.Where(x => x.Code == code).Select(x => x.Id).SingleAsync());
}

public sealed class ServantsSqliteFixture() : ServantsFixture(Db.Sqlite);

public sealed class ServantsPostgresFixture() : ServantsFixture(Db.Postgres);

public static class ServantsHtml
{
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static async Task<string> PageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.TextAsync();
    }

    /// <summary>The names (as listed: "Apellidos, Nombres") of the rows of the directory table, in order.</summary>
    public static IReadOnlyList<string> ListedNames(string html) =>
        Regex.Matches(html, "<th scope=\"row\"[^>]*><a [^>]*>([^<]+)</a>").Select(m => m.Groups[1].Value).ToList();

    /// <summary>The HTML of the table row that lists <paramref name="listedName"/>.</summary>
    public static string RowOf(string html, string listedName)
    {
        var rows = Regex.Matches(html, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value);
        return rows.Single(r => r.Contains(">" + listedName + "</a>", StringComparison.Ordinal));
    }
}
