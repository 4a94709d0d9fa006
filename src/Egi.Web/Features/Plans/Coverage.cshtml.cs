using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Plans;

/// <summary>
/// The coverage of the period's plans by goals (SPEC §7), per dependencia and plan, for Talento Humano, Planeación and
/// Consulta. Every view is recorded in the audit trail; the .xlsx (it names the evaluados) is for Talento Humano and
/// Consulta only (SPEC §9: exports of personal data), and every download is recorded too.
/// </summary>
public sealed class CoverageModel(EgiDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    /// <summary>The dependencia whose items are listed (<see cref="CoverageGroup.Key"/>); none: every dependencia's.</summary>
    [BindProperty(SupportsGet = true, Name = "dependencia")]
    public string? DependencyKey { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public string? PageText { get; set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public CoverageReport? Report { get; private set; }
    public bool CanExport => me.CanReadReports;

    public string PageUrl(int page, string? dependency) => ReportPages.Url("/Plans/Coverage", new Dictionary<string, string?>
    {
        ["vigencia"] = Report is null ? null : PlanQueries.Id(Report.Period.Id),
        ["dependencia"] = dependency,
        ["pagina"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    });

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct, ReportPages.Parse(PageText));
        if (Report is null) return;
        if (DependencyKey is not null && Report.Summary.All(s => s.Key != DependencyKey))
            ModelState.AddModelError("dependencia", PlanMessages.CoverageDependencyNotFound);
        db.Audit("Consultar", CoverageReport.AuditEntity, PlanQueries.Id(Report.Period.Id), Summary(Report, "Consulta en pantalla"));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IActionResult> OnPostXlsxAsync(CancellationToken ct)
    {
        if (!CanExport) return Forbid();
        DependencyKey = null; // the .xlsx has every item
        await LoadAsync(ct, page: null);
        if (Report is null) return Page();
        var bytes = Report.Xlsx();
        db.Audit("Exportar", CoverageReport.AuditEntity, PlanQueries.Id(Report.Period.Id), Summary(Report, "Descarga .xlsx"));
        await db.SaveChangesAsync(ct);
        return File(bytes, XlsxWorkbook.ContentType, CoverageReport.FileName(Report.Period));
    }

    private async Task LoadAsync(CancellationToken ct, int? page)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        // One form of the key for the filter, the check of an unknown one and the page's links.
        DependencyKey = string.IsNullOrWhiteSpace(DependencyKey) ? null : DependencyKey.Trim();
        if (PlanQueries.Choose(Periods, PeriodText, me.Today) is { } period)
            Report = await CoverageReport.BuildAsync(db, period, ct, withNames: CanExport, DependencyKey, page);
    }

    private static string Summary(CoverageReport r, string what) =>
        $"{what} de la {r.Period.Name}: {r.Covered} de {r.Items} ítems con metas.";
}
