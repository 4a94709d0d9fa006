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
/// Stage-1 consolidation (activity 7), for Talento Humano and Consulta (the /Reports folder's policy): the summary
/// per dependencia and the list of servants of a period, with filters, and the same report as .xlsx.
/// Every view with data is recorded in the audit trail («Consultar»), and so is every download («Exportar»).
/// Filters are text (never a binding error): a bad value gets a Spanish message next to its field.
/// </summary>
public sealed class Stage1Model(EgiDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true, Name = "dependencia")]
    public string? DependencyText { get; set; }

    [BindProperty(SupportsGet = true, Name = "estado")]
    public string? StatusText { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    /// <summary>The page of the list of servants (text: anything else than a number shows the first page).</summary>
    [BindProperty(SupportsGet = true, Name = "pagina")]
    public string? PageText { get; set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public IReadOnlyList<DependencyNode> Dependencies { get; private set; } = [];
    public Period? Period { get; private set; }
    public Stage1Report? Report { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public string FilterDescription { get; private set; } = "";
    public DateOnly Today => me.Today;

    /// <summary>Talento Humano issues the report of this consolidation (Consulta only reads the issued ones).</summary>
    public bool MayIssue => me.IsTalentoHumano;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ReportPages.Parse(PageText), ct);
        if (Report is null) return;
        db.Audit(AuditActions.Read, Stage1Report.AuditEntity, Id(Report.Period.Id), AuditSummary(Report, "Consulta en pantalla"));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IActionResult> OnPostXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(null, ct);
        if (Report is null) return Page();
        var file = XlsxDownload.ToTempFile(Stage1Xlsx.Workbook(Report, db));
        db.Audit(AuditActions.Export, Stage1Report.AuditEntity, Id(Report.Period.Id), AuditSummary(Report, "Descarga .xlsx"));
        await db.SaveChangesAsync(ct);
        return File(file, XlsxWorkbook.ContentType, Stage1Xlsx.FileName(Report));
    }

    private async Task LoadAsync(int? page, CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        Dependencies = await DependencyNodes.LoadAsync(db, ct);

        Period = ReportPages.ChoosePeriod(Periods, PeriodText, Errors);

        var filter = Stage1Filter.Parse(DependencyText, StatusText, Q, Dependencies.Select(d => d.Id).ToList(), Errors);
        FilterDescription = Stage1Text.Describe(filter, Dependencies.ToDictionary(d => d.Id, d => d.Name));
        if (Period is null || Errors.Count > 0) return;
        Report = await Stage1Report.BuildAsync(db, Period, filter, me.Today, Dependencies, page, ct);
    }

    private string AuditSummary(Stage1Report r, string what) =>
        $"{what} de la {r.Period.Name}: {NumberText.Count(r.RowCount)} de {NumberText.Count(r.AllCount)} servidores ({FilterDescription}).";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public string? Err(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The selected period's id for the form (the typed text when it was not valid).</summary>
    public string? SelectedPeriod => Period?.Id.ToString(CultureInfo.InvariantCulture) ?? PeriodText;

    /// <summary>The address of another page of the list, with the same period and filters.</summary>
    public string PageUrl(int page)
    {
        var r = Report!;
        var query = new Dictionary<string, string?>
        {
            ["vigencia"] = Id(r.Period.Id),
            ["dependencia"] = r.Filter.DependencyId is { } d ? Id(d) : null,
            ["estado"] = r.Filter.Status is { } s ? Stage1Text.Key(s) : null,
            ["q"] = r.Filter.Text.Length > 0 ? r.Filter.Text : null,
            ["pagina"] = Id(page),
        };
        return ReportPages.Url("/Reports/Stage1", query);
    }
}
