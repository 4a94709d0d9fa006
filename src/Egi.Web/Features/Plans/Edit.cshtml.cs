using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Plans;

/// <summary>Creates a plan in a period (<c>?vigencia=</c>) or edits one (<c>/Plans/Edit/5</c>). Planeación and Talento Humano only.</summary>
public sealed class EditModel(EgiDbContext db, CurrentUser me) : PageModel
{
    public sealed class PlanForm
    {
        public string? Kind { get; set; }
        public string? DependencyId { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    [BindProperty]
    public PlanForm Form { get; set; } = new();

    public Period Period { get; private set; } = null!;
    public InstitutionalPlan? Plan { get; private set; }
    public IReadOnlyList<Dependency> Dependencies { get; private set; } = [];

    /// <summary>Why the plan cannot change (its period is closed); null while it can.</summary>
    public string? ReadOnlyReason => ProcessPeriod.ReadOnlyReason(Period);

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!me.IsTalentoHumano && !me.IsPlaneacion) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Plan is not null)
            Form = new PlanForm
            {
                Kind = ((int)Plan.Kind).ToString(CultureInfo.InvariantCulture),
                DependencyId = Plan.DependencyId?.ToString(CultureInfo.InvariantCulture),
                Name = Plan.Name,
                Description = Plan.Description,
            };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!me.IsTalentoHumano && !me.IsPlaneacion) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        PlanKind? kind = int.TryParse(Form.Kind, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && Enum.IsDefined((PlanKind)k) ? (PlanKind)k : null;
        int? dependencyId = null;
        if (!string.IsNullOrWhiteSpace(Form.DependencyId))
        {
            if (int.TryParse(Form.DependencyId, NumberStyles.None, CultureInfo.InvariantCulture, out var d)) dependencyId = d;
            else
            {
                ModelState.AddModelError("Form.DependencyId", PlanMessages.DependencyNotFound);
                return Page();
            }
        }
        var others = await db.Set<InstitutionalPlan>().AsNoTracking().Where(p => p.PeriodId == Period.Id && p.Id != (id ?? 0)).ToListAsync(ct);
        var names = Dependencies.ToDictionary(x => x.Id, x => x.Name);
        var values = new PlanValues(kind, dependencyId, Form.Name, Form.Description);
        var before = Plan is null ? null : new { Plan.Kind, Plan.DependencyId, Plan.Name, Plan.Description };
        var (plan, outcome) = Plan is null
            ? InstitutionalPlan.Create(Period, values, others, x => names.GetValueOrDefault(x))
            : (Plan, Plan.Change(Period, values, others, x => names.GetValueOrDefault(x)));
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, "Form");
            return Page();
        }
        if (Plan is null) db.Add(plan!);
        await db.SaveChangesAsync(ct);
        db.Audit(Plan is null ? "Crear" : "Modificar", PlanQueries.AuditPlan, PlanQueries.Id(plan!.Id), $"{plan.Kind.Label()}: {plan.Name} ({Period.Name})",
            before, new { plan.Kind, plan.DependencyId, plan.Name, plan.Description });
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = Plan is null ? PlanMessages.PlanCreated(plan.Name) : PlanMessages.PlanSaved(plan.Name);
        return RedirectToPage("./Details", new { id = plan.Id });
    }

    private async Task<bool> LoadAsync(int? id, CancellationToken ct)
    {
        Dependencies = await db.Dependencies.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        int periodId;
        if (id is { } planId)
        {
            Plan = await db.Set<InstitutionalPlan>().FirstOrDefaultAsync(p => p.Id == planId, ct);
            if (Plan is null) return false;
            periodId = Plan.PeriodId;
        }
        else if (!int.TryParse(PeriodText, NumberStyles.None, CultureInfo.InvariantCulture, out periodId)) return false;
        var period = await db.Periods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null) return false;
        Period = period;
        return true;
    }
}
