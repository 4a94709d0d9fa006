using System.Globalization;
using System.Net;
using Egi.Domain.Directory;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Egi.Web.Tests.Reports;

/// <summary>
/// Issue 11: the list of the stage-1 report is read 50 servants at a time. The demo entity (29 eligible servants)
/// grows by 60 eligible servants without an evaluation: 89 rows, two pages; the .xlsx still has all of them.
/// </summary>
public sealed class Stage1PagingTests : IAsyncLifetime
{
    private const string Url = "/Reports/Stage1";
    private const int Added = 60;
    private readonly EgiAppFactory app = new(Db.Sqlite);
    private int periodId;

    public async Task InitializeAsync()
    {
        app.Settings["Mail:WorkerEnabled"] = "false";
        app.Settings["Scheduler:Enabled"] = "false";
        var scenario = await EvaluationScenario.OpenAsync(app);
        periodId = scenario.PeriodId;
        var felipe = await scenario.ServantIdAsync(EvaluationScenario.Felipe);
        await app.WithDbAsync(async d =>
        {
            var boss = await d.Servants.AsNoTracking().SingleAsync(s => s.Id == felipe);
            for (var i = 0; i < Added; i++)
            {
                d.Servants.Add(new Servant
                {
                    DocumentNumber = (800000000 + i).ToString(CultureInfo.InvariantCulture),
                    FirstNames = $"Persona {i:00}",
                    LastNames = "De Prueba",
                    Email = $"persona{i}@egi-demo.gov.co",
                    JobTitle = "Profesional universitario",
                    Level = HierarchyLevel.Profesional,
                    DependencyId = boss.DependencyId,
                    EmploymentType = EmploymentType.Provisional,
                    HireDate = new DateOnly(2020, 1, 1),
                    BossId = felipe,
                });
            }
            await d.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_2_lists_the_servants_after_the_first_50_and_the_navigation_says_where_one_is()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var first = await PageAsync(hr, Url);
        var firstRows = HtmlTables.Rows(first, "servidores");
        Assert.Equal(50, firstRows.Count);
        Assert.Contains("Página 1 de 2", HtmlTables.Text(first), StringComparison.Ordinal);
        Assert.Contains($"href=\"/Reports/Stage1?vigencia={periodId}&pagina=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Contains("Siguiente", first, StringComparison.Ordinal);

        var second = await PageAsync(hr, $"{Url}?vigencia={periodId}&pagina=2");
        var secondRows = HtmlTables.Rows(second, "servidores");
        Assert.Equal(29 + Added - 50, secondRows.Count);
        Assert.Contains("Página 2 de 2", HtmlTables.Text(second), StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\"><span class=\"visually-hidden\">Página </span>2</a>", second, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Reports/Stage1?vigencia={periodId}&pagina=1\" rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.Empty(firstRows.Select(r => r[0]).Intersect(secondRows.Select(r => r[0])));
        // The summary is the whole entity's on every page.
        Assert.Equal(HtmlTables.Rows(first, "resumen"), HtmlTables.Rows(second, "resumen"));
        Assert.Equal(["Total entidad", "89", "60"], HtmlTables.Rows(second, "resumen")[^1].Take(3));

        // The two pages, in order, are the whole list: the .xlsx (not paged) has the same rows in the same order.
        var response = await hr.PostFormAsync($"{Url}?handler=Xlsx", new() { ["vigencia"] = periodId.ToString(CultureInfo.InvariantCulture) }, getUrl: Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheet = file.Query(useHeaderRow: true, sheetName: "Servidores").Cast<IDictionary<string, object?>>().Select(r => (string)r["Documento"]!).ToList();
        Assert.Equal(firstRows.Concat(secondRows).Select(r => r[0]), sheet);

        // A filter keeps its value in the page links; a page beyond the last shows the last.
        var filtered = await PageAsync(hr, $"{Url}?vigencia={periodId}&estado=sin-iniciar&pagina=7");
        Assert.Equal(60 - 50, HtmlTables.Rows(filtered, "servidores").Count);
        Assert.Contains($"href=\"/Reports/Stage1?vigencia={periodId}&estado=sin-iniciar&pagina=1\" rel=\"prev\"", filtered, StringComparison.Ordinal);
    }
}
