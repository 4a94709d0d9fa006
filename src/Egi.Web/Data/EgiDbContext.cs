using System.Text.Json;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Egi.Web.Data;

/// <summary>
/// The one EF Core model. Two subclasses (<see cref="SqliteEgiDbContext"/>, <see cref="PostgresEgiDbContext"/>)
/// exist only so each provider keeps its own migrations. It also holds the data-protection key ring, shared by every
/// instance of the application (sign-in cookies, antiforgery tokens and e-mailed links stay valid on any of them).
/// </summary>
public abstract class EgiDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    private IAuditActor? actor;
    private TimeProvider? clock;
    private OutboxSignal? outboxSignal;

    /// <summary>
    /// Who the audit lines name, the clock of their times and the outbox worker to wake after a save. The application
    /// rents its contexts from a pool and sets these three on every rent (<see cref="Infrastructure.ServiceRegistration.AddEgiData"/>),
    /// so a context never keeps the previous request's person; without them: the system, the system clock, no signal.
    /// </summary>
    public void Use(IAuditActor? actor, TimeProvider? clock, OutboxSignal? outboxSignal)
    {
        this.actor = actor;
        this.clock = clock;
        this.outboxSignal = outboxSignal;
    }

    private static readonly JsonSerializerOptions AuditJson = new() { WriteIndented = false };

    public DbSet<Dependency> Dependencies => Set<Dependency>();
    public DbSet<Servant> Servants => Set<Servant>();
    public DbSet<Period> Periods => Set<Period>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxNotification> InboxNotifications => Set<InboxNotification>();
    public DbSet<ScheduledJobRun> ScheduledJobRuns => Set<ScheduledJobRun>();
    public DbSet<CompetencyEntry> CompetencyEntries => Set<CompetencyEntry>();
    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();
    public DbSet<Infrastructure.Api.ApiKey> ApiKeys => Set<Infrastructure.Api.ApiKey>();
    public DbSet<Features.Directory.Jobs.DirectoryJob> DirectoryJobs => Set<Features.Directory.Jobs.DirectoryJob>();

    /// <summary>The data-protection key ring (never audited: the rows are secrets, and nobody edits them).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public IAuditActor Actor => actor ?? SystemActor.Instance;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Features keep their own entity configuration beside their code (IEntityTypeConfiguration<T>).
        builder.ApplyConfigurationsFromAssembly(typeof(EgiDbContext).Assembly);

        // Every DateTime is stored and read back as UTC, whatever the provider.
        var utc = new ValueConverter<DateTime, DateTime>(v => AsUtc(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var utcNullable = new ValueConverter<DateTime?, DateTime?>(
            v => v.HasValue ? AsUtc(v.Value) : v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(DateTime)) property.SetValueConverter(utc);
                else if (property.ClrType == typeof(DateTime?)) property.SetValueConverter(utcNullable);
            }
        }
    }

    /// <summary>Local times become UTC; unspecified ones are taken as already UTC.</summary>
    private static DateTime AsUtc(DateTime v) => v.Kind switch
    {
        DateTimeKind.Local => v.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(v, DateTimeKind.Utc),
        _ => v,
    };

    /// <summary>Adds an explicit audit line (reads of reports, exports, sign-ins…) to be saved with the next SaveChanges.</summary>
    public void Audit(string action, string entityType, string entityId, string summary, object? before = null, object? after = null) =>
        AuditEntries.Add(NewAudit(action, entityType, entityId, summary,
            before is null ? null : JsonSerializer.Serialize(before, AuditJson),
            after is null ? null : JsonSerializer.Serialize(after, AuditJson)));

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // What the save adds below (the facts, the tallies, the goals' links, the audit lines…) reads the tracker a dozen
        // times: each read would detect the changes again, comparing every tracked evaluation's JSON collections with
        // their snapshots (a tenth of a transition's CPU, bench/HISTORY.md «22:30 UTC on 06/12/2026»). The changes are
        // detected here, and again wherever this code changes tracked entities itself, and nowhere else.
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveDetectedChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private async Task<int> SaveDetectedChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        await PlaceDependenciesAsync(cancellationToken);
        await RefreshEvaluationFactsAsync(cancellationToken);
        // The dependencias' places, the servants' search keys, the facts and the evaluations' UpdatedAt set above.
        ChangeTracker.DetectChanges();
        // SQLite's one writer: the process's saves to the database take turns in order, woken at once (nothing on PostgreSQL).
        using var turn = await SqliteWriteGate.EnterAsync(this, cancellationToken);
        var queuesMail = ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        // The stored totals (DependencyTally) of what this save changes are counted again in its transaction.
        var tallies = Features.Shared.TallyChanges.Of(this);
        // So are the goals' links to the plans' items (GoalPlanLink) of the evaluations whose goals it changes.
        var links = Features.Shared.GoalLinkChanges.Of(this);
        // And the stamp of the plans' choices the goal forms let the browser keep, when the plans change.
        var choices = Features.Shared.PlanChoicesStamp.Changes(this);
        int count;
        if (tallies.IsEmpty && links.IsEmpty && !choices) count = await SaveAuditedChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        else
        {
            await using var transaction = await OwnTransactionAsync(cancellationToken);
            await tallies.PrepareAsync(this, cancellationToken);
            count = await SaveAuditedChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await tallies.RecountAsync(this, cancellationToken);
            await links.ApplyAsync(this, cancellationToken);
            if (choices) await Features.Shared.PlanChoicesStamp.RenewAsync(this, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // Wake the delivery worker once the messages are committed (inside a caller's transaction it polls instead).
        if (queuesMail && Database.CurrentTransaction is null) outboxSignal?.Notify();
        return count;
    }

    /// <summary>
    /// Saves many new rows at once, for the bulk paths (the import): every pending change must be the addition of a
    /// plain entity (one table, no owned parts, no related rows loaded or added with it), written by
    /// <see cref="BulkInsert"/> in a few multi-row INSERTs per thousand rows instead of a command per row, with what
    /// <see cref="SaveChangesAsync(bool, CancellationToken)"/> adds: a servant's search and sort keys refreshed, the
    /// headcounts of the dependencias new servants join (<see cref="Features.Shared.DependencyHeadcounts"/>), and the
    /// audit line «Crear» of each audited row (same summary and values), after the explicit audit lines queued with it.
    /// Generated keys are set on the entities, which are no longer tracked afterwards. Returns the rows written.
    /// </summary>
    public async Task<int> SaveAdditionsAsync(CancellationToken ct = default)
    {
        // Only the entries not added can hide a change (a tracked row modified, refused below): those are scanned, the new
        // rows are not — their values are read from the entities themselves when they are written, and scanning the
        // thousands of new accounts, e-mails and audit lines of an import batch was a fifth of the accounts' step.
        List<EntityEntry> entries;
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in ChangeTracker.Entries().Where(e => e.State == EntityState.Unchanged).ToList()) entry.DetectChanges();
            // Listed again: a row added to a tracked aggregate's collection (an item of a plan) is only tracked once detected.
            entries = ChangeTracker.Entries().Where(e => e.State is not (EntityState.Unchanged or EntityState.Detached)).ToList();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        if (entries.Count == 0) return 0;
        if (entries.FirstOrDefault(e => e.State != EntityState.Added || !BulkInsert.Supports(e.Metadata)
            || e.Navigations.Any(n => n.CurrentValue is not null && (n.CurrentValue is not System.Collections.ICollection { Count: 0 }))) is { } other)
            throw new InvalidOperationException($"SaveAdditionsAsync writes only new plain rows; {other.Metadata.DisplayName()} is {other.State}: use SaveChangesAsync.");
        foreach (var servant in entries.Select(e => e.Entity).OfType<Servant>()) servant.RefreshSearch();
        var queuesMail = entries.Any(e => e.Entity is OutboxMessage);
        // Principals before the rows that may point at them (an account at its servant, a notification at its account).
        // The headcounts of the dependencias that get servants (DependencyHeadcount) are counted again in the same transaction.
        var headcounts = entries.Select(e => e.Entity).OfType<Servant>().Select(s => s.DependencyId).ToHashSet();
        var groups = entries.Where(e => e.Entity is not AuditEntry).GroupBy(e => e.Metadata)
            .OrderBy(g => Array.IndexOf(BulkOrder, g.Key.ClrType) is var i && i >= 0 ? i : BulkOrder.Length).ToList();
        var explicitAudits = entries.Where(e => e.Entity is AuditEntry).Select(e => e.Entity).ToList();
        foreach (var entry in entries) entry.State = EntityState.Detached;

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (headcounts.Count > 0) await Features.Shared.DependencyHeadcounts.LockAsync(this, ct);
            var created = new List<object>();
            foreach (var group in groups)
            {
                var rows = group.Select(e => e.Entity).ToList();
                await BulkInsert.InsertAsync(this, group.Key, rows, ct);
                // The audit line of each new row, as SaveAuditedChangesAsync writes it (the generated key is set now).
                if (group.First() is var first && IsAudited(first))
                    created.AddRange(rows.Select(r => Entry(r)).Select(e =>
                        (object)NewAudit("Crear", AuditName(e), KeyOf(e), DescribeEntity(e), null, Snapshot(e, original: false))));
            }
            var auditType = Model.FindEntityType(typeof(AuditEntry))!;
            await BulkInsert.InsertAsync(this, auditType, [.. explicitAudits, .. created], ct);
            if (groups.Any(g => g.Key.ClrType == typeof(Dependency))) await PlaceAllDependenciesAsync(ct);
            await Features.Shared.DependencyHeadcounts.RecountAsync(this, headcounts, ct);
            if (groups.Any(g => g.Key.ClrType == typeof(Egi.Domain.Planning.InstitutionalPlan) || g.Key.ClrType == typeof(Egi.Domain.Planning.PlanItem)))
                await Features.Shared.PlanChoicesStamp.RenewAsync(this, ct);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
            if (queuesMail && ownTransaction is not null) outboxSignal?.Notify();
            return entries.Count + created.Count;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Inserts newly opened evaluations in bulk (the opening of a period, an import): the domain computes each one's facts
    /// and waits (<see cref="Evaluation.RefreshFacts"/>, with <paramref name="period"/> and the evaluado's fecha de ingreso
    /// from <paramref name="hireDates"/>), then <see cref="BulkInsert"/> writes, a multi-row INSERT per thousand rows, the
    /// evaluations (their empty JSON parts and stored facts; keys read back), their waits, and the audit line «Crear» of
    /// each one — the rows <see cref="SaveChangesAsync(bool, CancellationToken)"/> would write, without tracking any of them —
    /// and the tallies of the dependencias they join (<see cref="Features.Shared.DependencyTallies"/>).
    /// One transaction (the caller's, or its own). Only evaluations just opened (no goals, history or other JSON part).
    /// </summary>
    public async Task InsertOpenedEvaluationsAsync(IReadOnlyList<Evaluation> evaluations, Period period, IReadOnlyDictionary<int, DateOnly> hireDates,
        CancellationToken ct = default)
    {
        if (evaluations.Count == 0) return;
        foreach (var e in evaluations)
        {
            if (e.Id != 0 || e.PeriodId != period.Id) throw new InvalidOperationException("Only new evaluations of the period are inserted in bulk.");
            e.RefreshFacts(period, hireDates.TryGetValue(e.EvaluadoId, out var hired) ? hired : new DateOnly(period.Year - 1, 1, 1));
        }
        var evaluationType = Model.FindEntityType(typeof(Evaluation))!;
        var waitType = evaluationType.FindNavigation(nameof(Evaluation.Waits))!.TargetEntityType;
        var ownerOf = new Dictionary<EvaluationWait, Evaluation>(ReferenceEqualityComparer.Instance);
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            var tallies = Features.Shared.TallyChanges.Opened(period.Id, evaluations.Select(e => e.EvaluadoId));
            await tallies.PrepareAsync(this, ct);
            foreach (var batch in evaluations.Chunk(BulkInsert.MaxRows))
            {
                await BulkInsert.InsertAsync(this, evaluationType, batch, shadow: null, ct);
                var waits = new List<object>();
                foreach (var e in batch)
                    foreach (var w in e.Waits)
                    {
                        ownerOf[w] = e;
                        waits.Add(w);
                    }
                await BulkInsert.InsertAsync(this, waitType, waits, (p, w) => p.IsForeignKey() ? ownerOf[(EvaluationWait)w].Id : null, ct);
                var audits = batch.Select(e => Entry(e)).Select(e =>
                    (object)NewAudit("Crear", AuditName(e), KeyOf(e), DescribeEntity(e), null, Snapshot(e, original: false))).ToList();
                await BulkInsert.InsertAsync(this, Model.FindEntityType(typeof(AuditEntry))!, audits, ct);
            }
            await tallies.RecountAsync(this, ct);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>The order in which <see cref="SaveAdditionsAsync"/> writes the tables it knows (others after them).</summary>
    private static readonly Type[] BulkOrder = [typeof(Dependency), typeof(Servant), typeof(AppUser), typeof(OutboxMessage), typeof(InboxNotification)];

    /// <summary>
    /// A save that adds or removes a dependencia, or changes one's code or superior, sets every dependencia's stored
    /// place in the tree (<see cref="Dependency.PlaceInTree"/>) in the same save: the others are read (a few dozen rows)
    /// and those whose place moved are written with it. Not news in the audit trail (<see cref="Derived"/>).
    /// </summary>
    private async Task PlaceDependenciesAsync(CancellationToken ct)
    {
        if (!ChangeTracker.Entries<Dependency>().Any(e => e.State is EntityState.Added or EntityState.Deleted
            || (e.State == EntityState.Modified && (e.Property(d => d.Code).IsModified || e.Property(d => d.ParentId).IsModified))))
            return;
        await Dependencies.LoadAsync(ct);
        Dependency.PlaceInTree(ChangeTracker.Entries<Dependency>().Where(e => e.State is not (EntityState.Deleted or EntityState.Detached)).Select(e => e.Entity));
    }

    /// <summary>
    /// Places every dependencia in the tree again (<see cref="Dependency.PlaceInTree"/>) and saves the places that moved:
    /// at start-up (rows written before the stored place existed, or by hand) and after the bulk path added dependencias.
    /// </summary>
    public async Task PlaceAllDependenciesAsync(CancellationToken ct = default)
    {
        var all = await Dependencies.AsNoTracking().ToListAsync(ct);
        var stored = all.ToDictionary(d => d.Id, d => d.TreePosition);
        Dependency.PlaceInTree(all);
        // Rarely more than a handful move (none on most start-ups): one UPDATE each.
        foreach (var d in all.Where(d => d.TreePosition != stored[d.Id]))
            await Dependencies.Where(x => x.Id == d.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TreePosition, d.TreePosition), ct);
    }

    /// <summary>
    /// Every tracked evaluation gets its derived facts recomputed by the domain before it is saved, with its period and
    /// the evaluado's fecha de ingreso (read once per save for all of them), so the stored facts are always current.
    /// </summary>
    private async Task RefreshEvaluationFactsAsync(CancellationToken ct)
    {
        foreach (var servant in ChangeTracker.Entries<Servant>().Where(x => x.State is EntityState.Added or EntityState.Modified))
            servant.Entity.RefreshSearch();

        // A period's windows or settings, or a servant's fecha de ingreso, feed the facts of evaluations that may not be
        // loaded: bring them in, so that this save refreshes them too.
        var periodChanged = ChangeTracker.Entries().Any(x => x.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && x.Metadata.IsOwned() && (x.Entity is StageWindow || x.Entity is PeriodSettings || x.Metadata.ClrType.Namespace == typeof(PeriodSettings).Namespace));
        var changedPeriods = periodChanged
            ? ChangeTracker.Entries<Period>().Where(x => x.State is EntityState.Modified or EntityState.Unchanged).Select(x => x.Entity.Id).ToList()
            : [];
        var changedHireDates = ChangeTracker.Entries<Servant>()
            .Where(x => x.State == EntityState.Modified && x.Property(s => s.HireDate).IsModified).Select(x => x.Entity.Id).ToList();
        if (changedPeriods.Count > 0)
            await Evaluations.Where(e => changedPeriods.Contains(e.PeriodId)).LoadAsync(ct);
        if (changedHireDates.Count > 0)
            await Evaluations.Where(e => changedHireDates.Contains(e.EvaluadoId)).LoadAsync(ct);

        var evaluations = ChangeTracker.Entries<Evaluation>()
            .Where(x => x.State is not (EntityState.Deleted or EntityState.Detached)).Select(x => x.Entity).ToList();
        if (evaluations.Count == 0) return;
        var periods = ChangeTracker.Entries<Period>().Select(x => x.Entity).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First());
        var missingPeriods = evaluations.Select(e => e.PeriodId).Distinct().Where(id => !periods.ContainsKey(id)).ToList();
        if (missingPeriods.Count > 0)
            foreach (var p in await Periods.AsNoTracking().Where(p => missingPeriods.Contains(p.Id)).ToListAsync(ct)) periods[p.Id] = p;
        var hireDates = ChangeTracker.Entries<Servant>().Select(x => x.Entity).GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First().HireDate);
        var missingServants = evaluations.Select(e => e.EvaluadoId).Distinct().Where(id => !hireDates.ContainsKey(id)).ToList();
        if (missingServants.Count > 0)
            foreach (var s in await Servants.AsNoTracking().Where(s => missingServants.Contains(s.Id)).Select(s => new { s.Id, s.HireDate }).ToListAsync(ct))
                hireDates[s.Id] = s.HireDate;
        foreach (var e in evaluations)
            if (periods.TryGetValue(e.PeriodId, out var period))
                e.RefreshFacts(period, hireDates.TryGetValue(e.EvaluadoId, out var hired) ? hired : new DateOnly(period.Year - 1, 1, 1));
        TouchChangedEvaluations();
    }

    /// <summary>
    /// An evaluation whose row or owned parts (history, goals, waits…) change in this save gets UpdatedAt = now, whatever
    /// changed it (a transition, a new evaluator, a period's calendar that moved its deadlines): the API's incremental
    /// reads («since») rely on it.
    /// </summary>
    private void TouchChangedEvaluations()
    {
        ChangeTracker.DetectChanges();
        var changedIds = new HashSet<object>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is Evaluation && entry.State == EntityState.Modified) changedIds.Add(entry.Property(nameof(Evaluation.Id)).CurrentValue!);
            else if (entry.Entity is EvaluationWait)
            {
                var fk = entry.Property(Features.Evaluations.EvaluationWaitConfiguration.EvaluationId);
                if ((entry.State == EntityState.Deleted ? fk.OriginalValue : fk.CurrentValue) is { } id) changedIds.Add(id);
            }
            else if (entry.Metadata.IsOwned() && OwnerRoot(entry.Metadata) == typeof(Evaluation)
                && entry.Metadata.FindOwnership() is { } ownership)
            {
                var fk = entry.Property(ownership.Properties[0].Name);
                if ((entry.State == EntityState.Deleted ? fk.OriginalValue : fk.CurrentValue) is { } id) changedIds.Add(id);
            }
        }
        if (changedIds.Count == 0) return;
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        foreach (var entry in ChangeTracker.Entries<Evaluation>())
        {
            if (entry.State is EntityState.Modified or EntityState.Unchanged && changedIds.Contains(entry.Property(e => e.Id).CurrentValue)
                && !entry.Property(e => e.UpdatedAt).IsModified)
                entry.Entity.UpdatedAt = now;
        }
    }

    private static Type OwnerRoot(Microsoft.EntityFrameworkCore.Metadata.IEntityType type)
    {
        while (type.FindOwnership() is { } ownership) type = ownership.PrincipalEntityType;
        return type.ClrType;
    }

    private async Task<int> SaveAuditedChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The audit trail is append-only.");
        // An issued report (activities 7, 11, 16) is a document: once issued it never changes and is never deleted.
        if (ChangeTracker.Entries<Egi.Domain.Process.IssuedReport>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("An issued report never changes: a correction is a new issue that replaces it.");

        var pending = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e))
            .Select(e => new PendingAudit(e, e.State, Snapshot(e, original: true)))
            .ToList();
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // The lines of rows modified or deleted are known before the save and go in the same one (a transition: one save,
        // one round of statements); a new row's line waits for its generated key, so a save that adds audited rows writes
        // them first and their lines after, in one transaction.
        if (pending.All(p => p.State != EntityState.Added))
        {
            var lines = pending.Select(p => AuditLine(p, p.State == EntityState.Deleted ? null : Snapshot(p.Entry, original: false))).OfType<AuditEntry>().ToList();
            AuditEntries.AddRange(lines);
            try
            {
                // The lines just added are plain new rows: nothing else needs detecting.
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) - lines.Count;
            }
            catch
            {
                // Refused (a stale version, a conflict): the lines of what was not saved are not left for a later save.
                foreach (var line in lines) Entry(line).State = EntityState.Detached;
                throw;
            }
        }
        await using var transaction = await OwnTransactionAsync(cancellationToken);
        // Capture "after" values now for modified rows; added rows get theirs (with the generated key) after the save.
        var afterValues = pending.ToDictionary(p => p.Entry, p => p.State == EntityState.Deleted ? null : Snapshot(p.Entry, original: false));
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        AuditEntries.AddRange(pending.Select(p => AuditLine(p, p.State == EntityState.Added ? Snapshot(p.Entry, original: false) : afterValues[p.Entry])).OfType<AuditEntry>());
        await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>The audit line of one audited row the save writes, with its values after the save; none when a modification changes nothing audited.</summary>
    private AuditEntry? AuditLine(PendingAudit p, string? after)
    {
        var before = p.State == EntityState.Added ? null : p.Before;
        if (p.State == EntityState.Modified && before == after) return null;
        var action = p.State switch
        {
            EntityState.Added => "Crear",
            EntityState.Deleted => "Eliminar",
            _ => "Modificar",
        };
        return NewAudit(action, AuditName(p.Entry), KeyOf(p.Entry), DescribeEntity(p.Entry), before, after);
    }

    /// <summary>
    /// The transaction a save opens when its caller has none, committed by the save (nothing, inside a caller's). Within it
    /// EF Core sets no savepoint before each inner SaveChanges (two more statements each, round trips on PostgreSQL): a
    /// failure rolls the whole transaction back, so there is nothing to roll back to.
    /// </summary>
    private async Task<OwnTransaction> OwnTransactionAsync(CancellationToken ct)
    {
        if (Database.CurrentTransaction is not null) return new OwnTransaction(this, null, Database.AutoSavepointsEnabled);
        var savepoints = Database.AutoSavepointsEnabled;
        var transaction = await Database.BeginTransactionAsync(ct);
        Database.AutoSavepointsEnabled = false;
        return new OwnTransaction(this, transaction, savepoints);
    }

    private sealed class OwnTransaction(EgiDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction, bool savepoints) : IAsyncDisposable
    {
        public Task CommitAsync(CancellationToken ct) => transaction?.CommitAsync(ct) ?? Task.CompletedTask;

        public async ValueTask DisposeAsync()
        {
            if (transaction is null) return;
            db.Database.AutoSavepointsEnabled = savepoints;
            await transaction.DisposeAsync();
        }
    }

    private AuditEntry NewAudit(string action, string entityType, string entityId, string summary, string? before, string? after) => new()
    {
        At = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime,
        UserId = Actor.UserId,
        UserName = Actor.UserName,
        Roles = Actor.Roles,
        Ip = Actor.Ip,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Summary = summary.Length > 1000 ? summary[..1000] : summary,
        Before = before,
        After = after,
    };

    // Owned parts of a period (windows, settings) are audited explicitly by their pages, as one line per change.
    // Anything else is not audited: in particular the data-protection keys (secrets written by the framework).
    private static bool IsAudited(EntityEntry e) => e.Entity is Servant or Dependency or Period or AppUser or Evaluation;

    private static string AuditName(EntityEntry e) => e.Entity switch
    {
        Servant => AuditEntities.Servant,
        Dependency => "Dependencia",
        Period => "Vigencia",
        AppUser => "Cuenta",
        Evaluation => AuditEntities.Evaluation,
        _ => e.Metadata.ClrType.Name,
    };

    private static string DescribeEntity(EntityEntry e) => e.Entity switch
    {
        Servant s => $"{s.FullName} ({s.DocumentNumber})",
        Dependency d => $"{d.Code} — {d.Name}",
        Period p => p.Name,
        AppUser u => u.UserName ?? "",
        Evaluation ev => $"Evaluación del servidor {ev.EvaluadoId}: {ev.State.Label()}",
        _ => "",
    };

    private static string KeyOf(EntityEntry e) =>
        string.Join("/", e.Metadata.FindPrimaryKey()!.Properties.Select(p => e.Property(p.Name).CurrentValue?.ToString()));

    // Never put secrets in the audit trail.
    private static readonly HashSet<string> Secret =
        [nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp)];

    // Columns derived from others (search and sort keys, a dependencia's place in the tree): not news in the audit trail.
    private static readonly HashSet<string> Derived = [nameof(Servant.SearchText), nameof(Servant.SortKey), nameof(Dependency.TreePosition)];

    private static string? Snapshot(EntityEntry e, bool original)
    {
        if (original && e.State == EntityState.Added) return null;
        // Ordinal: the culture's comparer cost a tenth of a 5 000-servant import's audit lines, for the same order of names.
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.Properties)
        {
            if (Secret.Contains(p.Metadata.Name) || Derived.Contains(p.Metadata.Name)) continue;
            values[p.Metadata.Name] = original ? p.OriginalValue : p.CurrentValue;
        }
        return JsonSerializer.Serialize(values, AuditJson);
    }

    private sealed record PendingAudit(EntityEntry Entry, EntityState State, string? Before);
}

public sealed class SqliteEgiDbContext(DbContextOptions<SqliteEgiDbContext> options) : EgiDbContext(options)
{
    /// <summary>
    /// SQLite has no decimal type: the scores (two decimals) are stored as whole hundredths, and the unrounded scores
    /// (ten decimals) as whole units of 10⁻¹⁰ (100 is 10¹²; a sum over a million evaluations still fits a 64-bit
    /// integer), so sums and comparisons run in the database and stay exact, as PostgreSQL's numeric does.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        var hundredths = new ValueConverter<decimal?, long?>(
            v => v.HasValue ? (long)decimal.Round(v.Value * 100m, 0, MidpointRounding.AwayFromZero) : null,
            v => v.HasValue ? v.Value / 100m : null);
        // 10^UnroundedDecimals.
        const decimal unit = 10_000_000_000m;
        var unrounded = new ValueConverter<decimal?, long?>(
            v => v.HasValue ? (long)decimal.Round(v.Value * unit, 0, MidpointRounding.AwayFromZero) : null,
            v => v.HasValue ? v.Value / unit : null);
        builder.Entity<Evaluation>().ComplexProperty(x => x.Facts, f =>
        {
            foreach (var score in EvaluationFacts.ScoreColumns) f.Property<decimal?>(score).HasConversion(hundredths);
            foreach (var score in EvaluationFacts.UnroundedColumns) f.Property<decimal?>(score).HasConversion(unrounded);
        });
        // The tallies' sums of unrounded scores, in the same whole units: exact, and read back as the evaluations' sums are.
        foreach (var sum in new[] { nameof(Features.Shared.DependencyTotals.FirstFollowUpSum), nameof(Features.Shared.DependencyTotals.GoalsSum), nameof(Features.Shared.DependencyTotals.CompetenciesSum), nameof(Features.Shared.DependencyTotals.FinalSum) })
            builder.Entity<Features.Shared.DependencyTally>().Property<decimal?>(sum).HasConversion(unrounded);
        builder.Entity<Egi.Domain.Improvement.EdlResult>().Property(r => r.Score)
            .HasConversion(new ValueConverter<decimal, long>(v => (long)decimal.Round(v * 100m, 0, MidpointRounding.AwayFromZero), v => v / 100m));
        PlainColumnsFirst(builder.Entity<Evaluation>().Metadata);
    }

    /// <summary>
    /// The evaluation's plain columns (its keys, state and stored facts) before its JSON documents (goals, follow-ups,
    /// competencies, history, versions: several KB, so that the row spills onto overflow pages). SQLite reads a column by
    /// walking the row's record up to it: with the facts stored after the documents, every read of a fact that no covering
    /// index held followed the row's overflow pages (the annual .xlsx cost about 4 % more CPU: bench/HISTORY.md, «15:30
    /// UTC on 07/12/2026»). The documents have no order, and EF Core places the ordered columns first when it builds the
    /// table (migration <c>EvaluationPlainColumnsFirst</c>); PostgreSQL keeps large values out of the row (TOAST) and is
    /// left as it is.
    /// </summary>
    private static void PlainColumnsFirst(IMutableEntityType evaluation)
    {
        var order = 0;
        foreach (var property in evaluation.GetProperties()) property.SetColumnOrder(order++);
        foreach (var complex in evaluation.GetComplexProperties())
            foreach (var property in complex.ComplexType.GetProperties()) property.SetColumnOrder(order++);
    }
}

public sealed class PostgresEgiDbContext(DbContextOptions<PostgresEgiDbContext> options) : EgiDbContext(options);
