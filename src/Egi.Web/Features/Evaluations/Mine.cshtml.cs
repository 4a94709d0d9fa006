using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// «Mi evaluación»: takes the signed-in servant to their evaluation of the newest open period, or explains in Spanish
/// why they have none (no directory record, not eligible — with the domain's reason —, no open period, not opened yet).
/// </summary>
public sealed class MineModel(EgiDbContext db, CurrentUser me) : PageModel
{
    /// <summary>Why there is no evaluation to show.</summary>
    public string Message { get; private set; } = "";

    /// <summary>Evaluations of other periods, newest first (year, id).</summary>
    public IReadOnlyList<(string Period, int Id)> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var servant = await me.ServantAsync(ct);
        if (servant is null)
        {
            Message = "Su cuenta no está asociada a un servidor del directorio, así que no tiene evaluación. Si cree que es un error, escriba a Talento Humano.";
            return Page();
        }

        var period = await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Open).OrderByDescending(p => p.Year).FirstOrDefaultAsync(ct);
        var periods = await db.Periods.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var mine = await db.Evaluations.AsNoTracking().Where(e => e.EvaluadoId == servant.Id).Select(e => new { e.Id, e.PeriodId }).ToListAsync(ct);
        if (period is not null && mine.FirstOrDefault(e => e.PeriodId == period.Id) is { } current)
            return RedirectToPage("./Details", new { id = current.Id });

        Others = mine.Select(e => (periods.GetValueOrDefault(e.PeriodId, ""), e.Id)).OrderByDescending(e => e.Item1, StringComparer.Ordinal).ToList();
        var eligibility = servant.EligibilityOn(me.Today);
        if (period is null)
        {
            var preparing = await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Preparation).OrderByDescending(p => p.Year).Select(p => p.Name).FirstOrDefaultAsync(ct);
            Message = preparing is null
                ? "No hay una vigencia abierta en este momento: cuando Talento Humano abra la próxima, aquí encontrará su evaluación."
                : $"La «{preparing}» aún está en preparación: cuando Talento Humano la abra, aquí encontrará su evaluación.";
            if (!eligibility.IsEligible) Message += $" Tenga en cuenta que, según el directorio, usted no se evalúa en este sistema: {eligibility.Reason}";
        }
        else if (!eligibility.IsEligible)
            Message = $"No tiene evaluación en la «{period.Name}»: {eligibility.Reason}";
        else
            Message = $"Aún no tiene una evaluación abierta en la «{period.Name}» (por ejemplo, porque no tiene jefe inmediato registrado en el directorio). Escriba a Talento Humano para que la abran.";
        return Page();
    }
}
