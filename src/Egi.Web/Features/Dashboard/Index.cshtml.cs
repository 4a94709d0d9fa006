using Egi.Web.Features.Shared;
using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Dashboard;

/// <summary>The dashboard (SPEC §5), for Talento Humano and Consulta (folder policy): five charts of the chosen period and their .xlsx.</summary>
public sealed class IndexModel(EgiDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public DashboardData? Data { get; private set; }
    public string? PeriodError { get; private set; }
    public string? SelectedPeriod => Data?.Period.Id.ToString(CultureInfo.InvariantCulture) ?? PeriodText;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Data is null) return;
        db.Audit(AuditActions.Read, DashboardData.AuditEntity, Id(Data.Period.Id), $"Consulta en pantalla del tablero de la {Data.Period.Name}.");
        await db.SaveChangesAsync(ct);
    }

    public async Task<IActionResult> OnPostXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Data is null) return Page();
        var bytes = DashboardXlsx.Write(Data);
        db.Audit(AuditActions.Export, DashboardData.AuditEntity, Id(Data.Period.Id), $"Descarga .xlsx del tablero de la {Data.Period.Name} ({Data.Charts.Count} gráficos).");
        await db.SaveChangesAsync(ct);
        return File(bytes, Egi.Web.Reports.XlsxWorkbook.ContentType, DashboardXlsx.FileName(Data));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        Period? period = null;
        if (string.IsNullOrWhiteSpace(PeriodText)) period = ReportPages.DefaultPeriod(Periods);
        else if (int.TryParse(PeriodText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Periods.FirstOrDefault(p => p.Id == id) is { } chosen)
            period = chosen;
        else PeriodError = SharedMessages.PeriodNotFound;
        if (period is null) return;
        Data = await DashboardData.BuildAsync(db, period, me.Today, ct);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
