using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Dependencies;

public sealed class IndexModel(EgiDbContext db, CurrentUser me) : PageModel
{
    public DependencyTree Tree { get; private set; } = DependencyTree.Build([]);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = me.Today;
        var counts = await db.Servants
            .Where(Servant.ActiveOn(today))
            .GroupBy(s => s.DependencyId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var dependencies = await db.Dependencies.AsNoTracking().ToListAsync(ct);
        Tree = DependencyTree.Build(dependencies, counts);
    }
}
