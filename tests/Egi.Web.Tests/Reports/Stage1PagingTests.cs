using System.Globalization;
using System.Net;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Web.Features.Reports;
using Egi.Web.Features.Shared;
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

    /// <summary>
    /// A page is read in one query when the dependencias it spans are small, else as ids then rows: both ways, and the
    /// plain sort of the whole period, give every page the same servants in the same order (the entity's 89 rows span
    /// one large dependencia, so with the threshold at 0 the two-query way is the one walked).
    /// </summary>
    [Fact]
    public async Task Both_ways_of_reading_a_page_give_the_same_servants_in_the_same_order() =>
        await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.SingleAsync(p => p.Id == periodId);
            var today = BogotaTime.Today(app.Clock);
            var tree = await DependencyNodes.LoadAsync(d, default);
            var position = tree.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i);
            var perDependency = (await DependencyTallies.ReadAsync(d, period, today)).Totals
                .OrderBy(t => position.GetValueOrDefault(t.DependencyId, int.MaxValue)).Select(t => (t.DependencyId, t.Servants)).ToList();
            var ordered = ReportQuery.Ordered(EvaluationRows.Of(d, period, today));
            var seen = new List<int>();
            foreach (var page in new[] { 1, 2 })
            {
                var paging = Paging.Of(page, 29 + Added);
                static List<int> Ids((List<ReportRow> Rows, Members Members) p) => p.Rows.Select(r => r.ServantId).ToList();
                var whole = Ids(await ReportQuery.PageAsync(d, ordered, paging, default));
                var oneQuery = Ids(await ReportQuery.PageAsync(d, ordered, paging, perDependency, tree, default));
                var twoQueries = Ids(await ReportQuery.PageAsync(d, ordered, paging, perDependency, tree, default, oneQuerySpan: 0));
                Assert.Equal(page == 1 ? 50 : 29 + Added - 50, whole.Count);
                Assert.Equal(whole, oneQuery);
                Assert.Equal(whole, twoQueries);
                seen.AddRange(whole);
            }
            Assert.Equal(29 + Added, seen.Distinct().Count());
        });
}
