using System.Globalization;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Egi.Web.Features.Audit;

/// <summary>
/// The audit trail (SPEC §9), for Talento Humano: search, pages of 50, newest first, export to .xlsx.
/// Reading this screen is not recorded (it would flood the trail); every export is.
/// </summary>
public sealed class IndexModel(EgiDbContext db) : PageModel
{
    public const int PageSize = 50;
    public const int ExportLimit = 50_000;
    public const string ExportAction = AuditActions.Export;
    public const string ExportEntity = "Auditoría";

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "accion")]
    public string? Accion { get; set; }

    [BindProperty(SupportsGet = true, Name = "entidad")]
    public string? Entidad { get; set; }

    [BindProperty(SupportsGet = true, Name = "desde")]
    public string? Desde { get; set; }

    [BindProperty(SupportsGet = true, Name = "hasta")]
    public string? Hasta { get; set; }

    /// <summary>One evaluation's timeline (its id, as text: a bad value is a Spanish message).</summary>
    [BindProperty(SupportsGet = true, Name = "evaluacion")]
    public string? Evaluacion { get; set; }

    /// <summary>Whose evaluation the timeline is, «Camila Salazar · Vigencia 2026», when <see cref="Evaluacion"/> names one that exists.</summary>
    public string? EvaluationTitle { get; private set; }

    /// <summary>Text, not int: "pagina=abc" shows page 1 instead of an English binding error.</summary>
    [BindProperty(SupportsGet = true, Name = "pagina")]
    public string? Pagina { get; set; }

    public AuditFilter Filter { get; private set; } = AuditFilter.Parse(null, null, null, null, null);
    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public IReadOnlyList<string> Entities { get; private set; } = [];

    public sealed record AuditRow(AuditEntry Entry, string LocalTime, IReadOnlyList<FieldChange> Changes);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = AuditFilter.Parse(Q, Accion, Entidad, Desde, Hasta, Evaluacion);
        await LoadChoicesAsync(ct);
        if (!Filter.IsValid) return;
        if (Filter.EvaluationId is { } evaluationId)
            EvaluationTitle = await (from e in db.Evaluations.AsNoTracking()
                                     where e.Id == evaluationId
                                     join s in db.Servants on e.EvaluadoId equals s.Id
                                     join v in db.Periods on e.PeriodId equals v.Id
                                     select s.FirstNames + " " + s.LastNames + " · " + v.Name).FirstOrDefaultAsync(ct);

        var query = Filter.Apply(db.AuditEntries.AsNoTracking());
        Total = await query.CountAsync(ct);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(Pagina, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, PageCount) : 1;
        var entries = await Newest(query).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Rows = entries.Select(e => new AuditRow(e, LocalTime(e.At), AuditChanges.Compute(e.Action, e.Before, e.After))).ToList();
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        Filter = AuditFilter.Parse(Q, Accion, Entidad, Desde, Hasta, Evaluacion);
        if (!Filter.IsValid)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }

        var entries = await Newest(Filter.Apply(db.AuditEntries.AsNoTracking())).Take(ExportLimit + 1).ToListAsync(ct);
        var truncated = entries.Count > ExportLimit;
        if (truncated) entries.RemoveAt(entries.Count - 1);

        var rows = entries.Select(e => new Dictionary<string, object?>
        {
            ["Registro"] = e.Id,
            ["Fecha y hora"] = LocalTime(e.At),
            ["Usuario"] = e.UserName,
            ["Rol"] = e.Roles,
            ["Acción"] = e.Action,
            ["Entidad"] = e.EntityType,
            ["Id"] = e.EntityId,
            ["Resumen"] = e.Summary,
            ["IP"] = e.Ip ?? "",
            ["Cambios"] = AuditChanges.AsText(AuditChanges.Compute(e.Action, e.Before, e.After)),
        });
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "Auditoría", excelType: ExcelType.XLSX, cancellationToken: ct);

        var count = entries.Count.ToString("N0", ServiceRegistration.Culture);
        db.Audit(ExportAction, ExportEntity, "",
            $"{count} {(entries.Count == 1 ? "registro" : "registros")} {Filter.Describe()}{(truncated ? $" (limitado a {ExportLimit.ToString("N0", ServiceRegistration.Culture)})" : "")}");
        await db.SaveChangesAsync(ct);

        var stamp = DateText.FileStamp(DateTimeOffset.UtcNow);
        return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"auditoria-{stamp}.xlsx");
    }

    /// <summary>Newest first; the id breaks ties of lines written in the same instant.</summary>
    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> query) =>
        query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Actions = await db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        Entities = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    /// <summary>An instant of the trail (UTC) as Bogotá reads it.</summary>
    public static string LocalTime(DateTime utc) =>
        DateText.WhenToTheSecond(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>The value to put back in a date input (yyyy-MM-dd), or what was typed when it did not parse.</summary>
    public static string? DateInputValue(DateOnly? parsed, string? typed) =>
        parsed?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? typed;

    /// <summary>Link to another page of the same search.</summary>
    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["accion"] = Accion,
            ["entidad"] = Entidad,
            ["desde"] = Desde,
            ["hasta"] = Hasta,
            ["evaluacion"] = Evaluacion,
            ["pagina"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return "/Audit" + Microsoft.AspNetCore.Http.QueryString.Create(query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
