using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Egi.Domain.Planning;
using Egi.Domain.Process;
using Egi.Web.Features.Sessions;
using Egi.Web.Features.WorkPlan;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Reports;

/// <summary>
/// Issue 12, item 9: text that begins with = + - @ (tab, CR) is stored as plain text in every .xlsx and .csv EGI writes.
/// Probes are seeded in names, codes, topics and the audit trail; each export is read back: the probe is there intact
/// as text, no cell holds a formula (no &lt;f&gt; in any sheet) and a CSV field carries the leading apostrophe.
/// </summary>
public abstract partial class FormulaInjectionTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private int planId;

    private const string NameProbe = "=HYPERLINK(\"http://x.example/\",\"clic\")";
    private const string DependencyProbe = "@SUM(1) Dependencia";
    private const string CodeProbe = "-1";
    private const string ItemProbe = "+1 Ítem de prueba";
    private const string TopicProbe = "=1+1 Sesión";
    private const string ActivityProbe = "@Actividad de prueba";
    private const string AuditProbe = "=2+3";

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        var scenario = await EvaluationScenario.OpenAsync(app);
        await app.WithDbAsync(async d =>
        {
            var camila = await d.Servants.SingleAsync(s => s.DocumentNumber == EvaluationScenario.Camila);
            camila.FirstNames = NameProbe;
            var dependency = await d.Dependencies.Where(x => x.Active).OrderBy(x => x.Code).FirstAsync();
            dependency.Code = CodeProbe;
            dependency.Name = DependencyProbe;
            // Through the aggregates, as the pages do.
            var periods = await d.Periods.ToDictionaryAsync(p => p.Id);
            var firstItem = await d.Set<PlanItem>().OrderBy(i => i.Id).FirstAsync();
            planId = firstItem.PlanId;
            var plan = await d.Set<InstitutionalPlan>().Include(p => p.Items).SingleAsync(p => p.Id == planId);
            Assert.True(plan.ChangeItem(periods[plan.PeriodId], firstItem, firstItem.ToValues() with { Name = ItemProbe }, _ => true).Succeeded);
            var hr = new SessionEditor(IsTalentoHumano: true, IsPlaneacion: false);
            foreach (var s in await d.Set<Session>().ToListAsync()) Assert.True(s.Change(periods[s.PeriodId], hr, s.ToInput() with { Topic = TopicProbe }).Succeeded);
            await RenameActivitiesAsync(d);
            d.Audit("Prueba", "Prueba", AuditProbe, "+resumen de prueba");
            await d.SaveChangesAsync();
        });
        Assert.True(scenario.PeriodId > 0);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task RenameActivitiesAsync(Egi.Web.Data.EgiDbContext d)
    {
        var periods = await d.Periods.ToDictionaryAsync(p => p.Id);
        foreach (var plan in await d.Set<AnnualWorkPlan>().Include(p => p.Activities).ToListAsync())
            foreach (var a in plan.Activities)
                Assert.True(plan.ChangeActivity(periods[plan.PeriodId], a, a.ToInput() with { Name = ActivityProbe }, DateTime.UtcNow).Succeeded);
    }

    [GeneratedRegex("<(?:\\w+:)?f[\\s>/]")]
    private static partial Regex FormulaElement();

    /// <summary>Every text cell of every sheet, after checking that no sheet has a formula.</summary>
    private static List<string> Cells(byte[] xlsx, string what)
    {
        using (var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                Assert.False(FormulaElement().IsMatch(reader.ReadToEnd()), $"{what}: {entry.FullName} has a formula");
            }
        }
        var cells = new List<string>();
        using var stream = new MemoryStream(xlsx);
        foreach (var sheet in MiniExcel.GetSheetNames(stream))
        {
            stream.Position = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet))
                cells.AddRange(row.Values.OfType<string>());
            stream.Position = 0;
        }
        return cells;
    }

    private static async Task<byte[]> FileAsync(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Every_export_keeps_formula_like_text_as_plain_text()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var vigencia = await app.WithDbAsync(d => d.Evaluations.Select(e => e.PeriodId).FirstAsync());
        if (!await app.WithDbAsync(d => d.Set<WorkPlanActivity>().AnyAsync()))
        {
            var created = await hr.PostFormAsync($"/WorkPlan?handler=Create&periodId={vigencia}", [], getUrl: $"/WorkPlan?periodId={vigencia}");
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }
        await app.WithDbAsync(async d =>
        {
            await RenameActivitiesAsync(d);
            await d.SaveChangesAsync();
        });

        // .xlsx written by a POST handler of a report page, and the probe each must carry (null: no probe of ours is in it).
        var posted = new (string Page, string Handler, string? Probe)[]
        {
            ($"/Reports/Stage1?vigencia={vigencia}", "Xlsx", NameProbe),
            ($"/Reports/Stage2?vigencia={vigencia}", "Xlsx", null),
            ($"/Reports/Annual?vigencia={vigencia}", "Xlsx", null),
            ($"/Reports/Control?vigencia={vigencia}", "Xlsx", null),
            ($"/Reports/Records?vigencia={vigencia}", "Goals", null),
            ($"/Reports/Records?vigencia={vigencia}", "SelfEvaluations", null),
            ($"/Reports/Records?vigencia={vigencia}", "Competencies", null),
            ($"/Dashboard?vigencia={vigencia}", "Xlsx", null),
            ($"/Plans/Coverage?vigencia={vigencia}", "Xlsx", ItemProbe),
            ("/Control/Reminders", "Xlsx", null),
            ("/Audit", "Export", AuditProbe),
        };
        foreach (var (page, handler, probe) in posted)
        {
            var url = page + (page.Contains('?') ? "&" : "?") + "handler=" + handler;
            var cells = Cells(await FileAsync(await hr.PostFormAsync(url, [], getUrl: page), page), page);
            if (probe is not null) Assert.Contains(cells, c => c.StartsWith(probe, StringComparison.Ordinal));
        }

        var downloaded = new (string Url, string? Probe)[]
        {
            ("/Directory/Import?handler=Template", DependencyProbe),
            ($"/Plans/Import?plan={planId}&handler=Template", DependencyProbe),
            ($"/WorkPlan?handler=Xlsx&periodId={vigencia}", ActivityProbe),
            ($"/Sessions/Report?handler=Xlsx&periodId={vigencia}", null),
        };
        foreach (var (url, probe) in downloaded)
        {
            var cells = Cells(await FileAsync(await hr.GetAsync(url), url), url);
            if (probe is not null) Assert.Contains(cells, c => c.StartsWith(probe, StringComparison.Ordinal));
        }

        // CSV (OWASP): the field that would be a formula starts with an apostrophe.
        foreach (var url in new[] { "/Directory/Import?handler=TemplateCsv", $"/Plans/Import?plan={planId}&handler=TemplateCsv" })
        {
            var text = Encoding.UTF8.GetString(await FileAsync(await hr.GetAsync(url), url));
            var fields = text.Split(["\r\n"], StringSplitOptions.RemoveEmptyEntries).SelectMany(l => l.Split(';')).ToList();
            Assert.Contains($"'{CodeProbe}", fields);
            Assert.DoesNotContain(fields, f => f.Length > 0 && f[0] is '=' or '+' or '-' or '@' or '\t' or '\r');
        }
    }
}

public sealed class FormulaInjectionTestsSqlite(SqliteHost host) : FormulaInjectionTests(host), IClassFixture<SqliteHost>;

public sealed class FormulaInjectionTestsPostgres(PostgresHost host) : FormulaInjectionTests(host), IClassFixture<PostgresHost>;
