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
/// «Emitir informe» (activities 7, 11, 16): Talento Humano writes the conclusions and recommendations and issues a frozen
/// snapshot of the consolidation as it stands now (the figures it will freeze are shown before). Consulta reads the issued
/// reports but does not issue them: this page refuses everyone but Talento Humano.
/// </summary>
public sealed class IssueModel(EgiDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tipo")]
    public string? KindText { get; set; }

    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    [BindProperty]
    public IssueForm Input { get; set; } = new();

    public sealed class IssueForm
    {
        public string? Conclusions { get; set; }
        public string? Recommendations { get; set; }
        public string? Replaces { get; set; }
    }

    public IssuedReportKind Kind { get; private set; }
    public Period Period { get; private set; } = null!;
    public ConsolidationSnapshot Preview { get; private set; } = new(0, []);

    /// <summary>The reports of the same kind and period that are still in force (one of them may be corrected).</summary>
    public IReadOnlyList<(int Id, string IssuedAt)> Replaceable { get; private set; } = [];

    public DateOnly Today => me.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;

        IssuedReportSummary? replaces = null;
        if (!string.IsNullOrWhiteSpace(Input.Replaces))
        {
            replaces = int.TryParse(Input.Replaces.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var replacedId)
                ? await db.Set<IssuedReport>().AsNoTracking().Where(r => r.Id == replacedId)
                    .Select(r => new IssuedReportSummary(r.Id, r.Kind, r.PeriodId,
                        db.Set<IssuedReport>().Where(x => x.ReplacesId == r.Id).Select(x => (int?)x.Id).FirstOrDefault()))
                    .FirstOrDefaultAsync(ct)
                : null;
            if (replaces is null)
            {
                ModelState.AddModelError("Input.Replaces", ReportMessages.ReplacedReportNotFound);
                return Page();
            }
        }

        var (report, outcome) = IssuedReport.Issue(Kind, Period.Id, Period.Name, Preview, Input.Conclusions, Input.Recommendations,
            me.DisplayName, clock.GetUtcNow().UtcDateTime, replaces);
        if (report is null)
        {
            foreach (var e in outcome.Errors) ModelState.AddModelError(e.Field.Length == 0 ? "" : "Input." + e.Field, e.Message);
            return Page();
        }
        db.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (replaces is not null)
        {
            // Someone else corrected the same report a moment ago (one correction per report: unique index).
            ModelState.AddModelError("Input.Replaces", ReportMessages.ReportJustReplaced(IssuedText.Number(replaces.Id)));
            db.ChangeTracker.Clear();
            return Page();
        }
        db.Audit(IssuedText.IssueAction, IssuedText.AuditEntity, report.Id.ToString(CultureInfo.InvariantCulture),
            $"{IssuedText.Title(report)}, {IssuedText.Number(report.Id)}: {report.Snapshot.Servants} servidores"
            + (replaces is null ? "." : $"; reemplaza al {IssuedText.Number(replaces.Id)}."),
            after: new { Kind = report.Kind.ToString(), report.PeriodId, report.IssuedBy, report.ReplacesId, report.Conclusions, report.Recommendations });
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = ReportMessages.ReportIssued(report.Kind, Period.Name, IssuedText.Number(report.Id));
        return RedirectToPage("./Details", new { id = report.Id });
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        if (IssuedReportRules.FromKey(KindText) is not { } kind) return NotFound();
        var periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        if (ReportPages.ChoosePeriod(periods, PeriodText, new Dictionary<string, string>()) is not { } period) return NotFound();
        Kind = kind;
        Period = period;
        var tree = await DependencyNodes.LoadAsync(db, ct);
        Preview = await IssuedSnapshot.TakeAsync(db, kind, period, me.Today, tree, ct);
        var inForce = await db.Set<IssuedReport>().AsNoTracking()
            .Where(r => r.PeriodId == period.Id && r.Kind == kind && !db.Set<IssuedReport>().Any(x => x.ReplacesId == r.Id))
            .OrderByDescending(r => r.Id).Select(r => new { r.Id, r.IssuedAt }).ToListAsync(ct);
        Replaceable = inForce.Select(r => (r.Id, IssuedText.At(r.IssuedAt))).ToList();
        return null;
    }
}
