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

/// <summary>The semestral control report (activities 17 and 20) on screen and as .xlsx; every view and download is audited.</summary>
public sealed class ControlModel(EgiDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true, Name = "semestre")]
    public string? SemesterText { get; set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public Period? Period { get; private set; }
    public ControlReport? Report { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Report is null) return;
        db.Audit(AuditActions.Read, ControlReport.AuditEntity, Id(Report), $"Consulta en pantalla: {Report.Semester.Label}, {Report.Period.Name}.");
        await db.SaveChangesAsync(ct);
    }

    public async Task<IActionResult> OnPostXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Report is null) return Page();
        var bytes = ControlReport.Write(Report);
        db.Audit(AuditActions.Export, ControlReport.AuditEntity, Id(Report), $"Descarga .xlsx: {Report.Semester.Label}, {Report.Period.Name}.");
        await db.SaveChangesAsync(ct);
        return File(bytes, XlsxWorkbook.ContentType, ControlReport.FileName(Report));
    }

    private static string Id(ControlReport r) => r.Period.Id.ToString(CultureInfo.InvariantCulture);

    private async Task LoadAsync(CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        Period = ReportPages.ChoosePeriod(Periods, PeriodText, Errors);
        if (Period is null) return;
        Semester? semester;
        if (string.IsNullOrWhiteSpace(SemesterText)) semester = Semester.Default(Period, me.Today);
        else if ((semester = Semester.Parse(SemesterText, Period)) is null)
            Errors["semestre"] = ReportMessages.SemesterNotFound(Period.Name);
        if (semester is null || Errors.Count > 0) return;
        SemesterText = semester.Key;
        Report = await ControlReport.BuildAsync(db, Period, semester, me.Today, ct);
    }
}
