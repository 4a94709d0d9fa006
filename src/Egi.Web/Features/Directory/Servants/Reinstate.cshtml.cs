using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Servants;

/// <summary>Reintegrar: clears the fecha de retiro (e.g. it was registered by mistake), after confirmation.</summary>
public sealed class ReinstateModel(EgiDbContext db, CurrentUser me, EvaluatorChanges evaluatorChanges, EvaluationOpening opening) : PageModel
{
    public Servant Servant { get; private set; } = null!;

    /// <summary>Why this person may not reintegrate this servant (their own record), or null.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var servant = await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (servant is null) return NotFound();
        Servant = servant;
        Refusal = servant.SelfRetirementRefusal(me.ServantId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var servant = await db.Servants.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (servant is null) return NotFound();
        Servant = servant;
        if (servant.RetirementDate is not { } previous)
        {
            TempData["Mensaje"] = DirectoryMessages.NothingToReinstate(servant.FullName);
            return RedirectToPage("./Details", new { id });
        }
        Refusal = servant.SelfRetirementRefusal(me.ServantId);
        if (Refusal is not null) return Page();
        servant.RetirementDate = null;
        db.Audit("Reintegrar", AuditEntities.Servant, ServantLookups.Id(id),
            $"Reintegro de {servant.FullName} ({servant.DocumentNumber}); se borró la fecha de retiro {DateText.Date(previous)}.",
            new { RetirementDate = previous }, new { RetirementDate = (DateOnly?)null });
        await db.SaveChangesAsync(ct);
        // The lock the retiro set on the account is lifted.
        var account = await evaluatorChanges.SyncRetirementAsync(id, ct);
        // Reinstating does not silently reopen an evaluation closed by the retiro: Talento Humano reopens it with a reason.
        var closed = await db.Evaluations.AnyAsync(e => e.EvaluadoId == id && e.State == Domain.Evaluations.EvaluationState.ClosedByRetirement, ct);
        // An open period where they have no evaluation (retired before it opened) opens one now, as for anyone who enters.
        var opened = await opening.EnsureForServantAsync(id, ct);
        TempData["Mensaje"] = DirectoryMessages.Reinstated(servant.FullName)
            + (account is null ? "" : " " + account)
            + DirectoryMessages.EvaluationsOpened(opened)
            + (closed ? DirectoryMessages.EvaluationStillClosedByRetirement : "");
        return RedirectToPage("./Details", new { id });
    }
}
