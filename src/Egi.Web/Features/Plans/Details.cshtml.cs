using Egi.Web.Features.Shared;
using Egi.Domain.Calendar;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Plans;

/// <summary>
/// One plan and its items, with how many goals link to each. Planeación and Talento Humano add, edit, import and
/// delete items (an item a goal links to cannot be deleted) and delete the plan (only when no goal links to it).
/// </summary>
public sealed class DetailsModel(EgiDbContext db, CurrentUser me) : PageModel
{
    public sealed record ItemRow(PlanItem Item, string Responsible, int Goals);

    public InstitutionalPlan Plan { get; private set; } = null!;
    public Period Period { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<ItemRow> Items { get; private set; } = [];
    public bool CanEdit => me.IsTalentoHumano || me.IsPlaneacion;

    /// <summary>Why the plan cannot change (its period is closed); null while it can.</summary>
    public string? ReadOnlyReason => ProcessPeriod.ReadOnlyReason(Period);

    /// <summary>Whether the page offers the plan's changes: the person may edit plans and its period is not closed.</summary>
    public bool Editable => CanEdit && ReadOnlyReason is null;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDeleteItemAsync(int id, int itemId, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(id, ct, tracked: true)) return NotFound();
        var row = Items.FirstOrDefault(i => i.Item.Id == itemId);
        if (row is null)
        {
            ModelState.AddModelError(string.Empty, PlanMessages.ItemAlreadyGone);
            return Page();
        }
        var item = row.Item;
        var outcome = Plan.RemoveItem(Period, item, row.Goals);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, "");
            return Page();
        }
        db.Audit("Eliminar", PlanQueries.AuditItem, PlanQueries.Id(item.Id), $"{Plan.Name}: {item.Code} — {item.Name}", item.ToValues());
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = PlanMessages.ItemDeleted(item.Code, item.Name);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(id, ct, tracked: true)) return NotFound();
        var outcome = Plan.CheckDeletion(Period, Items.Sum(i => i.Goals));
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, "");
            return Page();
        }
        var plan = Plan;
        db.Remove(plan);
        db.Audit("Eliminar", PlanQueries.AuditPlan, PlanQueries.Id(plan.Id), $"{plan.Kind.Label()}: {plan.Name} ({Period.Name}), con {plan.Items.Count} ítems",
            new { plan.Kind, plan.DependencyId, plan.Name, Items = plan.Items.Select(i => $"{i.Code} — {i.Name}").ToList() });
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = PlanMessages.PlanDeleted(plan.Name);
        return RedirectToPage("./Index", new { vigencia = Period.Id });
    }

    /// <summary>The plan and its items (tracked when a handler changes them), its period, and the goals each item has.</summary>
    private async Task<bool> LoadAsync(int id, CancellationToken ct, bool tracked = false)
    {
        var plans = db.Set<InstitutionalPlan>().Include(p => p.Items);
        var plan = await (tracked ? plans : plans.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return false;
        Plan = plan;
        Period = await db.Periods.AsNoTracking().FirstAsync(p => p.Id == plan.PeriodId, ct);
        var dependencies = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => $"{d.Code} — {d.Name}", ct);
        Title = PlanQueries.PlanTitle(plan, plan.DependencyId is { } d ? dependencies.GetValueOrDefault(d) : null);
        var (goals, _) = await PlanQueries.GoalsPerItemAsync(db, plan.PeriodId, plan.Id, ct);
        var planDependency = plan.DependencyId is { } pd ? dependencies.GetValueOrDefault(pd) : null;
        Items = plan.Items
            .OrderBy(i => i.Code, NaturalCode.Comparer)
            .Select(i => new ItemRow(i,
                i.ResponsibleDependencyId is { } r ? dependencies.GetValueOrDefault(r, "") : planDependency ?? "Toda la entidad",
                goals.GetValueOrDefault(i.Id)))
            .ToList();
        return true;
    }
}
