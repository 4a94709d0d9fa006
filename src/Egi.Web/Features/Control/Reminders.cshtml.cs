using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Control;

/// <summary>
/// The record of every reminder sent (the procedure's «Registro: correos electrónicos» of activities 17 and 20),
/// manual or automatic, filtered by period, stage, origin and dates; on screen and as .xlsx (audited).
/// </summary>
public sealed class RemindersModel(EgiDbContext db) : PageModel
{
    public const string AuditEntity = "Registro de recordatorios";

    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true, Name = "etapa")]
    public string? StageText { get; set; }

    [BindProperty(SupportsGet = true, Name = "origen")]
    public string? OriginText { get; set; }

    [BindProperty(SupportsGet = true, Name = "desde")]
    public string? FromText { get; set; }

    [BindProperty(SupportsGet = true, Name = "hasta")]
    public string? ToText { get; set; }

    public sealed record Row(DateTime SentAt, string Period, string Stage, string Origin, string Recipient, string Email, string Role, string Subject, string SentBy, int? EvaluationId);

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];

    public string? Err(string field) => Errors.GetValueOrDefault(field);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Errors.Count > 0) return;
        db.Audit(AuditActions.Read, AuditEntity, "", $"Consulta en pantalla del registro de recordatorios: {Rows.Count} recordatorios.");
        await db.SaveChangesAsync(ct);
    }

    public async Task<IActionResult> OnPostXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Errors.Count > 0) return Page();
        var bytes = new XlsxWorkbook().AddSheet("Recordatorios", Columns, Rows.Select(Cells)).ToBytes();
        db.Audit(AuditActions.Export, AuditEntity, "", $"Descarga .xlsx del registro de recordatorios: {Rows.Count} recordatorios.");
        await db.SaveChangesAsync(ct);
        return File(bytes, XlsxWorkbook.ContentType, "recordatorios.xlsx");
    }

    public static IReadOnlyList<XlsxColumn> Columns { get; } =
    [
        new("Fecha y hora", XlsxKind.Text, 17),
        new("Vigencia", XlsxKind.Text, 16),
        new("Etapa", XlsxKind.Text, 40),
        new("Origen", XlsxKind.Text, 12),
        new("Destinatario", XlsxKind.Text, 30),
        new("Correo", XlsxKind.Text, 30),
        new("Rol", XlsxKind.Text, 20),
        new("Asunto", XlsxKind.Text, 60),
        new("Enviado por", XlsxKind.Text, 30),
    ];

    public static IReadOnlyList<object?> Cells(Row r) =>
        [DateText.When(r.SentAt), r.Period, r.Stage, r.Origin, r.Recipient, r.Email, r.Role, r.Subject, r.SentBy];

    private static DateOnly? ParseDate(string? text, string field, string label, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (FormInput.TryParseDate(text, out var d)) return d;
        errors[field] = ControlMessages.FilterDateInvalid(label);
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        int? periodId = null;
        if (!string.IsNullOrWhiteSpace(PeriodText))
        {
            if (int.TryParse(PeriodText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Periods.Any(p => p.Id == id)) periodId = id;
            else Errors["vigencia"] = ControlMessages.FilterPeriodNotFound;
        }
        Stage? stage = null;
        if (!string.IsNullOrWhiteSpace(StageText))
        {
            if (int.TryParse(StageText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && Enum.IsDefined((Stage)s)) stage = (Stage)s;
            else Errors["etapa"] = ControlMessages.FilterStageNotFound;
        }
        ReminderOrigin? origin = OriginText?.Trim() switch
        {
            null or "" => null,
            "manual" => ReminderOrigin.Manual,
            "automatico" => ReminderOrigin.Automatic,
            _ => Invalid(),
        };
        var from = ParseDate(FromText, "desde", "Desde", Errors);
        var to = ParseDate(ToText, "hasta", "Hasta", Errors);
        if (from is { } f && to is { } t && f > t) Errors["hasta"] = ControlMessages.FilterToBeforeFrom;
        if (Errors.Count > 0) return;

        var query = db.Set<ReminderRecord>().AsNoTracking();
        if (periodId is { } pid) query = query.Where(r => r.PeriodId == pid);
        if (stage is { } st) query = query.Where(r => r.Stage == st);
        if (origin is { } o) query = query.Where(r => r.Origin == o);
        // Dates are Bogotá days: from 00:00 Bogotá (05:00 UTC) of «desde» to the end of «hasta».
        if (from is { } fd) query = query.Where(r => r.SentAt >= fd.ToDateTime(new TimeOnly(5, 0)));
        if (to is { } td) query = query.Where(r => r.SentAt < td.AddDays(1).ToDateTime(new TimeOnly(5, 0)));
        var records = await query.OrderByDescending(r => r.SentAt).ThenByDescending(r => r.Id).ToListAsync(ct);
        var names = Periods.ToDictionary(p => p.Id, p => p.Name);
        Rows = records.Select(r => new Row(r.SentAt, names.GetValueOrDefault(r.PeriodId, ""),
            r.Topic == ReminderTopic.ImprovementPlan ? "Mejoramiento individual (plan)" : r.Stage?.Label() ?? "—",
            ControlMessages.OriginLabel(r.Origin), r.RecipientName, r.RecipientEmail, ControlMessages.RoleLabel(r.RecipientRole), r.Subject, r.SentBy, r.EvaluationId)).ToList();

        ReminderOrigin? Invalid()
        {
            Errors["origen"] = ControlMessages.FilterOriginNotFound;
            return null;
        }
    }
}
