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
        if (ModelState.RefusedAsClosed(Period)) return Page();
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
        var others = Plan.Items.Where(i => i.Id != (Item?.Id ?? 0)).Select(i => PlanItem.NormalizeCode(i.Code).ToUpperInvariant()).ToHashSet();
        var errors = PlanItem.Validate(Form.Code, Form.Name, Form.Description, responsible,
            code => others.Contains(code.ToUpperInvariant()), d => Dependencies.Any(x => x.Id == d));
        if (errors.Count > 0)
        {
            ModelState.AddFieldErrors(errors, "Form");
            return Page();
        }
        var item = Item ?? new PlanItem { PlanId = Plan.Id };
        var before = Item is null ? null : new { Item.Code, Item.Name, Item.Description, Item.ResponsibleDependencyId };
        item.Code = PlanItem.NormalizeCode(Form.Code);
        item.Name = Form.Name!.Trim();
        item.Description = (Form.Description ?? "").Trim();
        item.ResponsibleDependencyId = responsible;
        if (Item is null) db.Add(item);
        await db.SaveChangesAsync(ct);
        db.Audit(Item is null ? "Crear" : "Modificar", PlanQueries.AuditItem, PlanQueries.Id(item.Id), $"{Plan.Name}: {item.Code} — {item.Name}",
            before, new { item.Code, item.Name, item.Description, item.ResponsibleDependencyId });
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
            Item = await db.Set<PlanItem>().FirstOrDefaultAsync(i => i.Id == itemId, ct);
            if (Item is null) return false;
            planId = Item.PlanId;
        }
        else if (PlanId is { } p) planId = p;
        else return false;
        var plan = await db.Set<InstitutionalPlan>().AsNoTracking().Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == planId, ct);
        if (plan is null) return false;
        Plan = plan;
        Period = await db.Periods.AsNoTracking().FirstAsync(p => p.Id == plan.PeriodId, ct);
        return true;
    }
}
