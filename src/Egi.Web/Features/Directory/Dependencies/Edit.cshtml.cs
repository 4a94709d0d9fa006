using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Dependencies;

public sealed class EditModel(EgiDbContext db, CurrentUser me) : PageModel, IDependencyFormPage
{
    [BindProperty]
    public DependencyInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> ParentOptions { get; private set; } = [];

    /// <summary>The dependencia as saved (the heading keeps its saved name while the form is corrected).</summary>
    public Dependency Saved { get; private set; } = null!;
    public string SavedPath { get; private set; } = "";
    public int ActiveServants { get; private set; }
    public int ActiveChildren { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = DependencyInput.From(Saved);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var dependency = await db.Dependencies.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dependency is null) return NotFound();

        DependencyForm.SpanishBindingErrors(ModelState);
        if (ModelState.IsValid)
            ModelState.AddFieldErrors(await DependencyForm.ValidateAsync(db, id, Input, me.Today, ct));
        if (ModelState.IsValid)
        {
            DependencyForm.Apply(dependency, Input);
            try
            {
                await db.SaveChangesAsync(ct);
                TempData["Mensaje"] = DirectoryMessages.DependencySaved(dependency.Code, dependency.Name);
                return RedirectToPage("./Index");
            }
            catch (DbUpdateException e) when (DependencyForm.IsDuplicateCode(e))
            {
                db.ChangeTracker.Clear();
                ModelState.AddModelError("Input.Code", DirectoryMessages.DependencyCodeTaken(Input.Code));
            }
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var today = me.Today;
        var all = await db.Dependencies.AsNoTracking().ToListAsync(ct);
        var tree = DependencyTree.Build(all);
        var node = tree.Ordered.FirstOrDefault(n => n.Dependency.Id == id);
        if (node is null) return false;
        Saved = node.Dependency;
        SavedPath = node.Path;
        ParentOptions = DependencyForm.ParentOptions(tree, id);
        ActiveChildren = all.Count(d => d.ParentId == id && d.Active);
        ActiveServants = await db.Servants.Where(s => s.DependencyId == id).CountAsync(Servant.ActiveOn(today), ct);
        return true;
    }
}
