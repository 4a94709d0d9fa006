using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Improvement;

/// <summary>
/// Talento Humano: who requires an individual improvement plan in a period and why (SPEC §6 rule from the period's
/// settings), adding or removing a person with a reason (audited), and «Enviar formato» (activity 18).
/// </summary>
public sealed class CandidatesModel(EgiDbContext db, CurrentUser me, ImprovementService service, ServantChoices choices, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public int? PeriodId { get; set; }

    /// <summary>The page of «Requieren plan» asked for in the address («pagina»).</summary>
    [BindProperty(SupportsGet = true, Name = "pagina")]
    public string? PageText { get; set; }

    [BindProperty]
    public int? ServantId { get; set; }

    public DateOnly Today => me.Today;

    /// <summary>What was typed in the «Persona» picker's search box (resolved when nothing was chosen in the list).</summary>
    [BindProperty]
    public string? ServantSearch { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public Period? Period { get; private set; }

    /// <summary>One page of who requires a plan, by «apellidos, nombres» (<see cref="ListedPaging"/>: all of them).</summary>
    public IReadOnlyList<Candidate> Listed { get; private set; } = [];

    public Paging ListedPaging { get; private set; } = Paging.Of(1, 0);
    public IReadOnlyList<Candidate> Excluded { get; private set; } = [];
    public int Finished { get; private set; }

    /// <summary>EDL results of the period's year (career servants), imported at /Improvement/EdlImport.</summary>
    public int EdlResults { get; private set; }

    /// <summary>Of all who require a plan, those whose format was not sent yet.</summary>
    public int PendingFormats { get; private set; }

    /// <summary>The person chosen to add, when the form is shown again (a reason was missing).</summary>
    public IReadOnlyList<ServantChoice> Chosen { get; private set; } = [];

    /// <summary>What the «Persona» search typed without choosing matched, when it matched several (listed in the picker).</summary>
    public IReadOnlyList<ServantChoice> Found { get; private set; } = [];

    /// <summary>The address of this page on page <paramref name="page"/> of «Requieren plan».</summary>
    public string PageUrl(int page) => ReportPages.Url("/Improvement/Candidates", new Dictionary<string, string?>
    {
        ["vigencia"] = Period?.Id.ToString(CultureInfo.InvariantCulture),
        ["pagina"] = page <= 1 ? null : page.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>Which form the errors belong to: «quitar-{id}» or «agregar».</summary>
    public string? ErrorForm { get; private set; }

    public const string AuditEntity = "Requieren plan de mejoramiento";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        await LoadAsync(ct);
        // SPEC §9: the list names servants with their scores and EDL results: its reads are audited.
        if (Period is not null)
        {
            db.Audit(AuditActions.Read, AuditEntity, Period.Id.ToString(CultureInfo.InvariantCulture),
                $"Consulta de «Requieren plan» de la {Period.Name}: página {ListedPaging.Page} de {ListedPaging.PageCount} ({ListedPaging.TotalRows} personas).");
            await db.SaveChangesAsync(ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostExcludeAsync(CancellationToken ct) => await ManualAsync(exclude: true, ct);

    public async Task<IActionResult> OnPostIncludeAsync(CancellationToken ct) => await ManualAsync(exclude: false, ct);

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        await LoadAsync(ct);
        if (Period is null) return Page();
        if (ModelState.RefusedAsClosed(Period)) return Page();
        if (!Period.IsOpen(Stage.Improvement, me.Today))
        {
            var window = Period.Window(Stage.Improvement);
            ModelState.AddModelError(string.Empty, ImprovementMessages.FormatsOutsideWindow(ProcessPeriod.Date(window.Start), ProcessPeriod.Date(window.End)));
            return Page();
        }
        var sent = await service.SendFormatsAsync(Period, ImprovementAccess.ActorOf(me), ct);
        TempData["Mensaje"] = sent == 0
            ? ImprovementMessages.NoFormatToSend
            : ImprovementMessages.FormatsSent(sent);
        return RedirectToPage("./Candidates", new { vigencia = Period.Id });
    }

    private async Task<IActionResult> ManualAsync(bool exclude, CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        await LoadAsync(ct);
        if (Period is null) return Page();
        ErrorForm = exclude ? $"quitar-{ServantId}" : "agregar";
        if (ModelState.RefusedAsClosed(Period)) return Page();
        var servantId = ServantId;
        if (!exclude && servantId is null && !string.IsNullOrWhiteSpace(ServantSearch))
        {
            var (match, error, found) = await choices.ResolveAsync(ServantSearch, "Persona", null, me.Today, ct);
            if (match is null)
            {
                Found = found;
                ModelState.AddModelError(nameof(ServantId), error!);
                return Page();
            }
            servantId = match.Id;
        }
        // The one person chosen, read with what the rule needs: removed only from the list, added only when they may be.
        var candidate = servantId is { } id ? (await service.CandidatesOfAsync(Period, [id], ct)).SingleOrDefault() : null;
        if (candidate is not null && !exclude)
            (ServantId, ServantSearch, Chosen) = (candidate.Servant.Id, null, [ServantChoice.Of(candidate.Servant, me.Today)]);
        if (candidate is null || (exclude ? !candidate.Listed : !ImprovementService.CanBeAdded(candidate)))
        {
            ModelState.AddModelError(nameof(ServantId), exclude ? ImprovementMessages.ChoosePersonFromList : ImprovementMessages.ChooseCandidate);
            return Page();
        }
        var (plan, created) = service.PlanFor(Period, candidate);
        if (plan is null)
        {
            foreach (var e in created.Errors) ModelState.AddModelError(e.Field, e.Message);
            return Page();
        }
        var before = new { plan.Excluded, plan.Reasons, plan.ManualReason };
        var actor = ImprovementAccess.ActorOf(me);
        var outcome = exclude ? plan.Exclude(Period, actor, Reason, Now) : plan.Include(Period, actor, Reason, Now);
        if (!outcome.Succeeded)
        {
            if (plan.Id == 0) db.Set<ImprovementPlan>().Remove(plan);
            foreach (var e in outcome.Errors) ModelState.AddModelError(e.Field, e.Message);
            return Page();
        }
        plan.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        db.Audit(exclude ? "Quitar de planes" : "Agregar a planes", "Plan de mejoramiento", plan.Id.ToString(CultureInfo.InvariantCulture),
            $"{(exclude ? "Retiró" : "Agregó")} a {candidate.Servant.FullName} ({Period.Name}). Motivo: {plan.ManualReason}",
            before, new { plan.Excluded, plan.Reasons, plan.ManualReason });
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = exclude
            ? ImprovementMessages.RemovedFromPlans(candidate.Servant.FullName, Period.Name)
            : ImprovementMessages.AddedToPlans(candidate.Servant.FullName, Period.Name);
        return RedirectToPage("./Candidates", new { vigencia = Period.Id });
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task LoadAsync(CancellationToken ct)
    {
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(ct);
        var finishedIn = await db.Evaluations.Where(e => e.State == EvaluationState.Finalized).Select(e => e.PeriodId).Distinct().ToListAsync(ct);
        Period = Periods.FirstOrDefault(p => p.Id == PeriodId) ?? Periods.FirstOrDefault(p => finishedIn.Contains(p.Id)) ?? Periods.FirstOrDefault();
        if (Period is null) return;
        // Counted, filtered, ordered and paged in the database; only the page's people (and those removed) are read whole.
        var period = Period;
        var listed = service.ListedIds(period);
        ListedPaging = Paging.Of(ReportPages.Parse(PageText), await listed.CountAsync(ct));
        PendingFormats = await service.PendingFormatIds(period, listed).CountAsync(ct);
        var page = await db.Servants.Where(s => listed.Contains(s.Id)).OrderBy(s => s.SortKey).ThenBy(s => s.Id)
            .Skip(ListedPaging.Skip).Take(ListedPaging.PageSize).Select(s => s.Id).ToListAsync(ct);
        Listed = await service.CandidatesOfAsync(period, page, ct);
        var removed = await db.Set<ImprovementPlan>().Where(p => p.PeriodId == period.Id && p.Excluded).Select(p => p.ServantId).ToListAsync(ct);
        Excluded = (await service.CandidatesOfAsync(period, removed, ct)).OrderBy(c => c.Servant.SortKey, StringComparer.Ordinal).ToList();
        Finished = await db.Evaluations.CountAsync(e => e.PeriodId == period.Id && e.State == EvaluationState.Finalized, ct);
        EdlResults = await db.Set<EdlResult>().CountAsync(r => r.Year == period.Year, ct);
    }
}
