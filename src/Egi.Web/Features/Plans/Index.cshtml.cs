using Egi.Domain.Calendar;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Plans;

/// <summary>
/// Activity 1 of P-TH-10: the institutional plans of a period (PND, PEI, planes de acción per dependencia) with how
/// many items each has and how many of them already have goals. Read by Talento Humano, Planeación and Consulta
/// (the folder's policy); only Planeación and Talento Humano see the buttons to change them.
/// </summary>
public sealed class IndexModel(EgiDbContext db, CurrentUser me) : PageModel
{
    public sealed record PlanRow(InstitutionalPlan Plan, string Title, int Items, int ItemsWithGoals);

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "vigencia")]
    public string? PeriodText { get; set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public Period? Period { get; private set; }
    public IReadOnlyList<PlanRow> Plans { get; private set; } = [];
    public bool CanEdit => me.IsTalentoHumano || me.IsPlaneacion;

    /// <summary>Why the period's plans cannot change (it is closed); null while they can.</summary>
    public string? ReadOnlyReason => Period is null ? null : Features.Shared.ProcessPeriod.ReadOnlyReason(Period);

    /// <summary>Whether the page offers a new plan: the person may edit plans and the period is not closed.</summary>
    public bool Editable => CanEdit && ReadOnlyReason is null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        Period = PlanQueries.Choose(Periods, PeriodText, me.Today);
        if (Period is null) return;
        var plans = await db.Set<InstitutionalPlan>().AsNoTracking().Where(p => p.PeriodId == Period.Id).ToListAsync(ct);
        var dependencies = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var counts = await PlanQueries.ItemCountsAsync(db, Period.Id, ct);
        Plans = plans
            .Select(p => (Plan: p, Counts: counts.GetValueOrDefault(p.Id)))
            .Select(x => new PlanRow(x.Plan, PlanQueries.PlanTitle(x.Plan, x.Plan.DependencyId is { } d ? dependencies.GetValueOrDefault(d) : null),
                x.Counts.Items, x.Counts.WithGoals))
            .OrderBy(r => r.Plan.Kind).ThenBy(r => r.Title, StringComparer.CurrentCulture).ToList();
    }
}
