using Egi.Domain.Competencies;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

/// <summary>The competency catalogue as stored (read by the catalogue's page and by the rating of competencies).</summary>
public static class CompetencyCatalogueQuery
{
    public static async Task<CompetencyCatalogue> LoadAsync(EgiDbContext db, CancellationToken ct) =>
        CompetencyEntry.ToCatalogue(await db.CompetencyEntries.AsNoTracking().ToListAsync(ct));
}
