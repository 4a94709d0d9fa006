using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Periods;

public sealed class DetailsModel(EgiDbContext db, CurrentUser me, EvaluationOpening opening, TimeProvider clock,
    Egi.Web.Notifications.Notifier notifier, Egi.Web.Notifications.EmailTemplates templates, Microsoft.AspNetCore.Identity.UserManager<AppUser> users) : PageModel
{
    public Period Period { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    /// <summary>Ticked by the person to confirm opening or closing the period.</summary>
    [BindProperty]
    public bool Confirm { get; set; }

    /// <summary>Why Talento Humano reopens a closed period (required, recorded, audited and sent to the people concerned).</summary>
    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    public Task<IActionResult> OnPostOpenAsync(int id, CancellationToken ct) =>
        TransitionAsync(id, p => p.Open(), "Abrir vigencia", "abrir", PeriodMessages.Opened, ct);

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct) =>
        TransitionAsync(id, p => p.Close(), "Cerrar vigencia", "cerrar", PeriodMessages.Closed, ct);

    /// <summary>Talento Humano reopens a closed period with a reason: audited, and the people concerned are notified.</summary>
    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct) =>
        TransitionAsync(id, p => p.Reopen(Reason, me.DisplayName, clock.GetUtcNow().UtcDateTime), "Reabrir vigencia", "reabrir",
            PeriodMessages.Reopened, ct);

    private async Task<IActionResult> TransitionAsync(int id, Func<Period, Outcome> transition, string action, string verb, Func<string, string> done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var before = Period.StatusLabel(Period.Status);
        var outcome = transition(Period);
        if (outcome.Succeeded && !Confirm)
            outcome = Outcome.Refused(PeriodMessages.ConfirmationMissing(verb, Period.Name), nameof(Confirm));
        if (!outcome.Succeeded)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            foreach (var e in outcome.Errors) ModelState.AddModelError(e.Field, e.Message);
            return Page();
        }
        var reopened = action == "Reabrir vigencia" ? Period.Reopenings[^1] : null;
        db.Audit(action, "Vigencia", Period.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            reopened is null ? Period.Name : $"{Period.Name}. Motivo: {reopened.Reason}",
            new { Estado = before }, reopened is null ? new { Estado = Period.StatusLabel(Period.Status) } : new { Estado = Period.StatusLabel(Period.Status), Motivo = reopened.Reason });
        var notified = reopened is null ? 0 : await PeriodReopeningNotice.QueueAsync(db, notifier, templates, users, Period, reopened, ct);
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = done(Period.Name)
            + (reopened is null ? "" : PeriodMessages.PeopleNotified(notified));
        // Opening creates the period's evaluations; a reopening only lets the existing ones change again.
        if (Period.Status == PeriodStatus.Open && reopened is null)
        {
            var opened = await opening.OpenAllAsync(Period, ct);
            TempData["Mensaje"] += PeriodMessages.EvaluationsOpened(opened.Created)
                + (opened.WithoutEvaluator.Count > 0 ? PeriodMessages.WithoutEvaluator(opened.WithoutEvaluator) : "");
        }
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Today = me.Today;
        var period = await db.Periods.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (period is null) return false;
        Period = period;
        return true;
    }
}
