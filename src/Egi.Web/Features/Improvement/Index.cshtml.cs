using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Improvement;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Improvement;

/// <summary>
/// «Mejoramiento individual»: what this person may see — their own plan, the plans of their evaluados, and for Talento
/// Humano and Consulta all the plans of a period with progress, overdue actions and status; Talento Humano reminds the
/// late ones (activity 20).
/// </summary>
public sealed class IndexModel(EgiDbContext db, CurrentUser me, ImprovementService service) : PageModel
{
    public sealed record Row(long Id, string Period, string Servant, string Document, string Dependency, string Boss,
        PlanStatus Status, int Progress, int Overdue, int Aspects)
    {
        /// <summary>Late: an action past its end date below 100 %, or not agreed yet.</summary>
        public bool IsLate => Overdue > 0 || Status is PlanStatus.FormatSent or PlanStatus.Filling;
    }

    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public int? PeriodId { get; set; }

    [BindProperty]
    public List<long> Selected { get; set; } = [];

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public Period? Period { get; private set; }
    public IReadOnlyList<Row> Mine { get; private set; } = [];
    public IReadOnlyList<Row> MyEvaluados { get; private set; } = [];
    public IReadOnlyList<Row> All { get; private set; } = [];
    public bool SeesAll => me.CanReadReports;
    public bool IsTalentoHumano => me.IsTalentoHumano;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRemindAsync(CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        await LoadAsync(ct);
        if (Period is null) return Page();
        if (Selected.Count == 0)
        {
            ModelState.AddModelError(nameof(Selected), ImprovementMessages.ChoosePlans);
            return Page();
        }
        var sent = await service.RemindAsync(Period, Selected, me.Principal.Identity?.Name ?? me.DisplayName, me.Today, ct);
        TempData["Mensaje"] = sent == 0
            ? ImprovementMessages.NoReminderSent
            : ImprovementMessages.RemindersSent(sent);
        return RedirectToPage("./Index", new { vigencia = Period.Id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        var withPlans = await db.Set<ImprovementPlan>().Select(p => p.PeriodId).Distinct().ToListAsync(ct);
        Period = Periods.FirstOrDefault(p => p.Id == PeriodId) ?? Periods.FirstOrDefault(p => withPlans.Contains(p.Id)) ?? Periods.FirstOrDefault();
        var myId = me.ServantId;
        var query = db.Set<ImprovementPlan>().AsNoTracking().Where(p => !p.Excluded);
        var plans = SeesAll && Period is not null
            ? await query.Where(p => p.PeriodId == Period.Id || p.ServantId == myId || p.EvaluatorId == myId).ToListAsync(ct)
            : myId is null ? [] : await query.Where(p => p.ServantId == myId || p.EvaluatorId == myId).ToListAsync(ct);
        var servants = await db.Servants.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var dependencies = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var periods = Periods.ToDictionary(p => p.Id, p => p.Name);
        var today = me.Today;
        Row RowOf(ImprovementPlan p)
        {
            var s = servants[p.ServantId];
            var boss = p.EvaluatorId is { } b && servants.TryGetValue(b, out var bs) ? bs.FullName : "";
            return new Row(p.Id, periods.GetValueOrDefault(p.PeriodId, ""), s.FullName, s.DocumentNumber, dependencies.GetValueOrDefault(s.DependencyId, ""), boss,
                p.Status, p.Progress, p.OverdueAspects(today).Count, p.Aspects.Count);
        }
        var rows = plans.Select(p => (Plan: p, Row: RowOf(p))).OrderBy(x => x.Row.Servant, StringComparer.CurrentCulture).ToList();
        Mine = rows.Where(x => myId is not null && x.Plan.ServantId == myId && x.Plan.Status != PlanStatus.Required).Select(x => x.Row).ToList();
        MyEvaluados = rows.Where(x => myId is not null && x.Plan.EvaluatorId == myId && x.Plan.ServantId != myId && x.Plan.Status != PlanStatus.Required).Select(x => x.Row).ToList();
        All = SeesAll && Period is not null ? rows.Where(x => x.Plan.PeriodId == Period.Id).Select(x => x.Row).ToList() : [];
    }
}
