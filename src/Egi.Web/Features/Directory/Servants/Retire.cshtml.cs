using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Servants;

/// <summary>Registers (or corrects) the fecha de retiro. The row is never deleted: the history stays.</summary>
public sealed class RetireModel(EgiDbContext db, CurrentUser me, EvaluatorChanges evaluatorChanges, AccountAdministration accounts) : PageModel
{
    public const int ReasonMax = 500;

    [BindProperty]
    public RetireInput Input { get; set; } = new();

    public Servant Servant { get; private set; } = null!;

    /// <summary>"true" for aria-invalid when the field has an error, else null.</summary>
    public string? Invalid(string field) =>
        ModelState.TryGetValue("Input." + field, out var entry) && entry.Errors.Count > 0 ? "true" : null;

    /// <summary>Active people whose jefe inmediato is this servant: they keep the link and must be reassigned.</summary>
    public IReadOnlyList<Servant> ActiveReports { get; private set; } = [];

    public sealed class RetireInput
    {
        [Display(Name = "Fecha de retiro")]
        public string? RetirementDate { get; set; }

        [Display(Name = "Motivo (opcional)")]
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: false, ct)) return NotFound();
        Input = new RetireInput { RetirementDate = ServantForm.IsoDate(Servant.RetirementDate ?? me.Today) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: true, ct)) return NotFound();
        var text = Input.RetirementDate?.Trim();
        var reason = Input.Reason?.Trim() ?? "";
        DateOnly date = default;
        if (string.IsNullOrEmpty(text))
            ModelState.AddModelError("Input.RetirementDate", DirectoryMessages.RetirementDateMissing);
        else if (!FormInput.TryParseDate(text, out date))
            ModelState.AddModelError("Input.RetirementDate", DirectoryMessages.RetirementDateInvalid(text));
        else if (date < Servant.HireDate)
            ModelState.AddModelError("Input.RetirementDate", DirectoryMessages.RetirementBeforeHire(Servant.HireDate));
        if (reason.Length > ReasonMax)
            ModelState.AddModelError("Input.Reason", DirectoryMessages.ReasonTooLong(ReasonMax));
        if (ModelState.ErrorCount == 0 && Servant.SelfRetirementRefusal(me.ServantId) is { } own)
            ModelState.AddModelError("Input.RetirementDate", own);
        if (ModelState.ErrorCount == 0 && await accounts.RetirementRefusalAsync(Servant.Id, ct) is { } lastHr)
            ModelState.AddModelError("Input.RetirementDate", lastHr);
        if (ModelState.ErrorCount > 0) return Page();

        var previous = Servant.RetirementDate;
        Servant.RetirementDate = date;
        var summary = $"Retiro de {Servant.FullName} ({Servant.DocumentNumber}) desde el {DateText.Date(date)}"
            + (previous is { } p && p != date ? $" (antes: {DateText.Date(p)})" : "")
            + (reason.Length > 0 ? $". Motivo: {reason}" : ".");
        db.Audit("Retirar", AuditEntities.Servant, ServantLookups.Id(Servant.Id), summary,
            new { RetirementDate = previous }, new { RetirementDate = date, Motivo = reason });
        await db.SaveChangesAsync(ct);
        // On or after its date the retiro takes effect now (evaluation closed, partials owed, account locked); a future
        // retiro is applied by the daily job on its date.
        var evaluations = await evaluatorChanges.SyncRetirementAsync(Servant.Id, ct);

        TempData["Mensaje"] = DirectoryMessages.RetirementRecorded(Servant.FullName, date, ActiveReports.Count)
            + (evaluations is null ? "" : " " + evaluations);
        return RedirectToPage("./Details", new { id = Servant.Id });
    }

    private async Task<bool> LoadAsync(int id, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Servants : db.Servants.AsNoTracking();
        var servant = await query.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (servant is null) return false;
        Servant = servant;
        var today = me.Today;
        ActiveReports = (await db.Servants.AsNoTracking().Where(s => s.BossId == id).ToListAsync(ct))
            .Where(s => !s.IsRetired(today))
            .OrderBy(ServantLookups.SortName, ServantLookups.NameOrder).ToList();
        return true;
    }
}
