using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Egi.Web.Features.Directory.Servants;

public sealed class CreateModel(EgiDbContext db, CurrentUser me, ServantAccounts accounts, EvaluationOpening opening)
    : ServantFormPageModel(db, me, accounts, opening)
{
    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = new ServantForm { HireDate = ServantForm.IsoDate(Me.Today) };
        await LoadOptionsAsync(null, ct);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(new Servant(), isNew: true, ct);
}
