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

namespace Egi.Web.Features.WorkPlan;

/// <summary>The annual work plan of the system (activity 3): Talento Humano edits, Planeación and Consulta read.</summary>
public sealed class IndexModel(EgiDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public sealed record Line(WorkPlanActivity Activity, LiveProgress? Live);

    public Period? Period { get; private set; }
    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public AnnualWorkPlan? Plan { get; private set; }
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public bool MayEdit => me.IsTalentoHumano && ReadOnlyReason is null;

    /// <summary>Why the period's work plan cannot change (it is closed); null while it can.</summary>
    public string? ReadOnlyReason => Period is null ? null : ProcessPeriod.ReadOnlyReason(Period);

    public async Task OnGetAsync(int? periodId, CancellationToken ct) => await LoadAsync(periodId, ct);

    /// <summary>Creates the plan of the period pre-filled with the 20 activities of the procedure.</summary>
    public async Task<IActionResult> OnPostCreateAsync(int periodId, CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        var period = await db.Periods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null) return NotFound();
        if (await db.Set<AnnualWorkPlan>().AnyAsync(p => p.PeriodId == periodId, ct))
        {
            TempData["Mensaje"] = WorkPlanMessages.AlreadyExists(period.Name);
            return RedirectToPage(new { periodId });
        }
        // The plan refuses a closed period (read-only).
        var (plan, created) = AnnualWorkPlan.PreFilled(period, clock.GetUtcNow().UtcDateTime, me.DisplayName);
        if (plan is null)
        {
            TempData["Mensaje"] = created.Errors[0].Message;
            return RedirectToPage(new { periodId });
        }
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        db.Audit("Crear", AuditEntity, plan.Id.ToString(CultureInfo.InvariantCulture),
            $"Plan de trabajo de la {period.Name} con las {plan.Activities.Count} actividades del procedimiento");
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = WorkPlanMessages.Created(period.Name);
        return RedirectToPage(new { periodId });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int activityId, CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        var plan = await db.Set<AnnualWorkPlan>().Include(p => p.Activities).FirstOrDefaultAsync(p => p.Activities.Any(a => a.Id == activityId), ct);
        if (plan is null) return NotFound();
        var activity = plan.Activities.First(a => a.Id == activityId);
        var period = await db.Periods.AsNoTracking().FirstAsync(p => p.Id == plan.PeriodId, ct);
        // The plan refuses a closed period (read-only) and an activity of another plan.
        var removed = plan.RemoveActivity(period, activity);
        if (!removed.Succeeded)
        {
            TempData["Mensaje"] = removed.ToString();
            return RedirectToPage(new { periodId = plan.PeriodId });
        }
        db.Audit("Eliminar", ActivityAuditEntity, activity.Id.ToString(CultureInfo.InvariantCulture),
            $"Actividad eliminada del plan de trabajo: «{Short(activity.Name)}»", activity.Snapshot());
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = WorkPlanMessages.ActivityDeleted(Short(activity.Name));
        return RedirectToPage(new { periodId = plan.PeriodId });
    }

    public async Task<IActionResult> OnGetXlsxAsync(int? periodId, CancellationToken ct)
    {
        await LoadAsync(periodId, ct);
        if (Period is null || Plan is null) return RedirectToPage(new { periodId });
        var book = new XlsxWorkbook().AddSheet("Plan de trabajo",
        [
            new("N.º del procedimiento", XlsxKind.Integer), new("Actividad", Width: 60), new("Responsable", Width: 30),
            new("Inicio", XlsxKind.Date), new("Fin", XlsxKind.Date), new("Estado"), new("% de avance", XlsxKind.Percent),
            new("Avance en el sistema", XlsxKind.Percent), new("Detalle del avance en el sistema", Width: 50), new("Observaciones", Width: 50),
        ], Lines.Select(l => (IReadOnlyList<object?>)
        [
            l.Activity.ProcedureNumber, l.Activity.Name, l.Activity.Responsible, l.Activity.Start, l.Activity.End,
            l.Activity.Status.Label(), l.Activity.PercentDone, l.Live?.Percent, l.Live?.Detail, l.Activity.Observations,
        ]));
        db.Audit("Exportar", AuditEntity, Plan.Id.ToString(CultureInfo.InvariantCulture), $"Descarga .xlsx del plan de trabajo de la {Period.Name}");
        await db.SaveChangesAsync(ct);
        return File(book.ToBytes(), XlsxWorkbook.ContentType, $"plan-de-trabajo-{Period.Year}.xlsx");
    }

    public const string AuditEntity = "Plan de trabajo anual";
    public const string ActivityAuditEntity = "Actividad del plan de trabajo";

    public static string Short(string s) => s.Length <= 80 ? s : s[..77] + "…";

    private async Task LoadAsync(int? periodId, CancellationToken ct)
    {
        (Period, Periods) = await ProcessPeriod.PickAsync(db, periodId, me.Today, ct);
        if (Period is null) return;
        Plan = await db.Set<AnnualWorkPlan>().AsNoTracking().Include(p => p.Activities).FirstOrDefaultAsync(p => p.PeriodId == Period.Id, ct);
        if (Plan is null) return;
        var live = await WorkPlanProgress.MeasureAsync(db, Period, clock.GetUtcNow(), Plan.CreatedAt, ct);
        Lines = Plan.Activities.OrderBy(a => a.Order).ThenBy(a => a.Id)
            .Select(a => new Line(a, a.ProcedureNumber is { } n && live.TryGetValue(n, out var p) ? p : null)).ToList();
    }
}
