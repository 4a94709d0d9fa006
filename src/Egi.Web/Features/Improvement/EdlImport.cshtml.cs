using Egi.Domain.Improvement;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Egi.Web.Infrastructure.Import;

namespace Egi.Web.Features.Improvement;

/// <summary>
/// Talento Humano imports the results of the evaluación de desempeño laboral (EDL) of career servants from the .xlsx or
/// .csv the EDL application exports (SPEC §6, activities 18–19), as the servant import does it: upload → every row
/// checked → errors by row and column, or a preview → confirmation, which checks the kept file again and applies it in
/// one transaction, or nothing.
/// </summary>
[UploadLimit(UploadKind.Sheet)]
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.TalentoHumano)]
public sealed class EdlImportModel(EgiDbContext db, CurrentUser me, EdlImporter importer, IConfiguration config, IHostEnvironment env,
    Microsoft.Extensions.Options.IOptionsSnapshot<UploadOptions> uploads, ILogger<EdlImportModel> logger) : SheetImportPageModel(config, env)
{
    public const int MaxErrorsShown = 500;
    public const int MaxRowsShown = 1000;
    public const string PreferredSheet = "resultados edl";

    public EdlImportPlan? Result { get; private set; }

    private long MaxBytes => uploads.Value.BytesOf(UploadKind.Sheet);

    public IActionResult OnGet() => me.IsTalentoHumano ? Page() : Forbid();

    public IActionResult OnGetTemplate() =>
        me.IsTalentoHumano ? File(EdlTemplate.Xlsx(me.Today.Year - 1), Egi.Web.Reports.XlsxWorkbook.ContentType, EdlTemplate.XlsxFileName) : Forbid();

    public IActionResult OnGetTemplateCsv() =>
        me.IsTalentoHumano ? File(EdlTemplate.Csv(me.Today.Year - 1), "text/csv; charset=utf-8", EdlTemplate.CsvFileName) : Forbid();

    /// <summary>Upload: read, check, and show the errors or the preview.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        ModelState.Clear();
        Token = null;
        var upload = await SpreadsheetReader.ReadUploadAsync(Upload, ImprovementMessages.EdlFileMissing, logger,
            PreferredSheet, MaxBytes, ct);
        FileName = upload.FileName;
        if (upload.WasRead)
        {
            db.Audit("Cargar archivo", "Resultados EDL", "", SpreadsheetReader.AuditSummary(upload));
            await db.SaveChangesAsync(ct);
        }
        if (upload.Error is { } error)
        {
            ModelState.AddModelError(nameof(Upload), error);
            return Page();
        }
        Result = await importer.PlanAsync(upload.Content.Rows, me.Today, ct);
        if (Result.IsValid)
        {
            Token = await Pending.SaveAsync(upload.Bytes, FileName, ct);
            Fingerprint = Result.Fingerprint;
        }
        return Page();
    }

    /// <summary>Confirmation: the kept file is read and checked again, and applied only if it still plans the same changes.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (!me.IsTalentoHumano) return Forbid();
        ModelState.Clear();
        if (await LoadPendingAsync(ct) is not { } pending) return Page();
        FileName = pending.FileName;
        var content = SpreadsheetReader.Read(pending.Content, logger, PreferredSheet, MaxBytes);
        Result = content.Error is null ? await importer.PlanAsync(content.Rows, me.Today, ct) : null;
        if (content.Error is { } error || !Result!.IsValid)
        {
            DiscardPending();
            if (content.Error is { } readError) ModelState.AddModelError(nameof(Upload), readError);
            return Page();
        }
        if (Result.Fingerprint != Fingerprint)
        {
            PlanChanged = true;
            Fingerprint = Result.Fingerprint;
            return Page();
        }
        var errors = await importer.ApplyAsync(Result, FileName, me.Principal.Identity?.Name ?? me.DisplayName, ct);
        if (errors.Count > 0)
        {
            foreach (var e in errors) ModelState.AddModelError(string.Empty, e);
            return Page();
        }
        Pending.Delete(Token);
        TempData["Mensaje"] = EdlImporter.AppliedMessage(FileName, Result);
        return RedirectToPage();
    }

    public IActionResult OnPostCancel()
    {
        if (!me.IsTalentoHumano) return Forbid();
        Pending.Delete(Token);
        TempData["Mensaje"] = ImprovementMessages.ImportCancelled;
        return RedirectToPage();
    }
}
