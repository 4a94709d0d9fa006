using Egi.Web.Features.Shared;
using System.Globalization;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports.Issued;

/// <summary>
/// One issued report as it was issued (Talento Humano and Consulta, the /Reports folder's policy): the frozen tables, the
/// conclusions and recommendations, printable (print stylesheet) and as PDF. Every view («Consultar») and every PDF
/// download («Exportar») is audited.
/// </summary>
public sealed class DetailsModel(EgiDbContext db, CurrentUser me) : PageModel
{
    public IssuedReport Report { get; private set; } = null!;

    /// <summary>The correction that replaced this report, if any.</summary>
    public int? ReplacedById { get; private set; }

    public bool MayIssue => me.IsTalentoHumano;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        db.Audit(AuditActions.Read, IssuedText.AuditEntity, Id(Report.Id), $"Consulta en pantalla del {IssuedText.Title(Report)}, {IssuedText.Number(Report.Id)}.");
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var pdf = IssuedReportPdf.Write(Report, ReplacedById is { } by ? IssuedText.Number(by) : null);
        db.Audit(AuditActions.Export, IssuedText.AuditEntity, Id(Report.Id), $"Descarga PDF del {IssuedText.Title(Report)}, {IssuedText.Number(Report.Id)}.");
        await db.SaveChangesAsync(ct);
        return File(pdf, IssuedReportPdf.ContentType, IssuedReportPdf.FileName(Report));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var found = await db.Set<IssuedReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (found is null) return false;
        Report = found;
        ReplacedById = await db.Set<IssuedReport>().Where(r => r.ReplacesId == id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        return true;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
