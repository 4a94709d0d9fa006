using Egi.Web.Features.Shared;
using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Control;

/// <summary>
/// Control points (activity 17): for a period and stage, who is late and who is close to the deadline, on whom it waits,
/// and the action to remind them. Talento Humano and Consulta see it (folder policy); only Talento Humano sends.
/// </summary>
public sealed class IndexModel(EgiDbContext db, CurrentUser me, TimeProvider clock, Notifier notifier, EmailTemplates templates) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true, Name = "etapa")]
    public string? StageText { get; set; }

    /// <summary>The evaluations selected to remind.</summary>
    [BindProperty(Name = "seleccion")]
    public List<int> Selection { get; set; } = [];

    /// <summary>"atrasados" and/or "proximos": every row of that list, with or without JavaScript.</summary>
    [BindProperty(Name = "todos")]
    public List<string> All { get; set; } = [];

    /// <summary>The page of «Atrasados» asked for in the address.</summary>
    [BindProperty(SupportsGet = true, Name = "pagina-atrasados")]
    public string? LatePageText { get; set; }

    /// <summary>The page of «Plazo por vencer» asked for in the address.</summary>
    [BindProperty(SupportsGet = true, Name = "pagina-proximos")]
    public string? SoonPageText { get; set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public ControlPoints? Points { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public bool CanSend => me.IsTalentoHumano;
    public DateOnly Today => me.Today;

    [TempData]
    public string? StatusMessage { get; set; }

    public string? SelectedPeriod => Points?.Period.Id.ToString(CultureInfo.InvariantCulture) ?? PeriodText;
    public string? SelectedStage => Points is { } p ? ((int)p.Stage).ToString(CultureInfo.InvariantCulture) : StageText;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Points is null) return;
        db.Audit(AuditActions.Read, ControlMessages.ControlAuditEntity, Points.Period.Id.ToString(CultureInfo.InvariantCulture),
            $"Consulta de «{Points.Stage.Label()}» de la {Points.Period.Name}: {Points.Late.Count} atrasados, {Points.Soon.Count} por vencer.");
        await db.SaveChangesAsync(ct);
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        await LoadAsync(ct);
        if (Points is null) return Page();
        // Every row of a list chosen with «Seleccionar todos», on every page, and the rows chosen one by one: one query.
        var rows = await Points.SelectedAsync(Selection, All.Contains("atrasados"), All.Contains("proximos"), ct);
        if (rows.Count == 0)
        {
            Errors["seleccion"] = ControlMessages.ChooseRecipients;
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var sentBy = User.Identity?.Name ?? me.DisplayName;
        var sent = await Points.RemindAsync(rows, notifier, templates, ReminderOrigin.Manual, sentBy, now, ct);
        db.Audit(ControlMessages.SendAction, ControlMessages.AuditEntity, Points.Period.Id.ToString(CultureInfo.InvariantCulture),
            $"{sent} recordatorio(s) de «{Points.Stage.Label()}» de la {Points.Period.Name}.");
        await db.SaveChangesAsync(ct);
        StatusMessage = ControlMessages.RemindersSent(sent);
        return RedirectToPage(new { vigencia = Points.Period.Id, etapa = (int)Points.Stage });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        Period? period = null;
        period = ReportPages.ChoosePeriod(Periods, PeriodText, Errors);

        Stage? stage = null;
        if (!string.IsNullOrWhiteSpace(StageText))
        {
            if (int.TryParse(StageText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && ControlPoints.Stages.Contains((Stage)s)) stage = (Stage)s;
            else Errors["etapa"] = ControlMessages.StageNotFound;
        }
        if (period is null || Errors.Count > 0) return;
        Points = await ControlPoints.BuildAsync(db, period, stage ?? ControlPoints.DefaultStage(period, me.Today), me.Today,
            ReportPages.Parse(LatePageText), ReportPages.Parse(SoonPageText), ct);
    }

    public string? Err(string field) => Errors.GetValueOrDefault(field);

    /// <summary>This page's address with <paramref name="key"/>'s list on page <paramref name="page"/> (the other list keeps its page).</summary>
    public string PageUrl(string key, int page) => ReportPages.Url("/Control", new Dictionary<string, string?>
    {
        ["vigencia"] = SelectedPeriod,
        ["etapa"] = SelectedStage,
        ["pagina-atrasados"] = key == "atrasados" ? PageText(page) : PageText(Points?.Late.Paging.Page ?? 1),
        ["pagina-proximos"] = key == "proximos" ? PageText(page) : PageText(Points?.Soon.Paging.Page ?? 1),
    });

    private static string? PageText(int page) => page <= 1 ? null : page.ToString(CultureInfo.InvariantCulture);
}
