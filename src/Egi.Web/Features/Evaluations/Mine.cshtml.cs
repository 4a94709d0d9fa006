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

    private sealed record OwnEvaluation(int Id, int PeriodId, string Period, int Year);

    /// <summary>Compiled once (<see cref="CompiledQueries"/>): the evaluado's «Mi evaluación» link, on the last day of a window.</summary>
    private static readonly PerModel<Func<EgiDbContext, int, IAsyncEnumerable<OwnEvaluation>>> EvaluationsOf =
        CompiledQueries.List((EgiDbContext db, int servantId) =>
            from e in db.Evaluations
            where e.EvaluadoId == servantId
            join p in db.Periods on e.PeriodId equals p.Id
            select new OwnEvaluation(e.Id, e.PeriodId, p.Name, p.Year));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The menu's command brings the open periods and the person's eligibility (CurrentUser.OpenPeriodsAsync).
        var period = (await me.OpenPeriodsAsync(ct)).FirstOrDefault();
        var facts = await me.MenuAsync(ct);
        if (me.ServantId is not { } servantId || facts.Eligibility is not { } eligibility)
        {
            Message = EvaluationMessages.NoServantForAccount;
            return Page();
        }

        var mine = await EvaluationsOf.For(db)(db, servantId).ToListAsync(ct);
        if (period is not null && mine.FirstOrDefault(e => e.PeriodId == period.Id) is { } current)
            return RedirectToPage("./Details", new { id = current.Id });

        Others = mine.OrderByDescending(e => e.Year).ThenByDescending(e => e.Id).Select(e => (e.Period, e.Id)).ToList();
        if (period is null)
        {
            var preparing = await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Preparation).OrderByDescending(p => p.Year).Select(p => p.Name).FirstOrDefaultAsync(ct);
            Message = preparing is null
                ? EvaluationMessages.NoOpenPeriod
                : EvaluationMessages.PeriodInPreparation(preparing);
            if (!eligibility.IsEligible) Message += EvaluationMessages.NotEvaluatedHereEither(eligibility.Reason);
        }
        else if (!eligibility.IsEligible)
            Message = EvaluationMessages.NotEvaluatedIn(period.Name, eligibility.Reason);
        else
            Message = EvaluationMessages.NotOpenedYet(period.Name);
        return Page();
    }
}
