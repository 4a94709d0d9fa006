using Egi.Web.Features.Shared;
using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports;

/// <summary>
/// «Reporte Excel del sistema» (activities 4–6, 8–10 and 12–15 of P-TH-10), for Talento Humano and Consulta: per period,
/// how many evaluations each record covers and the download of each one as .xlsx (streamed; every download audited).
/// </summary>
public sealed class RecordsModel(EgiDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public Period? Period { get; private set; }
    public RecordCounts? Counts { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostGoalsAsync(CancellationToken ct) => DownloadAsync(ActivityRecord.Goals, ct);

    public Task<IActionResult> OnPostSelfEvaluationsAsync(CancellationToken ct) => DownloadAsync(ActivityRecord.SelfEvaluations, ct);

    public Task<IActionResult> OnPostCompetenciesAsync(CancellationToken ct) => DownloadAsync(ActivityRecord.Competencies, ct);

    private async Task<IActionResult> DownloadAsync(ActivityRecord record, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Period is not { } period || Counts is null) return Page();
        var tree = await DependencyNodes.LoadAsync(db, ct);
        var workbook = ActivityRecords.Workbook(record, parts => ActivityRecords.Items(db, period, me.Today, tree, record, parts), period);
        var file = XlsxDownload.ToTempFile(workbook);
        db.Audit(AuditActions.Export, ActivityRecords.AuditEntity, period.Id.ToString(CultureInfo.InvariantCulture),
            $"Descarga .xlsx de «{ActivityRecords.Title(record)}» ({ActivityRecords.Activities(record).ToLowerInvariant()}) de la {period.Name}: "
            + $"{NumberText.Count(Counts.Of(record))} evaluaciones.");
        await db.SaveChangesAsync(ct);
        return File(file, XlsxWorkbook.ContentType, ActivityRecords.FileName(record, period));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        Period = ReportPages.ChoosePeriod(Periods, PeriodText, Errors);
        if (Period is null) return;
        Counts = await ActivityRecords.CountsAsync(db, Period, me.Today, ct);
    }
}
