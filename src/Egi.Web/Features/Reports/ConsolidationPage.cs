using Egi.Web.Features.Shared;
using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports;

/// <summary>
/// The shared part of the stage-2 and annual report pages: the period and dependencia chosen (text, checked with
/// Spanish messages by field, like the stage-1 report), the audit of each view and download, and the .xlsx handler.
/// </summary>
public abstract class ConsolidationPage<TReport>(EgiDbContext db, CurrentUser me) : PageModel, IConsolidationFilters
    where TReport : class
{
    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true, Name = "dependencia")]
    public string? DependencyText { get; set; }

    /// <summary>«Solo alertas tempranas» (only where <see cref="OffersEarlyWarnings"/>): «1» lists only them.</summary>
    [BindProperty(SupportsGet = true, Name = "alertas")]
    public string? EarlyWarningsText { get; set; }

    /// <summary>The list can be narrowed to the early warnings of the first follow-up (the stage-2 report).</summary>
    public virtual bool OffersEarlyWarnings => false;

    public bool EarlyWarningsOnly => Filter?.EarlyWarningsOnly == true;

    /// <summary>The page of the list of servants (anything but a positive number shows the first page).</summary>
    [BindProperty(SupportsGet = true, Name = "pagina")]
    public string? PageText { get; set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public IReadOnlyList<DependencyNode> Dependencies { get; private set; } = [];
    public Period? Period { get; private set; }
    public Stage1Filter? Filter { get; private set; }
    public TReport? Report { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public string FilterDescription { get; private set; } = "";
    public DateOnly Today => me.Today;

    /// <summary>Talento Humano issues the report of this consolidation (Consulta only reads the issued ones).</summary>
    public bool MayIssue => me.IsTalentoHumano;

    /// <summary>This page's address, e.g. /Reports/Stage2.</summary>
    public abstract string PageUrl { get; }

    protected abstract string AuditEntity { get; }

    /// <summary>Reads the report: the summary and one page of the list (no page: only the summary, for the .xlsx).</summary>
    protected abstract Task<TReport> BuildAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today,
        IReadOnlyList<DependencyNode> tree, int? page, CancellationToken ct);

    protected abstract int RowCount(TReport report);

    /// <summary>The .xlsx, whose list of servants is streamed from one query while it is written.</summary>
    protected abstract Egi.Web.Reports.XlsxWorkbook Xlsx(TReport report, EgiDbContext db);

    protected abstract Paging PagingOf(TReport report);

    protected abstract string FileName(TReport report);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ReportPages.Parse(PageText), ct);
        if (Report is null) return;
        db.Audit(AuditActions.Read, AuditEntity, Id(Period!.Id), AuditSummary(Report, "Consulta en pantalla"));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IActionResult> OnPostXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(null, ct);
        if (Report is null) return Page();
        var file = Egi.Web.Reports.XlsxDownload.ToTempFile(Xlsx(Report, db));
        db.Audit(AuditActions.Export, AuditEntity, Id(Period!.Id), AuditSummary(Report, "Descarga .xlsx"));
        await db.SaveChangesAsync(ct);
        return File(file, Egi.Web.Reports.XlsxWorkbook.ContentType, FileName(Report));
    }

    private async Task LoadAsync(int? page, CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        Dependencies = await DependencyNodes.LoadAsync(db, ct);

        Period = ReportPages.ChoosePeriod(Periods, PeriodText, Errors);

        Filter = Stage1Filter.Parse(DependencyText, null, null, Dependencies.Select(d => d.Id).ToList(), Errors);
        if (OffersEarlyWarnings) Filter = Filter with { EarlyWarningsOnly = Stage1Filter.ParseEarlyWarnings(EarlyWarningsText, Errors) };
        FilterDescription = Stage1Text.Describe(Filter, Dependencies.ToDictionary(d => d.Id, d => d.Name));
        if (Period is null || Errors.Count > 0) return;
        Report = await BuildAsync(db, Period, Filter, me.Today, Dependencies, page, ct);
    }

    private string AuditSummary(TReport r, string what) =>
        $"{what} de la {Period!.Name}: {NumberText.Count(RowCount(r))} servidores ({FilterDescription}).";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public string? Err(string field) => Errors.GetValueOrDefault(field);

    public string? SelectedPeriod => Period?.Id.ToString(CultureInfo.InvariantCulture) ?? PeriodText;

    public string? SelectedDependency => Filter?.DependencyId?.ToString(CultureInfo.InvariantCulture) ?? DependencyText;

    /// <summary>The page navigation of the list of servants (same period and dependencia).</summary>
    public PagerModel Pager() => new(PagingOf(Report!), page => ReportPages.Url(PageUrl, new Dictionary<string, string?>
    {
        ["vigencia"] = Id(Period!.Id),
        ["dependencia"] = Filter?.DependencyId is { } d ? Id(d) : null,
        ["alertas"] = EarlyWarningsOnly ? "1" : null,
        ["pagina"] = Id(page),
    }), "Páginas de la lista de servidores");
}

/// <summary>What the shared filter form (_ConsolidationFilters) and the nav between reports need.</summary>
public interface IConsolidationFilters
{
    string PageUrl { get; }
    IReadOnlyList<Period> Periods { get; }
    IReadOnlyList<DependencyNode> Dependencies { get; }
    Dictionary<string, string> Errors { get; }
    string? SelectedPeriod { get; }
    string? SelectedDependency { get; }
    bool OffersEarlyWarnings { get; }
    bool EarlyWarningsOnly { get; }
    string? Err(string field);
}
