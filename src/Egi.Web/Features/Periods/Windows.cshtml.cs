using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Periods;

public sealed class WindowsModel(EgiDbContext db) : PageModel
{
    public Period Period { get; private set; } = null!;

    /// <summary>One row per stage; dates as text so that whatever was typed comes back on an error.</summary>
    [BindProperty]
    public List<WindowRow> Rows { get; set; } = [];

    public sealed class WindowRow
    {
        public Stage Stage { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
    }

    /// <summary>Errors of each row, keyed by stage.</summary>
    public Dictionary<Stage, List<string>> RowErrors { get; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Rows = ToRows(StageInfo.All.Select(Period.Window));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();

        var windows = new List<StageWindow>();
        foreach (var stage in StageInfo.All)
        {
            var row = Rows.FirstOrDefault(r => r.Stage == stage);
            if (row is null)
            {
                AddRowError(stage, PeriodMessages.WindowDatesMissing(stage));
                continue;
            }
            var startOk = FormInput.TryParseDate(row.Start, out var start);
            var endOk = FormInput.TryParseDate(row.End, out var end);
            if (!startOk) AddRowError(stage, PeriodMessages.WindowStartInvalid(stage, Period.Year));
            if (!endOk) AddRowError(stage, PeriodMessages.WindowEndInvalid(stage, Period.Year));
            if (startOk && endOk) windows.Add(new StageWindow(stage, start, end));
        }
        // Keep the rows in stage order with what was typed, even if a stage was missing from the form.
        Rows = StageInfo.All.Select(s => Rows.FirstOrDefault(r => r.Stage == s) ?? new WindowRow { Stage = s }).ToList();
        if (RowErrors.Count > 0)
        {
            // Still check the rows that parsed, so every problem shows at once.
            foreach (var w in windows) foreach (var e in w.Validate(Period.Year)) AddRowError(w.Stage, e.Message);
            return Page();
        }

        return await SaveAsync(windows, PeriodMessages.WindowsSaved, ct);
    }

    public async Task<IActionResult> OnPostResetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        var defaults = StageInfo.All.Select(s => s.DefaultWindow(Period.Year)).ToList();
        Rows = ToRows(defaults);
        return await SaveAsync(defaults, PeriodMessages.WindowsReset, ct);
    }

    private async Task<IActionResult> SaveAsync(List<StageWindow> windows, Func<string, string> done, CancellationToken ct)
    {
        var before = Describe(Period.Windows);
        var errors = Period.SetWindows(windows);
        if (errors.Count > 0)
        {
            ShowErrors(errors);
            return Page();
        }
        var after = Describe(Period.Windows);
        if (before.SequenceEqual(after))
        {
            TempData["Mensaje"] = PeriodMessages.WindowsUnchanged;
            return RedirectToPage("./Details", new { id = Period.Id });
        }
        db.Audit("Modificar", "Vigencia", Period.Id.ToString(CultureInfo.InvariantCulture), "Ventanas de etapa",
            before.ToDictionary(), after.ToDictionary());
        await db.SaveChangesAsync(ct);
        TempData["Mensaje"] = done(Period.Name);
        return RedirectToPage("./Details", new { id = Period.Id });
    }

    private void ShowErrors(IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
        {
            if (Enum.TryParse<Stage>(e.Field, out var stage) && Enum.IsDefined(stage)) AddRowError(stage, e.Message);
            else ModelState.AddModelError(string.Empty, e.Message);
        }
    }

    private void AddRowError(Stage stage, string message)
    {
        if (!RowErrors.TryGetValue(stage, out var list)) RowErrors[stage] = list = [];
        list.Add(message);
        ModelState.AddModelError($"Rows[{stage}]", message);
    }

    private static List<KeyValuePair<string, string>> Describe(IEnumerable<StageWindow> windows) =>
        windows.OrderBy(w => w.Stage).Select(w => new KeyValuePair<string, string>(w.Stage.Label(), DateText.Range(w))).ToList();

    private static List<WindowRow> ToRows(IEnumerable<StageWindow> windows) =>
        windows.Select(w => new WindowRow { Stage = w.Stage, Start = DateText.Iso(w.Start), End = DateText.Iso(w.End) }).ToList();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var period = await db.Periods.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (period is null) return false;
        Period = period;
        return true;
    }
}
