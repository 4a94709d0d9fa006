using Egi.Domain.Calendar;
using Egi.Web.Data;
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

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public CoverageReport? Report { get; private set; }
    public bool CanExport => me.CanReadReports;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Report is null) return;
        db.Audit("Consultar", CoverageReport.AuditEntity, PlanQueries.Id(Report.Period.Id), Summary(Report, "Consulta en pantalla"));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IActionResult> OnPostXlsxAsync(CancellationToken ct)
    {
        if (!CanExport) return Forbid();
        await LoadAsync(ct);
        if (Report is null) return Page();
        var bytes = Report.Xlsx();
        db.Audit("Exportar", CoverageReport.AuditEntity, PlanQueries.Id(Report.Period.Id), Summary(Report, "Descarga .xlsx"));
        await db.SaveChangesAsync(ct);
        return File(bytes, XlsxWorkbook.ContentType, CoverageReport.FileName(Report.Period));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        if (PlanQueries.Choose(Periods, PeriodText, me.Today) is { } period)
            Report = await CoverageReport.BuildAsync(db, period, ct, withNames: CanExport);
    }

    private static string Summary(CoverageReport r, string what) =>
        $"{what} de la {r.Period.Name}: {r.Covered} de {r.Items} ítems con metas.";
}
