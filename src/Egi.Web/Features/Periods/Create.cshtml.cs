using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Periods;

public sealed class CreateModel(EgiDbContext db, CurrentUser me) : PageModel
{
    [BindProperty]
    public CreateInput Input { get; set; } = new();

    /// <summary>The windows the new period will get (SPEC §3 defaults for the chosen year).</summary>
    public IReadOnlyList<StageWindow> PreviewWindows { get; private set; } = [];

    public sealed class CreateInput
    {
        /// <summary>Text, so that anything typed is kept and answered in Spanish.</summary>
        public string? Year { get; set; }
        public string? Name { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var y = await SuggestedYearAsync(ct);
        Input.Year = y.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.Name = $"Vigencia {y}";
        Preview();
    }

    /// <summary>Shows the default windows of the year typed, without creating anything.</summary>
    public IActionResult OnPostPreview()
    {
        ModelState.Clear();
        if (FormInput.TryParseInt(Input.Year, out var y) && (string.IsNullOrWhiteSpace(Input.Name) || Input.Name.StartsWith("Vigencia ", StringComparison.Ordinal)))
            Input.Name = $"Vigencia {y}";
        Preview();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Preview();
        if (!FormInput.TryParseInt(Input.Year, out var year))
        {
            ModelState.AddModelError("Input.Year", PeriodMessages.YearInvalid);
            ModelState.AddFieldErrors(Period.ValidateName(Input.Name));
            return Page();
        }
        var taken = await db.Periods.AnyAsync(p => p.Year == year, ct);
        var errors = Period.ValidateYear(year, taken).Concat(Period.ValidateName(Input.Name)).ToList();
        if (errors.Count > 0)
        {
            ModelState.AddFieldErrors(errors);
            return Page();
        }

        var period = Period.CreateWithDefaults(year);
        period.Name = Input.Name!.Trim();
        db.Periods.Add(period);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else created the same year at the same moment (unique index on Year).
            ModelState.AddFieldErrors(Period.ValidateYear(year, yearTaken: true));
            return Page();
        }
        TempData["Mensaje"] = PeriodMessages.Created(period.Name);
        return RedirectToPage("./Windows", new { id = period.Id });
    }

    private async Task<int> SuggestedYearAsync(CancellationToken ct)
    {
        var years = (await db.Periods.Select(p => p.Year).ToListAsync(ct)).ToHashSet();
        var y = Math.Clamp(me.Today.Year, Period.MinYear, Period.MaxYear);
        while (years.Contains(y) && y < Period.MaxYear) y++;
        return y;
    }

    private void Preview()
    {
        PreviewWindows = FormInput.TryParseInt(Input.Year, out var y) && y is >= Period.MinYear and <= Period.MaxYear
            ? Period.CreateWithDefaults(y).Windows
            : [];
    }
}
