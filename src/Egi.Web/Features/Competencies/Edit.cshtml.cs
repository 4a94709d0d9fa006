using Egi.Domain.Competencies;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Competencies;

/// <summary>The name and definition a person types for a catalogue entry.</summary>
public sealed class CompetencyInput
{
    public string? Name { get; set; }
    public string? Definition { get; set; }
}

/// <summary>Talento Humano changes the name and definition of one entry (its code and group never change).</summary>
public sealed class EditModel(EgiDbContext db) : PageModel
{
    public Competency Entry { get; private set; } = null!;

    [BindProperty]
    public CompetencyInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var catalogue = await IndexModel.LoadAsync(db, ct);
        if (catalogue.Find(code) is not { } entry) return NotFound();
        Entry = entry;
        Input = new CompetencyInput { Name = entry.Name, Definition = entry.Definition };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var entries = await db.CompetencyEntries.ToListAsync(ct);
        var catalogue = CompetencyEntry.ToCatalogue(entries);
        if (catalogue.Find(code) is not { } entry) return NotFound();
        Entry = entry;
        var before = new { entry.Name, entry.Definition };
        ModelState.Clear();
        var outcome = catalogue.Edit(entry.Code, Input.Name, Input.Definition);
        if (!outcome.Succeeded)
        {
            ModelState.AddFieldErrors(outcome.Errors);
            return Page();
        }
        var row = entries.Single(e => e.Code == entry.Code);
        row.Name = entry.Name;
        row.Definition = entry.Definition;
        db.Audit("Modificar", "Competencia", row.Code, $"Modificó la competencia {row.Code} «{row.Name}».", before, new { row.Name, row.Definition });
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = $"Se guardó la competencia «{row.Name}».";
        return RedirectToPage("./Index");
    }
}
