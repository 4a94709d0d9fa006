using Egi.Web.Features.Shared;
using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports.Issued;

/// <summary>
/// The issued reports of a period (activities 7, 11, 16), newest first, with which one corrects which; Talento Humano and
/// Consulta read, only Talento Humano issues. One query for the list (the frozen figures are not read here).
/// </summary>
public sealed class IndexModel(EgiDbContext db, CurrentUser me) : PageModel
{
    public sealed record Line(int Id, IssuedReportKind Kind, DateTime IssuedAt, string IssuedBy, int? ReplacesId, int? ReplacedById);

    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public Period? Period { get; private set; }
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public bool MayIssue => me.IsTalentoHumano;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        Period = ReportPages.ChoosePeriod(Periods, PeriodText, Errors);
        if (Period is null) return;
        var periodId = Period.Id;
        var reports = db.Set<IssuedReport>().AsNoTracking();
        Lines = await reports.Where(r => r.PeriodId == periodId)
            .OrderByDescending(r => r.IssuedAt).ThenByDescending(r => r.Id)
            .Select(r => new Line(r.Id, r.Kind, r.IssuedAt, r.IssuedBy, r.ReplacesId,
                reports.Where(x => x.ReplacesId == r.Id).Select(x => (int?)x.Id).FirstOrDefault()))
            .ToListAsync(ct);
    }

    public string? SelectedPeriod => Period?.Id.ToString(CultureInfo.InvariantCulture) ?? PeriodText;
}
