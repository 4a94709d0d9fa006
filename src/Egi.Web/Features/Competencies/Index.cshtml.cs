using Egi.Domain.Competencies;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Competencies;

/// <summary>
/// The behavioural competency catalogue (Decreto 815 de 2018) by group, for Talento Humano: edit, add,
/// activate and deactivate entries. Deactivated entries stop applying to new ratings; codes never change.
/// </summary>
public sealed class IndexModel(EgiDbContext db) : PageModel
{
    public CompetencyCatalogue Catalogue { get; private set; } = CompetencyCatalogue.Default();

    public static IReadOnlyList<CompetencyGroup> Groups { get; } = Enum.GetValues<CompetencyGroup>();

    public async Task OnGetAsync(CancellationToken ct) => Catalogue = await CompetencyCatalogueQuery.LoadAsync(db, ct);

    public Task<IActionResult> OnPostDeactivateAsync(string code, CancellationToken ct) => SetActiveAsync(code, false, ct);

    public Task<IActionResult> OnPostActivateAsync(string code, CancellationToken ct) => SetActiveAsync(code, true, ct);

    private async Task<IActionResult> SetActiveAsync(string code, bool active, CancellationToken ct)
    {
        var entries = await db.CompetencyEntries.ToListAsync(ct);
        Catalogue = CompetencyEntry.ToCatalogue(entries);
        var outcome = active ? Catalogue.Activate(code ?? "") : Catalogue.Deactivate(code ?? "");
        if (!outcome.Succeeded)
        {
            foreach (var e in outcome.Errors) ModelState.AddModelError("", e.Message);
            return Page();
        }
        var entry = entries.Single(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase));
        entry.Active = active;
        db.Audit(active ? "Activar" : "Desactivar", "Competencia", entry.Code,
            $"{(active ? "Activó" : "Desactivó")} la competencia «{entry.Name}» ({Competency.GroupLabel(entry.Group)}).",
            new { Active = !active }, new { Active = active });
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = active ? CompetencyMessages.Activated(entry.Name) : CompetencyMessages.Deactivated(entry.Name);
        return RedirectToPage();
    }
}
