using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Improvement;

/// <summary>
/// Talento Humano: who requires an individual improvement plan in a period and why (SPEC §6 rule from the period's
/// settings), adding or removing a person with a reason (audited), and «Enviar formato» (activity 18).
/// </summary>
public sealed class CandidatesModel(EgiDbContext db, CurrentUser me, ImprovementService service, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "vigencia")]
    public int? PeriodId { get; set; }

    [BindProperty]
    public int? ServantId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public Period? Period { get; private set; }
    public IReadOnlyList<Candidate> Listed { get; private set; } = [];
    public IReadOnlyList<Candidate> Excluded { get; private set; } = [];
    public IReadOnlyList<Candidate> Addable { get; private set; } = [];
    public int Finished { get; private set; }

    /// <summary>EDL results of the period's year (career servants), imported at /Improvement/EdlImport.</summary>
    public int EdlResults { get; private set; }
    public int PendingFormats => Listed.Count(c => c.Plan is null || c.Plan.Status == PlanStatus.Required);

    /// <summary>Which form the errors belong to: «quitar-{id}» or «agregar».</summary>
    public string? ErrorForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostExcludeAsync(CancellationToken ct) => await ManualAsync(exclude: true, ct);

    public async Task<IActionResult> OnPostIncludeAsync(CancellationToken ct) => await ManualAsync(exclude: false, ct);

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        await LoadAsync(ct);
        if (Period is null) return Page();
        if (Period.ReadOnlyRefusal() is { } closed)
        {
            ModelState.AddModelError("", closed.Errors[0].Message);
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
        if (Period.ReadOnlyRefusal() is { } closed)
        {
            ModelState.AddModelError("", closed.Errors[0].Message);
            return Page();
        }
        var all = Listed.Concat(Excluded).Concat(Addable).ToList();
        var candidate = all.FirstOrDefault(c => c.Servant.Id == ServantId);
        if (candidate is null)
        {
            ModelState.AddModelError(nameof(ServantId), exclude ? ImprovementMessages.ChoosePersonFromList : ImprovementMessages.ChooseCandidate);
            return Page();
        }
        var plan = service.PlanFor(Period, candidate);
        var before = new { plan.Excluded, plan.Reasons, plan.ManualReason };
        var actor = ImprovementAccess.ActorOf(me);
        var outcome = exclude ? plan.Exclude(actor, Reason, Now) : plan.Include(actor, Reason, Now);
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
        var all = await service.CandidatesAsync(Period, ct);
        Listed = all.Where(c => c.Listed).ToList();
        Excluded = all.Where(c => c.Excluded).ToList();
        Addable = ImprovementService.Addable(all).Where(c => !c.Excluded).ToList();
        Finished = all.Count(c => c.Evaluation is not null);
        EdlResults = all.Count(c => c.Edl is not null);
    }
}
