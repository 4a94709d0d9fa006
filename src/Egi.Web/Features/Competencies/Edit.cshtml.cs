using Egi.Domain.Competencies;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Competencies;

/// <summary>The name, definition and conductas asociadas (one per line) a person types for a catalogue entry.</summary>
public sealed class CompetencyInput
{
    public string? Name { get; set; }
    public string? Definition { get; set; }
    public string? Behaviors { get; set; }
}

/// <summary>Talento Humano changes the name, definition and conductas asociadas of one entry (its code and group never change).</summary>
public sealed class EditModel(EgiDbContext db) : PageModel
{
    public Competency Entry { get; private set; } = null!;

    [BindProperty]
    public CompetencyInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var catalogue = await CompetencyCatalogueQuery.LoadAsync(db, ct);
        if (catalogue.Find(code) is not { } entry) return NotFound();
        Entry = entry;
        Input = new CompetencyInput { Name = entry.Name, Definition = entry.Definition, Behaviors = entry.BehaviorsText };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var entries = await db.CompetencyEntries.ToListAsync(ct);
        var catalogue = CompetencyEntry.ToCatalogue(entries);
        if (catalogue.Find(code) is not { } entry) return NotFound();
        Entry = entry;
        var before = new { entry.Name, entry.Definition, Behaviors = entry.BehaviorsText };
        ModelState.Clear();
        var outcome = catalogue.Edit(entry.Code, Input.Name, Input.Definition, Input.Behaviors ?? "");
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            return Page();
        }
        var row = entries.Single(e => e.Code == entry.Code);
        row.Name = entry.Name;
        row.Definition = entry.Definition;
        row.Behaviors = entry.BehaviorsText;
        db.Audit("Modificar", "Competencia", row.Code, $"Modificó la competencia {row.Code} «{row.Name}».", before, new { row.Name, row.Definition, row.Behaviors });
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = CompetencyMessages.Saved(row.Name);
        return RedirectToPage("./Index");
    }
}
