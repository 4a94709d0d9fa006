using Egi.Domain.Calendar;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

/// <summary>The open periods, newest first: what «Mis pendientes», «Mi evaluación» and «Por aprobar» start from.</summary>
public static class OpenPeriods
{
    public static async Task<List<Period>> NewestFirstAsync(EgiDbContext db, CancellationToken ct) =>
        await Query.For(db)(db).ToListAsync(ct);

    /// <summary>Compiled once (<see cref="CompiledQueries"/>): those pages run it on every request.</summary>
    private static readonly PerModel<Func<EgiDbContext, IAsyncEnumerable<Period>>> Query =
        CompiledQueries.List((EgiDbContext db) => db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Open).OrderByDescending(p => p.Year));
}
