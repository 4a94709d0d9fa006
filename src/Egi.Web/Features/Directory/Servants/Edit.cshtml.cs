using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Servants;

public sealed class EditModel(EgiDbContext db, CurrentUser me, ServantAccounts accounts, EvaluationOpening opening)
    : ServantFormPageModel(db, me, accounts, opening)
{
    public Servant Servant { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var servant = await Db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (servant is null) return NotFound();
        Servant = servant;
        Input = ServantForm.From(servant);
        await LoadOptionsAsync(servant, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var servant = await Db.Servants.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (servant is null) return NotFound();
        Servant = servant;
        return await SaveAsync(servant, isNew: false, ct);
    }
}
