using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Improvement;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
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
        PlanStatus Status, int Progress, int Overdue, int Aspects, bool IsLate, PlanWindowState Window, DateOnly? ReopenedUntil, bool CanRemind)
    {
        /// <summary>Pre-selected for Talento Humano's reminder: late, and a reminder can reach it (its steps open).</summary>
        public bool PreSelected => CanRemind && IsLate;

        /// <summary>What the «Estado» column says of the stage's window beside the plan's state; null when nothing to say.</summary>
        public string? WindowNote => Status == PlanStatus.Closed ? null : Window switch
        {
            PlanWindowState.Closed => "Etapa cerrada",
            PlanWindowState.ReopenedForPerson => $"Reabierta hasta el {ReopenedUntil:dd/MM/yyyy}",
            _ => null,
        };
    }

    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public int? PeriodId { get; set; }

    /// <summary>The page of the period's plans asked for in the address («pagina»).</summary>
    [BindProperty(SupportsGet = true, Name = "pagina")]
    public string? PageText { get; set; }

    [BindProperty]
    public List<long> Selected { get; set; } = [];

    /// <summary>The period's plans: <see cref="All"/> is one page of them, by «apellidos, nombres».</summary>
    public Paging AllPaging { get; private set; } = Paging.Of(1, 0);

    public string PageUrl(int page) => ReportPages.Url("/Improvement", new Dictionary<string, string?>
    {
        ["vigencia"] = Period?.Id.ToString(CultureInfo.InvariantCulture),
        ["pagina"] = page <= 1 ? null : page.ToString(CultureInfo.InvariantCulture),
    });

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public Period? Period { get; private set; }
    public IReadOnlyList<Row> Mine { get; private set; } = [];
    public IReadOnlyList<Row> MyEvaluados { get; private set; } = [];
    public IReadOnlyList<Row> All { get; private set; } = [];
    public bool SeesAll => me.CanReadReports;

    /// <summary>The chosen period's «Mejoramiento individual» window and whether its steps are open today (the list's header).</summary>
    public string? WindowSummary => Period is null ? null : ImprovementMessages.StageWindow(Period, me.Today);

    public bool IsTalentoHumano => me.IsTalentoHumano;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // SPEC §9: a read of the period's list (every servant's plan, Talento Humano and Consulta) is audited; one's own
        // plans and one's evaluados' are not a report.
        if (!SeesAll || Period is null) return;
        db.Audit(AuditActions.Read, AuditEntity, Period.Id.ToString(CultureInfo.InvariantCulture),
            $"Consulta de los planes de mejoramiento de la {Period.Name}: página {AllPaging.Page} de {AllPaging.PageCount} ({AllPaging.TotalRows} planes).");
        await db.SaveChangesAsync(ct);
    }

    public const string AuditEntity = "Planes de mejoramiento";

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
        // Mine and my evaluados' (few, every period); of the period's, one page ordered and paged in the database.
        var own = myId is null ? [] : await query.Where(p => p.ServantId == myId || p.EvaluatorId == myId).ToListAsync(ct);
        var page = new List<ImprovementPlan>();
        if (SeesAll && Period is not null)
        {
            var period = Period;
            var ofPeriod = query.Where(p => p.PeriodId == period.Id);
            AllPaging = Paging.Of(ReportPages.Parse(PageText), await ofPeriod.CountAsync(ct));
            if (AllPaging.TotalRows > 0)
                page = await ofPeriod.Join(db.Servants, p => p.ServantId, s => s.Id, (p, s) => new { Plan = p, s.SortKey })
                    .OrderBy(x => x.SortKey).ThenBy(x => x.Plan.Id).Skip(AllPaging.Skip).Take(AllPaging.PageSize).Select(x => x.Plan).ToListAsync(ct);
        }
        var plans = own.Concat(page).ToList();
        // Only the people these plans name, and their dependencias.
        var peopleIds = plans.Select(p => p.ServantId).Concat(plans.Where(p => p.EvaluatorId != null).Select(p => p.EvaluatorId!.Value)).Distinct().ToList();
        var servants = await db.Servants.AsNoTracking().Where(s => peopleIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var dependencyIds = servants.Values.Select(s => s.DependencyId).Distinct().ToList();
        var dependencies = await db.Dependencies.AsNoTracking().Where(d => dependencyIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var periods = Periods.ToDictionary(p => p.Id);
        var today = me.Today;
        Row RowOf(ImprovementPlan p)
        {
            var s = servants[p.ServantId];
            var boss = p.EvaluatorId is { } b && servants.TryGetValue(b, out var bs) ? bs.FullName : "";
            var period = periods[p.PeriodId];
            return new Row(p.Id, period.Name, s.FullName, s.DocumentNumber, dependencies.GetValueOrDefault(s.DependencyId, ""), boss,
                p.Status, p.Progress, p.OverdueAspects(today).Count, p.Aspects.Count, p.IsLate(today),
                p.WindowState(period, today), p.ReopenedUntil, p.CanBeReminded(period, today));
        }
        var rows = own.Select(p => (Plan: p, Row: RowOf(p))).OrderBy(x => x.Row.Servant, StringComparer.CurrentCulture).ToList();
        Mine = rows.Where(x => x.Plan.ServantId == myId && x.Plan.Status != PlanStatus.Required).Select(x => x.Row).ToList();
        MyEvaluados = rows.Where(x => x.Plan.EvaluatorId == myId && x.Plan.ServantId != myId && x.Plan.Status != PlanStatus.Required).Select(x => x.Row).ToList();
        All = page.Select(RowOf).ToList();
    }
}
