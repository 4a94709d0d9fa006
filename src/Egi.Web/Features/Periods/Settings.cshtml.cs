using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Periods;

public sealed class SettingsModel(EgiDbContext db, Microsoft.Extensions.Options.IOptionsSnapshot<UploadOptions> uploads) : PageModel
{
    public Period Period { get; private set; } = null!;

    /// <summary>Uploads:EvidenceMaxMb: the most a period may allow.</summary>
    public int ServerEvidenceMaxMb => uploads.Value.EvidenceMaxMb;

    [BindProperty]
    public SettingsForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = SettingsForm.From(Period.Settings);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        Input.Padded();
        var (settings, parseErrors) = Input.ToSettings();
        if (settings is null)
        {
            ModelState.AddFieldErrors(parseErrors);
            return Page();
        }
        return await SaveAsync(settings, PeriodMessages.SettingsSaved, ct);
    }

    public async Task<IActionResult> OnPostResetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        Input = SettingsForm.From(PeriodSettings.Defaults());
        return await SaveAsync(PeriodSettings.Defaults(), PeriodMessages.SettingsReset, ct);
    }

    private async Task<IActionResult> SaveAsync(PeriodSettings settings, Func<string, string> done, CancellationToken ct)
    {
        var before = Period.Settings;
        // The server's own limit (Uploads:EvidenceMaxMb) caps what a period may allow.
        var serverMax = uploads.Value.EvidenceMaxMb;
        if (settings.MaxEvidenceSizeMb > serverMax)
        {
            ModelState.AddModelError($"Input.{nameof(PeriodSettings.MaxEvidenceSizeMb)}",
                PeriodMessages.EvidenceSizeOverServerMax(serverMax, settings.MaxEvidenceSizeMb));
            return Page();
        }
        var errors = Period.SetSettings(settings);
        if (errors.Count > 0)
        {
            ModelState.AddFieldErrors(errors);
            return Page();
        }
        db.Audit("Modificar", "Vigencia", Period.Id.ToString(CultureInfo.InvariantCulture), "Configuración", before, settings);
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = done(Period.Name);
        return RedirectToPage("./Details", new { id = Period.Id });
    }

    /// <summary>The help text of a field: the default value and where it comes from.</summary>
    public static string Help(string name) =>
        $"Predeterminado: {PeriodText.SettingValue(PeriodSettings.Defaults(), name)}. Fuente: {PeriodSettings.Sources[name]}.";

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var period = await db.Periods.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (period is null) return false;
        Period = period;
        return true;
    }
}
