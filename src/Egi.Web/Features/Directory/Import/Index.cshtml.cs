using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Egi.Web.Features.Directory.Import;

/// <summary>
/// Import of servants from .xlsx or .csv (SPEC §2): upload → every row checked → errors by row and column, or a
/// preview of what will be created and updated → confirmation, which checks the file again against the directory
/// as it is then and applies it in one transaction.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 16 * 1024 * 1024)]
[RequestSizeLimit(16 * 1024 * 1024)]
public sealed class IndexModel(
    EgiDbContext db,
    ServantAccounts accounts,
    CurrentUser me,
    Evaluations.EvaluationOpening opening,
    Evaluations.EvaluatorChanges evaluatorChanges,
    IConfiguration config,
    IHostEnvironment env,
    ILogger<IndexModel> logger) : PageModel
{
    /// <summary>Most problems listed on the page (the count says how many there are in all).</summary>
    public const int MaxErrorsShown = 500;

    /// <summary>Most servants listed in each table of the preview (the counts are always complete).</summary>
    public const int MaxRowsShown = 1000;

    private readonly ServantImporter importer = new(db, accounts, opening, evaluatorChanges);

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Token { get; set; }

    [BindProperty]
    public string? Fingerprint { get; set; }

    public ImportPlan? Plan { get; private set; }
    public string? FileName { get; private set; }

    /// <summary>The directory changed between the preview and the confirmation: the new preview is shown instead.</summary>
    public bool PlanChanged { get; private set; }

    public IReadOnlyList<string> ApplyErrors { get; private set; } = [];
    public IReadOnlyList<Dependency> Dependencies { get; private set; } = [];

    private PendingImports Pending => new(ServiceRegistration.ResolveDataFolder(config, env));

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
        var upload = await SpreadsheetReader.ReadUploadAsync(Upload, "Elija el archivo .xlsx o .csv con los servidores que desea importar.", logger, ct: ct);
        FileName = upload.FileName;
        var (bytes, content) = (upload.Bytes, upload.Content);
        if (content.Error is { } error)
        {
            ModelState.AddModelError(nameof(Upload), error);
            return Page();
        }
        Plan = await importer.PlanAsync(content.Rows, me.Today, ct);
        if (Plan.IsValid)
        {
            Token = await Pending.SaveAsync(bytes, FileName, ct);
            Fingerprint = Plan.Fingerprint;
        }
        return Page();
    }

    /// <summary>Confirmation: the kept file is read and checked again, and applied only if it still plans the same changes.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        Dependencies = await importer.DependenciesAsync(ct);
        ModelState.Clear();
        var pending = await Pending.LoadAsync(Token, ct);
        if (pending is null)
        {
            Token = null;
            ModelState.AddModelError(string.Empty,
                "La importación que intenta confirmar no existe o ya venció (se conserva 24 horas). Cargue el archivo de nuevo. No se guardó ningún cambio.");
            return Page();
        }
        FileName = pending.FileName;
        var content = SpreadsheetReader.Read(pending.Content, logger);
        if (content.Error is { } error)
        {
            Pending.Delete(Token);
            Token = null;
            ModelState.AddModelError(nameof(Upload), error);
            return Page();
        }
        Plan = await importer.PlanAsync(content.Rows, me.Today, ct);
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
        ApplyErrors = await importer.ApplyAsync(Plan, FileName, ct);
        if (ApplyErrors.Count > 0) return Page();

        Pending.Delete(Token);
        TempData["Mensaje"] = $"Importación de «{FileName}» aplicada. Servidores creados: {Plan.Creates.Count}; " +
            $"actualizados: {Plan.Updates.Count}; sin cambios: {Plan.Unchanged.Count}.";
        return RedirectToPage();
    }

    public IActionResult OnPostCancel()
    {
        Pending.Delete(Token);
        TempData["Mensaje"] = "Importación cancelada: no se guardó ningún cambio.";
        return RedirectToPage();
    }
}
