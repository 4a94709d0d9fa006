using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Import;

/// <summary>
/// Loads the directory once, lets <see cref="ServantImport"/> check the file, and applies a valid plan in one
/// transaction, in batches: new servants a level of the hierarchy at a time (so bosses within the same file resolve,
/// and each servant is written — and audited — once), then the updates, then the accounts and invitations in bulk,
/// the evaluations of the open period in one pass, and one summary audit line. Any failure rolls everything back.
/// </summary>
public sealed class ServantImporter(EgiDbContext db, ServantAccounts accounts, EvaluationOpening opening, EvaluatorChanges evaluatorChanges,
    TimeProvider time, ILogger<ServantImporter> logger)
{
    private static readonly HashSet<string> AccountFields =
    [
        ImportColumns.Of(ImportField.FirstNames).Header,
        ImportColumns.Of(ImportField.LastNames).Header,
        ImportColumns.Of(ImportField.Email).Header,
    ];

    /// <summary>The plan of <paramref name="rows"/>; <paramref name="editorServantId"/> is the servant record of the person importing, whose own row may not change their jefe, dependencia or vinculación.</summary>
    public async Task<ImportPlan> PlanAsync(IReadOnlyList<SheetRow> rows, DateOnly today, CancellationToken ct, int? editorServantId = null)
    {
        var servants = await db.Servants.AsNoTracking().ToListAsync(ct);
        var dependencies = await db.Dependencies.AsNoTracking().ToListAsync(ct);
        return ServantImport.Plan(rows, servants, dependencies, today, editorServantId: editorServantId);
    }

    public async Task<IReadOnlyList<Dependency>> DependenciesAsync(CancellationToken ct) =>
        await db.Dependencies.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);

    /// <summary>Servants (then accounts) written per SaveChanges; the change tracker is cleared between batches.</summary>
    public const int BatchSize = 1000;

    /// <summary>
    /// Applies a valid plan. Returns Spanish errors (and nothing is written) when something refuses it.
    /// <paramref name="progress"/> hears the steps done so far out of <see cref="StepsOf"/>: each servant saved, then each account.
    /// </summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(ImportPlan plan, string fileName, CancellationToken ct, IProgress<int>? progress = null)
    {
        if (!plan.IsValid) throw new InvalidOperationException("Only a valid plan can be applied.");
        // Inside a caller's transaction (the API's sync writes the dependencias first) it joins it: a refusal rolls it all back.
        var outer = db.Database.CurrentTransaction;
        await using var owned = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var transaction = outer ?? owned!;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var today = BogotaTime.Day(time.GetUtcNow());
            var byDocument = (await db.Servants.AsNoTracking().ToListAsync(ct))
                .GroupBy(s => ServantInput.NormalizeDocument(s.DocumentNumber))
                .ToDictionary(g => g.Key, g => g.First());
            var touched = new List<(PlannedServant Row, Servant Servant)>();
            var before = new Dictionary<Servant, (int? BossId, int DependencyId, DateOnly? RetirementDate, bool Eligible)>();
            var steps = 0;

            // New servants, a level of the hierarchy at a time (a jefe is saved before the servants who report to them),
            // so that each is written once with its boss: bosses are resolved in memory, by document.
            var pending = plan.Creates.ToList();
            while (pending.Count > 0)
            {
                var ready = pending.Where(c => c.BossDocument is not { } b || byDocument.ContainsKey(b)).ToList();
                if (ready.Count == 0)
                {
                    var row = pending.OrderBy(c => c.Row).First();
                    return await RefuseAsync(transaction, [DirectoryMessages.BossGoneSinceUpload(row.Row, row.BossDocument)], ct);
                }
                foreach (var batch in ready.Chunk(BatchSize))
                {
                    var added = new List<(PlannedServant, Servant)>(batch.Length);
                    foreach (var c in batch)
                    {
                        var servant = new Servant();
                        servant.Apply(c.Input with { BossId = c.BossDocument is { } b ? byDocument[b].Id : null });
                        db.Servants.Add(servant);
                        added.Add((c, servant));
                    }
                    // New rows only: multi-row INSERTs (and their audit lines), not a command per servant.
                    await db.SaveAdditionsAsync(ct);
                    foreach (var (c, servant) in added)
                    {
                        byDocument[c.Document] = servant;
                        touched.Add((c, servant));
                    }
                    progress?.Report(steps += batch.Length);
                }
                var readySet = ready.ToHashSet();
                pending = pending.Where(c => !readySet.Contains(c)).ToList();
            }

            foreach (var batch in plan.Updates.Chunk(BatchSize))
            {
                foreach (var u in batch)
                {
                    if (!byDocument.TryGetValue(u.Document, out var servant) || servant.Id == 0)
                        return await RefuseAsync(transaction, [DirectoryMessages.ServantGoneSinceUpload(u.Row, u.Document)], ct);
                    int? bossId = null;
                    if (u.BossDocument is { } boss)
                    {
                        if (!byDocument.TryGetValue(boss, out var bossServant))
                            return await RefuseAsync(transaction, [DirectoryMessages.BossGoneSinceUpload(u.Row, boss)], ct);
                        bossId = bossServant.Id;
                    }
                    db.Servants.Attach(servant);
                    before[servant] = (servant.BossId, servant.DependencyId, servant.RetirementDate, servant.EligibilityOn(today).IsEligible);
                    servant.Apply(u.Input with { BossId = bossId });
                    touched.Add((u, servant));
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                progress?.Report(steps += batch.Length);
            }

            var servantsTime = clock.Elapsed;
            // A retiro in the file must not leave the entity without an active Talento Humano (as on the retire page).
            var newlyRetired = touched.Where(t => before.TryGetValue(t.Servant, out var b) && b.RetirementDate is null && t.Servant.RetirementDate is not null).ToList();
            if (newlyRetired.Count > 0 && !await AccountAdministration.AnyActiveTalentoHumanoAsync(db, ct))
                return await RefuseAsync(transaction,
                [
                    DirectoryMessages.ImportRetiresLastTalentoHumano(newlyRetired.Select(t => t.Row.Row)),
                ], ct);

            // Accounts: created (and invited) or relinked in bulk; the unchanged servants who already have one are left alone.
            var linked = (await db.Users.Where(u => u.ServantId != null).Select(u => u.ServantId!.Value).ToListAsync(ct)).ToHashSet();
            var needAccount = touched
                .Where(t => t.Row.IsNew || !linked.Contains(t.Servant.Id) || t.Row.Changes.Any(c => AccountFields.Contains(c.Field)))
                .OrderBy(t => t.Row.Row)
                .Select(t => (t.Row.Row, t.Servant)).ToList();
            var accountSteps = steps;
            var accountErrors = await accounts.EnsureManyAsync(needAccount, done => progress?.Report(accountSteps + done * touched.Count / Math.Max(1, needAccount.Count)), BatchSize, ct);
            if (accountErrors.Count > 0) return await RefuseAsync(transaction, accountErrors, ct);
            var accountsTime = clock.Elapsed;

            // Servants who are (or became) eligible while periods are open get their evaluation in each, as late entries.
            db.ChangeTracker.Clear();
            foreach (var openPeriod in await db.Periods.AsNoTracking().Where(p => p.Status == Domain.Calendar.PeriodStatus.Open).OrderBy(p => p.Year).ToListAsync(ct))
                await opening.OpenLateEntriesAsync(openPeriod, ct);
            var openingTime = clock.Elapsed;
            // A new jefe, a retiro or a vinculación EGI does not evaluate changes the evaluations of the open periods, as in the edit page.
            foreach (var (servant, b) in before.Where(x => x.Key.BossId != x.Value.BossId || x.Key.RetirementDate != x.Value.RetirementDate
                || x.Key.EligibilityOn(today).IsEligible != x.Value.Eligible))
                await evaluatorChanges.AfterServantChangedAsync(servant.Id, b.BossId, b.DependencyId, b.RetirementDate, ct);

            db.Audit("Importar", AuditEntities.Servant, Shorten(fileName, 60),
                $"{plan.Creates.Count} creados, {plan.Updates.Count} actualizados, {plan.Unchanged.Count} sin cambios (archivo {Shorten(fileName, 200)})");
            await db.SaveChangesAsync(ct);
            if (owned is not null)
            {
                await owned.CommitAsync(ct);
                await PlannerStatistics.RefreshAsync(db, ct);
            }
            progress?.Report(StepsOf(plan));
            // How long each step took, for whoever runs large imports (and bench/import.sh).
            logger.LogInformation("Import of {File} applied in {Total} ms: servants {Servants} ms, accounts and invitations {Accounts} ms, evaluations {Opening} ms, the rest {Rest} ms",
                fileName, (long)clock.Elapsed.TotalMilliseconds, (long)servantsTime.TotalMilliseconds, (long)(accountsTime - servantsTime).TotalMilliseconds,
                (long)(openingTime - accountsTime).TotalMilliseconds, (long)(clock.Elapsed - openingTime).TotalMilliseconds);
            return [];
        }
        catch (DbUpdateException)
        {
            return await RefuseAsync(transaction,
                [DirectoryMessages.ImportConcurrentChange], ct);
        }
    }

    /// <summary>The confirmation shown once a plan was applied.</summary>
    public static string AppliedMessage(string fileName, ImportPlan plan) =>
        DirectoryMessages.ImportApplied(fileName, plan.Creates.Count, plan.Updates.Count, plan.Unchanged.Count);

    /// <summary>The steps of <see cref="ApplyAsync"/>'s progress: every servant written, then every account.</summary>
    public static int StepsOf(ImportPlan plan) => StepsOf(plan.Creates.Count + plan.Updates.Count);

    /// <summary>The steps of a plan that creates or updates <paramref name="changes"/> servants.</summary>
    public static int StepsOf(int changes) => 2 * changes;

    private async Task<IReadOnlyList<string>> RefuseAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, IReadOnlyList<string> errors, CancellationToken ct)
    {
        await transaction.RollbackAsync(ct);
        db.ChangeTracker.Clear();
        return errors;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
