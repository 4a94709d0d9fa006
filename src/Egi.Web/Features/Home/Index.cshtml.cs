using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Home;

public sealed class IndexModel(EgiDbContext db, CurrentUser me) : PageModel
{
    public Servant? Servant { get; private set; }
    public string? DependencyName { get; private set; }
    public Servant? Boss { get; private set; }
    public Eligibility? Eligibility { get; private set; }
    public IReadOnlyList<Servant> Team { get; private set; } = [];
    public int ServantCount { get; private set; }
    public int EligibleCount { get; private set; }
    public string? CurrentPeriod { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = me.Today;
        Servant = await me.ServantAsync(ct);
        if (Servant is not null)
        {
            Eligibility = Servant.EligibilityOn(today);
            DependencyName = await db.Dependencies.Where(d => d.Id == Servant.DependencyId).Select(d => d.Name).FirstOrDefaultAsync(ct);
            if (Servant.BossId is { } b) Boss = await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == b, ct);
            Team = await db.Servants.AsNoTracking()
                .Where(s => s.BossId == Servant.Id).Where(Egi.Domain.Directory.Servant.ActiveOn(today))
                .OrderBy(s => s.LastNames).ThenBy(s => s.FirstNames).ToListAsync(ct);
        }
        if (me.IsTalentoHumano || me.IsConsulta)
        {
            // The stored headcounts per dependencia and the servants retiring after today: not a count of every servant.
            (ServantCount, EligibleCount) = await Features.Shared.DependencyHeadcounts.TotalsOnAsync(db, today, ct);
        }
        CurrentPeriod = await db.Periods.OrderByDescending(p => p.Year).Select(p => p.Name).FirstOrDefaultAsync(ct);
    }
}
