using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Improvement;

/// <summary>
/// One individual improvement plan: activity 19 (the aspects, filled by the jefe and/or the servant and confirmed by
/// both) and activity 20 (dated follow-up entries until it is closed). Authorized per plan (<see cref="ImprovementAccess"/>).
/// </summary>
public sealed class PlanModel(EgiDbContext db, CurrentUser me, TimeProvider clock, Notifier notifier, EmailTemplates templates) : PageModel
{
    public sealed class AspectRow
    {
        public string? Link { get; set; }
        public string? Aspect { get; set; }
        public string? Actions { get; set; }
        public string? ExpectedResult { get; set; }
        public string? Responsible { get; set; }
        public string? StartDate { get; set; }
        public string? EndDate { get; set; }
        public string? Resources { get; set; }
    }

    public sealed class FollowUpInput
    {
        public string? Date { get; set; }
        public string? Percent { get; set; }
        public string? Observations { get; set; }
    }

    public ImprovementPlan Plan { get; private set; } = null!;
    public Period Period { get; private set; } = null!;
    public Servant Servant { get; private set; } = null!;
    public string Boss { get; private set; } = "";
    public string Dependency { get; private set; } = "";
    public Evaluation? Evaluation { get; private set; }

    /// <summary>The EDL result of the period's year of a career servant: aspects may improve it (they have no EGI goals).</summary>
    public EdlResult? Edl { get; private set; }
    public IReadOnlyList<(string Value, string Label)> Links { get; private set; } = [];
    public bool CanEdit { get; private set; }

    /// <summary>
    /// Why the plan's steps cannot change today: its period is closed (read-only, SPEC §3), or the stage's window is
    /// closed for this person (Talento Humano may reopen it); null while they can.
    /// </summary>
    public string? ReadOnlyReason => ProcessPeriod.ReadOnlyReason(Period) ?? Plan.WindowClosedReason(Period, me.Today);

    /// <summary>Talento Humano may reopen the stage for this person: its window is closed, the period is not, the plan is not closed.</summary>
    public bool CanReopen => me.IsTalentoHumano && Period.ReadOnlyRefusal() is null && !Plan.IsWindowOpen(Period, me.Today) && Plan.Status != PlanStatus.Closed;

    public bool IsReadOnly => ReadOnlyReason is not null;
    public bool IsBoss { get; private set; }
    public bool IsServant { get; private set; }
    public DateOnly Today => me.Today;

    [BindProperty]
    public List<AspectRow> Aspects { get; set; } = [];

    [BindProperty]
    public FollowUpInput FollowUp { get; set; } = new();

    [BindProperty]
    public Guid Version { get; set; }

    public sealed class ReopenInput
    {
        public string? Reason { get; set; }
        public string? Until { get; set; }
    }

    [BindProperty]
    public ReopenInput Reopen { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        Aspects = RowsOf(Plan.Aspects);
        FollowUp = new FollowUpInput { Date = DateText.Iso(me.Today) };
        Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        if (Refusal is { } closed) return Redisplay(closed.Errors);
        var before = Plan.Aspects.ToList();
        var (aspects, parseErrors) = Parse(Aspects);
        if (parseErrors.Count > 0) return Redisplay(parseErrors, keepAspects: true);
        var goals = Evaluation?.Goals.Select(g => g.Number).ToList() ?? [];
        var competencies = Evaluation?.Competencies.Select(c => c.Competency).ToList() ?? [];
        if (Edl is not null) competencies.Add(EdlRules.AspectLink);
        var outcome = Plan.SaveAspects(Period, ImprovementAccess.ActorOf(me), aspects, goals, competencies, Now);
        if (!outcome.Succeeded) return Redisplay(outcome.Errors, keepAspects: true);
        await TellOtherPartyAsync(PlanChange.AspectsSaved, ct);
        return await SaveAsync("Modificar", "Aspectos del plan de mejoramiento guardados", before, Plan.Aspects,
            ImprovementMessages.AspectsSaved, ct, keepAspects: true);
    }

    public async Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!IsBoss && !IsServant) return Forbid();
        ModelState.Clear();
        if (Refusal is { } closed) return Redisplay(closed.Errors);
        var outcome = Plan.Confirm(Period, ImprovementAccess.ActorOf(me), Now);
        if (!outcome.Succeeded) return Redisplay(outcome.Errors);
        if (Plan.Status != PlanStatus.Agreed) await TellOtherPartyAsync(PlanChange.Confirmed, ct);
        var done = Plan.Status == PlanStatus.Agreed ? ImprovementMessages.PlanAgreed : ImprovementMessages.ConfirmedWaitingOther;
        return await SaveAsync("Confirmar", IsBoss ? "Confirmación del jefe" : "Confirmación del servidor", null, Plan.Status.Label(), done, ct);
    }

    public async Task<IActionResult> OnPostFollowUpAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        if (Refusal is { } closed) return Redisplay(closed.Errors);
        var errors = new List<FieldError>();
        DateOnly? date = null;
        int? percent = null;
        if (!string.IsNullOrWhiteSpace(FollowUp.Date))
        {
            if (FormInput.TryParseDate(FollowUp.Date, out var d)) date = d;
            else errors.Add(new("Date", ImprovementMessages.FollowUpDateInvalid));
        }
        if (!string.IsNullOrWhiteSpace(FollowUp.Percent))
        {
            if (FormInput.TryParseInt(FollowUp.Percent, out var p)) percent = p;
            else errors.Add(new("Percent", ImprovementMessages.FollowUpPercentInvalid));
        }
        if (errors.Count > 0) return Redisplay(errors, prefix: "FollowUp");
        var outcome = Plan.AddFollowUp(Period, ImprovementAccess.ActorOf(me), date, percent, FollowUp.Observations, me.Today, Now);
        if (!outcome.Succeeded) return Redisplay(outcome.Errors, prefix: "FollowUp");
        return await SaveAsync("Seguimiento", $"Seguimiento del plan: avance {Plan.Progress} %", null, Plan.FollowUps[^1],
            ImprovementMessages.FollowUpRecorded(Plan.Progress), ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!CanEdit) return Forbid();
        ModelState.Clear();
        if (Refusal is { } closed) return Redisplay(closed.Errors);
        var outcome = Plan.Close(Period, ImprovementAccess.ActorOf(me), Now);
        if (!outcome.Succeeded) return Redisplay(outcome.Errors);
        return await SaveAsync("Cerrar", "Plan de mejoramiento cerrado", null, Plan.Status.Label(), ImprovementMessages.PlanClosed, ct);
    }

    /// <summary>Talento Humano reopens the plan's steps for this person, outside the stage's window, until a day, with a reason.</summary>
    public async Task<IActionResult> OnPostReopenAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!me.IsTalentoHumano) return Forbid();
        ModelState.Clear();
        DateOnly? until = null;
        if (!string.IsNullOrWhiteSpace(Reopen.Until))
        {
            if (FormInput.TryParseDate(Reopen.Until, out var d)) until = d;
            else return Redisplay([new("Until", ImprovementMessages.ReopenUntilInvalid)], prefix: "Reopen");
        }
        var before = new { Plan.ReopenedUntil, Plan.ReopenReason };
        var outcome = Plan.ReopenWindow(Period, ImprovementAccess.ActorOf(me), Reopen.Reason, until, me.Today, Now);
        if (!outcome.Succeeded) return Redisplay(outcome.Errors, prefix: "Reopen");
        await TellReopenedAsync(ct);
        return await SaveAsync("Reabrir etapa", $"Mejoramiento individual reabierto hasta el {ProcessPeriod.Date(until!.Value)}. Motivo: {Plan.ReopenReason}",
            before, new { Plan.ReopenedUntil, Plan.ReopenReason }, ImprovementMessages.Reopened(ProcessPeriod.Date(until.Value)), ct);
    }

    public string LinkLabel(PlanAspect a) =>
        a.GoalNumber is { } g ? $"Meta {g}" + (Evaluation?.Goals.FirstOrDefault(x => x.Number == g) is { } goal ? $": {goal.Description}" : "")
        : a.Competency == EdlRules.AspectLink ? EdlRules.AspectLink
        : $"Competencia «{a.Competency}»";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The refusal of every step before its input is read: the period closed, or the stage's window closed for this person.</summary>
    private Outcome? Refusal => Period.ReadOnlyRefusal() ?? (Plan.WindowClosedReason(Period, me.Today) is { } closed ? Outcome.Refused(closed) : null);

    /// <summary>E-mail and inbox to whoever must act next on the plan: the servant when the jefe acted, else the jefe (SPEC §8).</summary>
    private async Task TellOtherPartyAsync(PlanChange what, CancellationToken ct)
    {
        var targetId = IsServant ? Plan.EvaluatorId : Plan.ServantId;
        if (targetId is not { } id || id == me.ServantId) return;
        var target = await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (target is null || string.IsNullOrWhiteSpace(target.Email)) return;
        var userId = await db.Users.Where(u => u.ServantId == id).Select(u => u.Id).FirstOrDefaultAsync(ct);
        var email = templates.ImprovementPlanUpdate(target.FullName, toBoss: id != Plan.ServantId, Servant.FullName, Period.Name, what,
            templates.Url(ImprovementService.PlanUrl(Plan.Id)));
        await notifier.QueueAsync(new Recipient(target.Email, target.FullName, userId), email, MailKind.ImprovementPlanUpdate, ct: ct);
    }

    /// <summary>E-mail and inbox to the servant and the jefe: the plan's steps are open again for them, until the day given.</summary>
    private async Task TellReopenedAsync(CancellationToken ct)
    {
        var ids = new[] { Plan.ServantId, Plan.EvaluatorId ?? Plan.ServantId }.Distinct().ToList();
        var people = await db.Servants.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => u.ServantId != null && ids.Contains(u.ServantId.Value))
            .ToDictionaryAsync(u => u.ServantId!.Value, u => u.Id, ct);
        foreach (var to in people.Where(p => !string.IsNullOrWhiteSpace(p.Email)))
        {
            var email = templates.ImprovementPlanReopened(to.FullName, toBoss: to.Id != Plan.ServantId, Servant.FullName, Period.Name,
                Plan.ReopenedUntil!.Value, Plan.ReopenReason!, templates.Url(ImprovementService.PlanUrl(Plan.Id)));
            await notifier.QueueAsync(new Recipient(to.Email, to.FullName, users.GetValueOrDefault(to.Id)), email, MailKind.ImprovementPlanUpdate, ct: ct);
        }
    }

    private async Task<IActionResult> SaveAsync(string action, string summary, object? before, object? after, string done, CancellationToken ct, bool keepAspects = false)
    {
        db.Entry(Plan).Property(p => p.Version).OriginalValue = Version;
        Plan.Version = Guid.NewGuid();
        db.Audit(action, "Plan de mejoramiento", Plan.Id.ToString(CultureInfo.InvariantCulture), $"{summary} ({Servant.FullName}, {Period.Name}).", before, after);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Redisplay([new FieldError("", ImprovementMessages.StalePlan)], keepAspects: keepAspects);
        }
        TempData["Mensaje"] = done;
        return RedirectToPage("./Plan", new { id = Plan.Id });
    }

    private PageResult Redisplay(IEnumerable<FieldError> errors, bool keepAspects = false, string prefix = "")
    {
        foreach (var e in errors)
        {
            var key = e.Field.Length == 0 ? "" : prefix.Length == 0 ? e.Field : $"{prefix}.{e.Field}";
            ModelState.AddModelError(key, e.Message);
        }
        if (!keepAspects) Aspects = RowsOf(Plan.Aspects);
        else Aspects = Padded(Aspects);
        return Page();
    }

    /// <summary>Loads the plan and its context; returns 404 or 403 when it does not exist or this person may not see it.</summary>
    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var plan = await db.Set<ImprovementPlan>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return NotFound();
        if (!ImprovementAccess.CanRead(me, plan)) return NotFound();
        Plan = plan;
        var actor = ImprovementAccess.ActorOf(me);
        CanEdit = ImprovementAccess.CanEdit(me, plan);
        IsBoss = plan.IsBoss(actor);
        IsServant = plan.IsServant(actor);
        Period = await db.Periods.AsNoTracking().SingleAsync(p => p.Id == plan.PeriodId, ct);
        Servant = await db.Servants.AsNoTracking().SingleAsync(s => s.Id == plan.ServantId, ct);
        Dependency = await db.Dependencies.Where(d => d.Id == Servant.DependencyId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        if (plan.EvaluatorId is { } b)
            Boss = (await db.Servants.AsNoTracking().Where(s => s.Id == b).Select(s => new { s.FirstNames, s.LastNames }).FirstOrDefaultAsync(ct)) is { } n
                ? $"{n.FirstNames} {n.LastNames}".Trim() : "";
        if (plan.EvaluationId is { } e) Evaluation = await db.Evaluations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == e, ct);
        var links = new List<(string, string)>();
        if (Evaluation is not null)
        {
            links.AddRange(Evaluation.OrderedGoals.Select(g => ($"G:{g.Number}", $"Meta {g.Number}: {Short(g.Description)}")));
            links.AddRange(Evaluation.Competencies.OrderBy(c => c.Value).Select(c => ($"C:{c.Competency}", $"Competencia: {c.Competency} ({ScaleLabel(c.Value)})")));
        }
        if (EdlRules.AppliesTo(Servant.EmploymentType))
            Edl = await db.Set<EdlResult>().AsNoTracking().FirstOrDefaultAsync(r => r.ServantId == plan.ServantId && r.Year == Period.Year, ct);
        if (Edl is not null) links.Add(($"C:{EdlRules.AspectLink}", $"{EdlRules.AspectLink}: {Edl.Describe()}"));
        Links = links;
        return null;
    }

    private string ScaleLabel(int value) => Period.Settings.CompetencyScale.FirstOrDefault(l => l.Value == value)?.Label ?? value.ToString(CultureInfo.InvariantCulture);

    private static string Short(string s) => s.Length <= 80 ? s : s[..77] + "…";

    private static List<AspectRow> RowsOf(IEnumerable<PlanAspect> aspects) => Padded(aspects.Select(a => new AspectRow
    {
        Link = a.GoalNumber is { } g ? $"G:{g}" : $"C:{a.Competency}",
        Aspect = a.Aspect,
        Actions = a.Actions,
        ExpectedResult = a.ExpectedResult,
        Responsible = a.Responsible,
        StartDate = a.StartDate is { } s ? DateText.Iso(s) : null,
        EndDate = a.EndDate is { } e ? DateText.Iso(e) : null,
        Resources = a.Resources,
    }).ToList());

    /// <summary>Room for two more aspects (at least three rows), without JavaScript.</summary>
    private static List<AspectRow> Padded(List<AspectRow> rows)
    {
        var filled = rows.Take(20).ToList();
        var target = Math.Max(3, filled.Count(r => !IsBlank(r)) + 2);
        while (filled.Count < target) filled.Add(new AspectRow());
        return filled;
    }

    private static bool IsBlank(AspectRow r) =>
        string.IsNullOrWhiteSpace(r.Link) && string.IsNullOrWhiteSpace(r.Aspect) && string.IsNullOrWhiteSpace(r.Actions)
        && string.IsNullOrWhiteSpace(r.ExpectedResult) && string.IsNullOrWhiteSpace(r.Responsible) && string.IsNullOrWhiteSpace(r.StartDate)
        && string.IsNullOrWhiteSpace(r.EndDate) && string.IsNullOrWhiteSpace(r.Resources);

    /// <summary>The rows as domain aspects (same indexes, so errors land on the right row); dates that are not dates are reported.</summary>
    private static (List<PlanAspect> Aspects, List<FieldError> Errors) Parse(List<AspectRow> rows)
    {
        var errors = new List<FieldError>();
        var list = new List<PlanAspect>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            DateOnly? Date(string? text, string field, string label)
            {
                if (string.IsNullOrWhiteSpace(text)) return null;
                if (FormInput.TryParseDate(text, out var d)) return d;
                errors.Add(new($"Aspects[{i}].{field}", ImprovementMessages.AspectDateInvalid(i + 1, label)));
                return null;
            }
            int? goal = null;
            string? competency = null;
            var link = (r.Link ?? "").Trim();
            if (link.StartsWith("G:", StringComparison.Ordinal) && int.TryParse(link[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var g)) goal = g;
            else if (link.StartsWith("C:", StringComparison.Ordinal) && link.Length > 2) competency = link[2..];
            list.Add(new PlanAspect
            {
                GoalNumber = goal,
                Competency = competency,
                Aspect = r.Aspect ?? "",
                Actions = r.Actions ?? "",
                ExpectedResult = r.ExpectedResult ?? "",
                Responsible = r.Responsible ?? "",
                StartDate = Date(r.StartDate, nameof(PlanAspect.StartDate), "Fecha de inicio"),
                EndDate = Date(r.EndDate, nameof(PlanAspect.EndDate), "Fecha de fin"),
                Resources = r.Resources ?? "",
            });
        }
        return (list, errors);
    }
}
