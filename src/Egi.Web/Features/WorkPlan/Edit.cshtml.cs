using System.Globalization;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.WorkPlan;

/// <summary>Adds or changes one activity of the work plan (Talento Humano only).</summary>
public sealed class EditModel(EgiDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ActivityForm Input { get; set; } = new();

    public WorkPlanActivity? Existing { get; private set; }
    public AnnualWorkPlan Plan { get; private set; } = null!;
    public Egi.Domain.Calendar.Period Period { get; private set; } = null!;
    public string PeriodName => Period.Name;
    public int PeriodId => Period.Id;

    /// <summary>Why the work plan cannot change (its period is closed); null while it can.</summary>
    public string? ReadOnlyReason => ProcessPeriod.ReadOnlyReason(Period);

    public sealed class ActivityForm
    {
        public string? Name { get; set; }
        public string? Responsible { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Status { get; set; }
        public string? PercentDone { get; set; }
        public string? Observations { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id, int? planId, CancellationToken ct)
    {
        if (await LoadAsync(id, planId, ct) is { } refused) return refused;
        var a = Existing;
        Input = new ActivityForm
        {
            Name = a?.Name,
            Responsible = a?.Responsible ?? "Talento Humano",
            Start = a?.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            End = a?.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Status = ((int)(a?.Status ?? WorkPlanStatus.Pending)).ToString(CultureInfo.InvariantCulture),
            PercentDone = (a?.PercentDone ?? 0).ToString(CultureInfo.InvariantCulture),
            Observations = a?.Observations,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, int? planId, CancellationToken ct)
    {
        if (await LoadAsync(id, planId, ct) is { } refused) return refused;
        if (ModelState.RefusedAsClosed(Period)) return Page();
        var errors = new List<Domain.Common.FieldError>();
        DateOnly? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(Input.Start))
        {
            if (ProcessPeriod.TryParseDate(Input.Start, out var s)) start = s;
            else errors.Add(new("Start", WorkPlanMessages.StartInvalid(Input.Start)));
        }
        if (!string.IsNullOrWhiteSpace(Input.End))
        {
            if (ProcessPeriod.TryParseDate(Input.End, out var e)) end = e;
            else errors.Add(new("End", WorkPlanMessages.EndInvalid(Input.End)));
        }
        int? percent = null;
        if (!string.IsNullOrWhiteSpace(Input.PercentDone))
        {
            if (int.TryParse(Input.PercentDone.Trim().TrimEnd('%').Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p)) percent = p;
            else errors.Add(new("PercentDone", WorkPlanMessages.PercentInvalid(Input.PercentDone)));
        }
        WorkPlanStatus? status = int.TryParse(Input.Status, out var st) ? (WorkPlanStatus)st : null;
        var input = new WorkPlanActivityInput(Input.Name, Input.Responsible, start, end, status, percent, Input.Observations);
        var now = clock.GetUtcNow().UtcDateTime;
        var activity = Existing;
        var before = activity?.Snapshot();
        if (errors.Count > 0) errors.AddRange(WorkPlanRules.Validate(input).Where(v => errors.All(e => e.Field != v.Field)));
        else
        {
            // The plan checks the row (dates, status and % consistent) and places a new one after the last.
            var outcome = activity is null ? Plan.AddActivity(Period, input, now, out activity) : Plan.ChangeActivity(Period, activity, input, now);
            errors.AddRange(outcome.Errors);
        }
        if (errors.Count > 0 || activity is null)
        {
            ModelState.Clear();
            ModelState.AddFieldErrors(errors);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        db.Audit(before is null ? "Crear" : "Modificar", IndexModel.ActivityAuditEntity, activity.Id.ToString(CultureInfo.InvariantCulture),
            $"{(activity.ProcedureNumber is { } n ? $"Actividad {n}" : "Actividad agregada")}: «{IndexModel.Short(activity.Name)}» — {activity.Status.Label()}, {activity.PercentDone} %",
            before, activity.Snapshot());
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = before is null ? WorkPlanMessages.ActivityAdded : WorkPlanMessages.ActivitySaved;
        return RedirectToPage("./Index", new { periodId = PeriodId });
    }

    private async Task<IActionResult?> LoadAsync(int? id, int? planId, CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        if (id is { } activityId)
        {
            planId = await db.Set<WorkPlanActivity>().Where(a => a.Id == activityId).Select(a => (int?)a.WorkPlanId).FirstOrDefaultAsync(ct);
            if (planId is null) return NotFound();
        }
        var plan = await db.Set<AnnualWorkPlan>().Include(p => p.Activities).FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return NotFound();
        if (id is { } existing) Existing = plan.Activities.First(a => a.Id == existing);
        Plan = plan;
        Period = await db.Periods.AsNoTracking().FirstAsync(p => p.Id == plan.PeriodId, ct);
        return null;
    }
}
