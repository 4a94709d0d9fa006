using System.Globalization;
using Egi.Domain.Directory;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Plans;

/// <summary>Adds an item to a plan (<c>?plan=</c>) or edits one (<c>/Plans/Item/5</c>). The code is unique in its plan.</summary>
public sealed class ItemModel(EgiDbContext db, CurrentUser me) : PageModel
{
    public sealed class ItemForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? ResponsibleDependencyId { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "plan")]
    public int? PlanId { get; set; }

    [BindProperty]
    public ItemForm Form { get; set; } = new();

    public InstitutionalPlan Plan { get; private set; } = null!;
    public PlanItem? Item { get; private set; }
    public IReadOnlyList<Dependency> Dependencies { get; private set; } = [];
    public Egi.Domain.Calendar.Period Period { get; private set; } = null!;

    /// <summary>Why the plan cannot change (its period is closed); null while it can.</summary>
    public string? ReadOnlyReason => ProcessPeriod.ReadOnlyReason(Period);

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!me.IsTalentoHumano && !me.IsPlaneacion) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Item is not null)
            Form = new ItemForm
            {
                Code = Item.Code,
                Name = Item.Name,
                Description = Item.Description,
                ResponsibleDependencyId = Item.ResponsibleDependencyId?.ToString(CultureInfo.InvariantCulture),
            };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!me.IsTalentoHumano && !me.IsPlaneacion) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        int? responsible = null;
        if (!string.IsNullOrWhiteSpace(Form.ResponsibleDependencyId))
        {
            if (int.TryParse(Form.ResponsibleDependencyId, NumberStyles.None, CultureInfo.InvariantCulture, out var d)) responsible = d;
            else
            {
                ModelState.AddModelError("Form.ResponsibleDependencyId", PlanMessages.ResponsibleDependencyNotFound);
                return Page();
            }
        }
        var values = new PlanItemValues(Form.Code, Form.Name, Form.Description, responsible);
        var before = Item?.ToValues();
        PlanItem? item = Item;
        var outcome = Item is null
            ? Plan.AddItem(Period, values, d => Dependencies.Any(x => x.Id == d), out item)
            : Plan.ChangeItem(Period, Item, values, d => Dependencies.Any(x => x.Id == d));
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors, "Form");
            return Page();
        }
        await db.SaveChangesAsync(ct);
        db.Audit(Item is null ? "Crear" : "Modificar", PlanQueries.AuditItem, PlanQueries.Id(item!.Id), $"{Plan.Name}: {item.Code} — {item.Name}",
            before, item.ToValues());
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = Item is null ? PlanMessages.ItemAdded(item.Code, item.Name) : PlanMessages.ItemSaved(item.Code);
        return RedirectToPage("./Details", new { id = Plan.Id });
    }

    private async Task<bool> LoadAsync(int? id, CancellationToken ct)
    {
        Dependencies = await db.Dependencies.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        int planId;
        if (id is { } itemId)
        {
            var owner = await db.Set<PlanItem>().Where(x => x.Id == itemId).Select(x => (int?)x.PlanId).FirstOrDefaultAsync(ct);
            if (owner is null) return false;
            planId = owner.Value;
        }
        else if (PlanId is { } p) planId = p;
        else return false;
        // The plan is the aggregate its items change through: read whole and tracked.
        var plan = await db.Set<InstitutionalPlan>().Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == planId, ct);
        if (plan is null) return false;
        Plan = plan;
        Item = plan.Items.FirstOrDefault(x => x.Id == id);
        if (id is not null && Item is null) return false;
        Period = await db.Periods.AsNoTracking().FirstAsync(p => p.Id == plan.PeriodId, ct);
        return true;
    }
}
