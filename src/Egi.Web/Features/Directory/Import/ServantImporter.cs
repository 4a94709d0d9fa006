using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Import;

/// <summary>
/// Loads the directory once, lets <see cref="ServantImport"/> check the file, and applies a valid plan in one
/// transaction: new servants first (without bosses), then every boss (so bosses within the same file resolve),
/// then the accounts, then one summary audit line. Any failure rolls everything back.
/// </summary>
public sealed class ServantImporter(EgiDbContext db, ServantAccounts accounts, Evaluations.EvaluationOpening opening, Evaluations.EvaluatorChanges evaluatorChanges)
{
    private static readonly HashSet<string> AccountFields =
    [
        ImportColumns.Of(ImportField.FirstNames).Header,
        ImportColumns.Of(ImportField.LastNames).Header,
        ImportColumns.Of(ImportField.Email).Header,
    ];

    public async Task<ImportPlan> PlanAsync(IReadOnlyList<SheetRow> rows, DateOnly today, CancellationToken ct)
    {
        var servants = await db.Servants.AsNoTracking().ToListAsync(ct);
        var dependencies = await db.Dependencies.AsNoTracking().ToListAsync(ct);
        return ServantImport.Plan(rows, servants, dependencies, today);
    }

    public async Task<IReadOnlyList<Dependency>> DependenciesAsync(CancellationToken ct) =>
        await db.Dependencies.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);

    /// <summary>Applies a valid plan. Returns Spanish errors (and nothing is written) when something refuses it.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(ImportPlan plan, string fileName, CancellationToken ct)
    {
        if (!plan.IsValid) throw new InvalidOperationException("Only a valid plan can be applied.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var byDocument = (await db.Servants.ToListAsync(ct))
                .GroupBy(s => ServantInput.NormalizeDocument(s.DocumentNumber))
                .ToDictionary(g => g.Key, g => g.First());
            var touched = new List<(PlannedServant Row, Servant Servant)>();
            var before = new Dictionary<Servant, (int? BossId, int DependencyId, DateOnly? RetirementDate)>();

            foreach (var c in plan.Creates)
            {
                var servant = new Servant();
                servant.Apply(c.Input with { BossId = null });
                db.Servants.Add(servant);
                byDocument[c.Document] = servant;
                touched.Add((c, servant));
            }
            foreach (var u in plan.Updates)
            {
                if (!byDocument.TryGetValue(u.Document, out var servant))
                    return await RefuseAsync(transaction, [$"Fila {u.Row}: el servidor con documento {u.Document} ya no está en el directorio. Cargue el archivo de nuevo."], ct);
                before[servant] = (servant.BossId, servant.DependencyId, servant.RetirementDate);
                servant.Apply(u.Input with { BossId = servant.BossId });
                touched.Add((u, servant));
            }
            await db.SaveChangesAsync(ct);

            foreach (var (row, servant) in touched)
            {
                int? bossId = null;
                if (row.BossDocument is { } boss)
                {
                    if (!byDocument.TryGetValue(boss, out var bossServant))
                        return await RefuseAsync(transaction, [$"Fila {row.Row}: el jefe inmediato con documento {boss} ya no está en el directorio. Cargue el archivo de nuevo."], ct);
                    bossId = bossServant.Id;
                }
                if (servant.BossId != bossId) servant.BossId = bossId;
            }
            await db.SaveChangesAsync(ct);

            // Everything so far is saved: stop tracking it, or every later save would scan thousands of servants.
            db.ChangeTracker.Clear();
            var linked = (await db.Users.Where(u => u.ServantId != null).Select(u => u.ServantId!.Value).ToListAsync(ct)).ToHashSet();
            var accountErrors = new List<string>();
            var ensured = 0;
            foreach (var (row, servant) in touched)
            {
                if (!row.IsNew && linked.Contains(servant.Id) && !row.Changes.Any(c => AccountFields.Contains(c.Field))) continue;
                foreach (var error in await accounts.EnsureAsync(servant)) accountErrors.Add($"Fila {row.Row} ({servant.FullName}): {error}");
                if (++ensured % 50 == 0) db.ChangeTracker.Clear(); // each EnsureAsync saves its own account, invitation and audit
            }
            if (accountErrors.Count > 0) return await RefuseAsync(transaction, accountErrors, ct);

            // Servants who are (or became) eligible while a period is open get their evaluation now.
            db.ChangeTracker.Clear();
            var openPeriod = await db.Periods.AsNoTracking().Where(p => p.Status == Domain.Calendar.PeriodStatus.Open)
                .OrderByDescending(p => p.Year).FirstOrDefaultAsync(ct);
            if (openPeriod is not null) await opening.OpenAllAsync(openPeriod, ct);
            // A new jefe or a retiro changes the evaluations of the open period (partial evaluations), as in the edit page.
            foreach (var (servant, b) in before.Where(x => x.Key.BossId != x.Value.BossId || x.Key.RetirementDate != x.Value.RetirementDate))
                await evaluatorChanges.AfterServantChangedAsync(servant.Id, b.BossId, b.DependencyId, b.RetirementDate, ct);

            db.Audit("Importar", "Servidor", Shorten(fileName, 60),
                $"{plan.Creates.Count} creados, {plan.Updates.Count} actualizados, {plan.Unchanged.Count} sin cambios (archivo {Shorten(fileName, 200)})");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return [];
        }
        catch (DbUpdateException)
        {
            return await RefuseAsync(transaction,
                ["No se pudo guardar la importación: otra persona modificó el directorio al mismo tiempo. Cargue el archivo de nuevo para ver los cambios actuales."], ct);
        }
    }

    private async Task<IReadOnlyList<string>> RefuseAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, IReadOnlyList<string> errors, CancellationToken ct)
    {
        await transaction.RollbackAsync(ct);
        db.ChangeTracker.Clear();
        return errors;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
