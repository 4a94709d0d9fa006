using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Dependencies;

public sealed class CreateModel(EgiDbContext db, CurrentUser me) : PageModel, IDependencyFormPage
{
    [BindProperty]
    public DependencyInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> ParentOptions { get; private set; } = [];

    public async Task OnGetAsync(int? parentId, CancellationToken ct)
    {
        Input.ParentId = parentId;
        await LoadOptionsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        DependencyForm.SpanishBindingErrors(ModelState);
        if (ModelState.IsValid)
            ModelState.AddFieldErrors(await DependencyForm.ValidateAsync(db, 0, Input, me.Today, ct));
        if (!ModelState.IsValid)
        {
            await LoadOptionsAsync(ct);
            return Page();
        }

        var dependency = new Dependency();
        DependencyForm.Apply(dependency, Input);
        db.Dependencies.Add(dependency);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DependencyForm.IsDuplicateCode(e))
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Code", DirectoryMessages.DependencyCodeTaken(Input.Code));
            await LoadOptionsAsync(ct);
            return Page();
        }
        TempData["Mensaje"] = DirectoryMessages.DependencyCreated(dependency.Code, dependency.Name);
        return RedirectToPage("./Index");
    }

    private async Task LoadOptionsAsync(CancellationToken ct) =>
        ParentOptions = DependencyForm.ParentOptions(DependencyTree.Build(await db.Dependencies.AsNoTracking().ToListAsync(ct)), 0);
}
