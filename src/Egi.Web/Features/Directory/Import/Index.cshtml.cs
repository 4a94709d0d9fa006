using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Infrastructure.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Directory.Import;

/// <summary>
/// Import of servants from .xlsx or .csv (SPEC §2): upload → every row checked → errors by row and column, or a
/// preview of what will be created and updated → confirmation, which checks the file again against the directory
/// as it is then and applies it in one transaction.
/// </summary>
// The body is read by UploadLimitMiddleware: a file over Uploads:ServantImportMaxMb gets the reader's Spanish message.
[UploadLimit(UploadKind.ServantImport)]
public sealed class IndexModel(
    EgiDbContext db,
    ServantImporter importer,
    CurrentUser me,
    IConfiguration config,
    IHostEnvironment env,
    Jobs.DirectoryJobQueue jobs,
    Microsoft.Extensions.Options.IOptionsSnapshot<UploadOptions> uploads,
    ILogger<IndexModel> logger) : SheetImportPageModel(config, env)
{
    /// <summary>Most problems listed on the page (the count says how many there are in all).</summary>
    public const int MaxErrorsShown = 500;

    /// <summary>Most servants listed in each table of the preview (the counts are always complete).</summary>
    public const int MaxRowsShown = 1000;

    /// <summary>Confirmations that write more servants than this run in the background, with a progress page.</summary>
    public const int DefaultBackgroundFrom = 1000;

    public ImportPlan? Plan { get; private set; }

    public IReadOnlyList<string> ApplyErrors { get; private set; } = [];
    public IReadOnlyList<Dependency> Dependencies { get; private set; } = [];

    /// <summary>The background import whose progress is shown (the Progress handler), read from its row: any instance shows it.</summary>
    public Jobs.DirectoryJobView? Job { get; private set; }

    private long MaxBytes => uploads.Value.BytesOf(UploadKind.ServantImport);

    public async Task OnGetAsync(CancellationToken ct) => Dependencies = await importer.DependenciesAsync(ct);

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct) =>
        File(ImportTemplate.Xlsx(await importer.DependenciesAsync(ct)), ImportTemplate.XlsxContentType, ImportTemplate.XlsxFileName);

    public async Task<IActionResult> OnGetTemplateCsvAsync(CancellationToken ct) =>
        File(ImportTemplate.Csv(await importer.DependenciesAsync(ct)), "text/csv; charset=utf-8", ImportTemplate.CsvFileName);

    /// <summary>Upload: read, check, and show the errors or the preview.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Dependencies = await importer.DependenciesAsync(ct);
        ModelState.Clear();
        Token = null;
        var upload = await SpreadsheetReader.ReadUploadAsync(Upload, DirectoryMessages.ImportFileMissing, logger,
            maxBytes: MaxBytes, ct: ct);
        FileName = upload.FileName;
        var (bytes, content) = (upload.Bytes, upload.Content);
        if (upload.WasRead)
        {
            db.Audit("Cargar archivo", "Importación de servidores", "", SpreadsheetReader.AuditSummary(upload));
            await db.SaveChangesAsync(ct);
        }
        if (content.Error is { } error)
        {
            ModelState.AddModelError(nameof(Upload), error);
            return Page();
        }
        Plan = await importer.PlanAsync(content.Rows, me.Today, ct, me.ServantId);
        if (Plan.IsValid)
        {
            Token = await Pending.SaveAsync(bytes, FileName, ct, new(Plan.Fingerprint, Plan.Creates.Count + Plan.Updates.Count));
            Fingerprint = Plan.Fingerprint;
        }
        return Page();
    }

    /// <summary>
    /// Confirmation: the kept file is read and checked again, and applied only if it still plans the same changes. A large
    /// one (its preview, kept with the file, wrote more than Import:BackgroundFrom rows) is queued at once for a worker,
    /// which reads and checks it again and applies it only if it still plans what this preview showed (else it refuses
    /// and asks for a new upload): the file is not read twice.
    /// </summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        Dependencies = await importer.DependenciesAsync(ct);
        ModelState.Clear();
        if (await LoadPendingAsync(ct) is not { } pending) return Page();
        FileName = pending.FileName;
        if (pending.Previewed is { } previewed && previewed.Fingerprint == Fingerprint && previewed.Changes > BackgroundFrom)
            return await QueueAsync(previewed.Fingerprint, previewed.Changes, ct);
        var content = SpreadsheetReader.Read(pending.Content, logger, maxBytes: MaxBytes);
        if (content.Error is { } error)
        {
            Pending.Delete(Token);
            Token = null;
            ModelState.AddModelError(nameof(Upload), error);
            return Page();
        }
        Plan = await importer.PlanAsync(content.Rows, me.Today, ct, me.ServantId);
        if (!Plan.IsValid)
        {
            Pending.Delete(Token);
            Token = null;
            return Page();
        }
        if (Plan.Fingerprint != Fingerprint)
        {
            PlanChanged = true;
            Fingerprint = Plan.Fingerprint;
            return Page();
        }
        if (Plan.Creates.Count + Plan.Updates.Count > BackgroundFrom)
            return await QueueAsync(Plan.Fingerprint, Plan.Creates.Count + Plan.Updates.Count, ct);
        ApplyErrors = await importer.ApplyAsync(Plan, FileName, ct);
        if (ApplyErrors.Count > 0) return Page();

        Pending.Delete(Token);
        TempData["Mensaje"] = ServantImporter.AppliedMessage(FileName, Plan);
        return RedirectToPage();
    }

    private int BackgroundFrom => Config.GetValue("Import:BackgroundFrom", DefaultBackgroundFrom);

    /// <summary>Queued on the shared job table: a worker of any instance applies it, and the progress page reads it from any.</summary>
    private async Task<IActionResult> QueueAsync(string fingerprint, int changes, CancellationToken ct)
    {
        var (id, _) = await jobs.QueueImportAsync(Jobs.DirectoryJobOwner.Of(HttpContext)!, PendingImports.Canonical(Token)!, FileName!,
            fingerprint, ServantImporter.StepsOf(changes), ct);
        return RedirectToPage(new { handler = "Progress", id });
    }

    /// <summary>The progress of a background import; once it ends, its message (or its errors).</summary>
    public async Task<IActionResult> OnGetProgressAsync(long? id, CancellationToken ct)
    {
        Job = await FindJobAsync(id, ct);
        if (Job is null) return NotFound();
        if (Job.Succeeded)
        {
            TempData["Mensaje"] = Job.Message;
            return RedirectToPage();
        }
        Dependencies = await importer.DependenciesAsync(ct);
        FileName = Job.FileName;
        if (Job.Done)
            ApplyErrors = new[] { Job.Message ?? "" }.Where(m => m.Length > 0)
                .Concat(Job.Errors.Select(e => e.Row is { } row ? $"Fila {row}, «{e.Field}»: {e.Message}" : e.Message)).ToList();
        return Page();
    }

    /// <summary>The progress as JSON, for the few lines of script of the progress page.</summary>
    public async Task<IActionResult> OnGetStatusAsync(long? id, CancellationToken ct)
    {
        var job = await FindJobAsync(id, ct);
        if (job is null) return NotFound();
        return new JsonResult(new
        {
            state = job.State.ToString(),
            processed = job.Processed,
            total = job.Total,
            percent = job.Percent,
            done = job.Done,
            succeeded = job.Succeeded,
        });
    }

    /// <summary>A background import of the signed-in person; someone else's (or an API sync) is not found.</summary>
    private Task<Jobs.DirectoryJobView?> FindJobAsync(long? id, CancellationToken ct) =>
        jobs.FindAsync(id, Jobs.DirectoryJobKind.ScreenImport, Jobs.DirectoryJobOwner.Of(HttpContext), ct);

    public IActionResult OnPostCancel()
    {
        Pending.Delete(Token);
        TempData["Mensaje"] = DirectoryMessages.ImportCancelled;
        return RedirectToPage();
    }
}
