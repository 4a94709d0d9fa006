using Egi.Domain.Competencies;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Competencies;

/// <summary>Talento Humano adds an active entry at the end of a group; it gets the group's next code.</summary>
public sealed class AddModel(EgiDbContext db) : PageModel
{
    public CompetencyGroup Group { get; private set; }

    [BindProperty]
    public CompetencyInput Input { get; set; } = new();

    public IActionResult OnGet(string group) => Parse(group) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string group, CancellationToken ct)
    {
        if (!Parse(group)) return NotFound();
        var catalogue = CompetencyEntry.ToCatalogue(await db.CompetencyEntries.AsNoTracking().ToListAsync(ct));
        ModelState.Clear();
        var outcome = catalogue.Add(Group, Input.Name, Input.Definition, Input.Behaviors, out var added);
        if (!outcome.Succeeded || added is null)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            return Page();
        }
        db.CompetencyEntries.Add(CompetencyEntry.From(added));
        db.Audit("Crear", "Competencia", added.Code, $"Agregó la competencia {added.Code} «{added.Name}» a «{Competency.GroupLabel(Group)}».",
            null, new { added.Name, added.Definition, Behaviors = added.BehaviorsText });
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = CompetencyMessages.Added(added.Name, added.Code, Competency.GroupLabel(Group));
        return RedirectToPage("./Index");
    }

    private bool Parse(string group)
    {
        if (!Enum.TryParse<CompetencyGroup>(group, ignoreCase: true, out var g) || !Enum.IsDefined(g) || int.TryParse(group, out _)) return false;
        Group = g;
        return true;
    }
}
