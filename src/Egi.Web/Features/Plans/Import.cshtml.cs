using Egi.Domain.Directory;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Egi.Web.Infrastructure.Import;

namespace Egi.Web.Features.Plans;

/// <summary>
/// Import of the items of one plan (<c>?plan=</c>) from .xlsx or .csv, as the servant import does it: upload → every
/// row checked → errors by row and column, or a preview → confirmation, which checks the kept file again and applies
/// it in one transaction, or nothing. Planeación and Talento Humano only.
/// </summary>
[UploadLimit(UploadKind.Sheet)]
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.Plans)]
public sealed class ImportModel(EgiDbContext db, CurrentUser me, IConfiguration config, IHostEnvironment env,
    Microsoft.Extensions.Options.IOptionsSnapshot<UploadOptions> uploads, ILogger<ImportModel> logger) : SheetImportPageModel(config, env)
{
    public const int MaxErrorsShown = 500;

    [BindProperty(SupportsGet = true, Name = "plan")]
    public int? PlanId { get; set; }

    public InstitutionalPlan Plan { get; private set; } = null!;
    public PlanItemImportPlan? Result { get; private set; }
    public IReadOnlyList<Dependency> Dependencies { get; private set; } = [];
    public Egi.Domain.Calendar.Period Period { get; private set; } = null!;

    /// <summary>Why the plan cannot change (its period is closed); null while it can.</summary>
    public string? ReadOnlyReason => ProcessPeriod.ReadOnlyReason(Period);

    private bool CanEdit => me.IsTalentoHumano || me.IsPlaneacion;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var dependencies = await db.Dependencies.AsNoTracking().ToListAsync(ct);
        return File(PlanTemplate.Xlsx(dependencies), Egi.Web.Reports.XlsxWorkbook.ContentType, PlanTemplate.XlsxFileName);
    }

    public async Task<IActionResult> OnGetTemplateCsvAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var dependencies = await db.Dependencies.AsNoTracking().ToListAsync(ct);
        return File(PlanTemplate.Csv(dependencies), "text/csv; charset=utf-8", PlanTemplate.CsvFileName);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.Clear();
        Token = null;
        if (ModelState.RefusedAsClosed(Period)) return Page();
        var upload = await SpreadsheetReader.ReadUploadAsync(Upload, PlanMessages.ImportFileMissing, logger, PlanTemplate.PreferredSheet,
            uploads.Value.BytesOf(UploadKind.Sheet), ct);
        FileName = upload.FileName;
        var (bytes, content) = (upload.Bytes, upload.Content);
        if (upload.WasRead)
        {
            db.Audit("Cargar archivo", PlanQueries.AuditItem, PlanQueries.Id(Plan.Id), $"{Plan.Name}: {SpreadsheetReader.AuditSummary(upload)}");
            await db.SaveChangesAsync(ct);
        }
        if (content.Error is { } error)
        {
            ModelState.AddModelError(nameof(Upload), error);
            return Page();
        }
        Result = PlanItemImport.Plan(content.Rows, Plan.Items, Dependencies);
        if (Result.IsValid)
        {
            Token = await Pending.SaveAsync(bytes, FileName, ct);
            Fingerprint = Result.Fingerprint;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.Clear();
        if (ModelState.RefusedAsClosed(Period))
        {
            DiscardPending();
            return Page();
        }
        if (await LoadPendingAsync(ct) is not { } pending) return Page();
        FileName = pending.FileName;
        var content = SpreadsheetReader.Read(pending.Content, logger, PlanTemplate.PreferredSheet, uploads.Value.BytesOf(UploadKind.Sheet));
        if (content.Error is { } error)
        {
            Pending.Delete(Token);
            Token = null;
            ModelState.AddModelError(nameof(Upload), error);
            return Page();
        }
        Result = PlanItemImport.Plan(content.Rows, Plan.Items, Dependencies);
        if (!Result.IsValid)
        {
            Pending.Delete(Token);
            Token = null;
            return Page();
        }
        if (Result.Fingerprint != Fingerprint)
        {
            PlanChanged = true;
            Fingerprint = Result.Fingerprint;
            return Page();
        }

        var outcome = Plan.ImportItems(Period, Result);
        if (!outcome.Succeeded)
        {
            DiscardPending();
            ModelState.AddFieldErrors(outcome.Errors, "");
            return Page();
        }
        db.Audit("Importar", PlanQueries.AuditItem, PlanQueries.Id(Plan.Id),
            $"{Plan.Name}: «{(FileName.Length > 60 ? FileName[..60] : FileName)}», {Result.Creates.Count} creados, {Result.Updates.Count} actualizados, {Result.Unchanged.Count} sin cambios",
            null, new { Creates = Result.Creates.Select(c => $"{c.Code} — {c.Name}").ToList(), Updates = Result.Updates.Select(u => new { u.Code, u.Changes }).ToList() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            logger.LogWarning(e, "Plan item import could not be saved");
            ModelState.AddModelError(string.Empty, PlanMessages.ImportConcurrentChange);
            return Page();
        }
        Pending.Delete(Token);
        TempData["Mensaje"] = PlanMessages.ImportApplied(FileName, Result.Creates.Count, Result.Updates.Count, Result.Unchanged.Count);
        return RedirectToPage("./Details", new { id = Plan.Id });
    }

    public IActionResult OnPostCancel()
    {
        if (!CanEdit) return Forbid();
        Pending.Delete(Token);
        TempData["Mensaje"] = PlanMessages.ImportCancelled;
        return PlanId is { } id ? RedirectToPage("./Details", new { id }) : RedirectToPage("./Index");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (PlanId is not { } id) return false;
        // The plan is the aggregate its items change through (a confirmation applies the import to it): read tracked.
        var plan = await db.Set<InstitutionalPlan>().Include(p => p.Items).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return false;
        Plan = plan;
        Period = await db.Periods.AsNoTracking().FirstAsync(p => p.Id == plan.PeriodId, ct);
        Dependencies = await db.Dependencies.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        return true;
    }
}
