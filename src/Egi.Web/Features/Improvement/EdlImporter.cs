using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Directory.Import;
using Egi.Domain.Improvement;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Improvement;

/// <summary>
/// Loads what <see cref="EdlImport"/> checks a file against (the directory, the results already imported, the scale of
/// each period) in a fixed number of queries, and applies a valid plan in one transaction: new results added, results
/// of the same servant and year replaced, one audit line with what was replaced. Any failure writes nothing.
/// </summary>
public sealed class EdlImporter(EgiDbContext db, TimeProvider clock)
{
    public async Task<EdlImportPlan> PlanAsync(IReadOnlyList<SheetRow> rows, DateOnly today, CancellationToken ct)
    {
        var servants = await db.Servants.AsNoTracking().ToListAsync(ct);
        var existing = await db.Set<EdlResult>().AsNoTracking().ToListAsync(ct);
        var policies = (await db.Periods.AsNoTracking().ToListAsync(ct)).ToDictionary(p => p.Year, p => new ScoringPolicy(p.Settings));
        var defaults = new ScoringPolicy(PeriodSettings.Defaults());
        return EdlImport.Plan(rows, servants, existing, (year, score) => policies.GetValueOrDefault(year, defaults).Level(score), today.Year);
    }

    /// <summary>Applies a valid plan; returns Spanish errors (and nothing is written) when the database refuses it.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(EdlImportPlan plan, string fileName, string importedBy, CancellationToken ct)
    {
        if (!plan.IsValid) throw new InvalidOperationException("Only a valid plan can be applied.");
        var now = clock.GetUtcNow().UtcDateTime;
        var by = importedBy.Length <= EdlResult.ImportedByMax ? importedBy : importedBy[..EdlResult.ImportedByMax];
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var changed = plan.Creates.Concat(plan.Replaces).ToList();
            var servantIds = changed.Select(r => r.ServantId).Distinct().ToList();
            var tracked = (await db.Set<EdlResult>().Where(r => servantIds.Contains(r.ServantId)).ToListAsync(ct))
                .ToDictionary(r => (r.ServantId, r.Year));
            var replaced = new List<object>();
            foreach (var r in changed)
            {
                if (tracked.TryGetValue((r.ServantId, r.Year), out var current))
                {
                    replaced.Add(new { Documento = r.Document, Año = r.Year, Resultado = current.Describe() });
                    current.Score = r.Score;
                    current.Level = r.Level;
                    current.ImportedAt = now;
                    current.ImportedBy = by;
                }
                else
                {
                    db.Add(new EdlResult { ServantId = r.ServantId, Year = r.Year, Score = r.Score, Level = r.Level, ImportedAt = now, ImportedBy = by });
                }
            }
            var years = string.Join(", ", changed.Select(r => r.Year).Distinct().Order());
            db.Audit("Importar", "Resultados EDL", Shorten(fileName, 60),
                $"Resultados de la EDL importados ({years}): {plan.Creates.Count} nuevos, {plan.Replaces.Count} reemplazados, {plan.Unchanged.Count} sin cambios (archivo {Shorten(fileName, 200)}).",
                replaced.Count > 0 ? replaced : null,
                changed.Select(r => new { Documento = r.Document, Año = r.Year, Resultado = EdlResult.Describe(r.Level, r.Score) }).ToList());
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return [];
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return [ImprovementMessages.EdlImportConcurrentChange];
        }
    }

    public static string AppliedMessage(string fileName, EdlImportPlan plan) =>
        ImprovementMessages.EdlImportApplied(fileName, plan.Creates.Count, plan.Replaces.Count, plan.Unchanged.Count);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
