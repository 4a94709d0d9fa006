using System.ComponentModel;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;
using Egi.Web.Data;
using Egi.Web.Features.Directory.Import;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory;

/// <summary>A dependencia as the HR suite sends it; matched by its code.</summary>
public sealed record DependencySyncItem(
    [property: Description(DirectoryMessages.Api.DependencyCode)] string? Code,
    [property: Description(DirectoryMessages.Api.DependencyName)] string? Name,
    [property: Description(DirectoryMessages.Api.DependencyParentCode)] string? ParentCode,
    [property: Description(DirectoryMessages.Api.DependencyActive)] bool? Active);

/// <summary>A servant as the HR suite sends it: the columns of the import template, with the same rules.</summary>
public sealed record ServantSyncItem(
    [property: Description(DirectoryMessages.Api.ServantDocumentNumber)] string? DocumentNumber,
    [property: Description(DirectoryMessages.Api.ServantFirstNames)] string? FirstNames,
    [property: Description(DirectoryMessages.Api.ServantLastNames)] string? LastNames,
    [property: Description(DirectoryMessages.Api.ServantEmail)] string? Email,
    [property: Description(DirectoryMessages.Api.ServantJobTitle)] string? JobTitle,
    [property: Description(DirectoryMessages.Api.ServantJobCode)] string? JobCode,
    [property: Description(DirectoryMessages.Api.ServantJobGrade)] string? JobGrade,
    [property: Description(DirectoryMessages.Api.ServantLevel)] string? Level,
    [property: Description(DirectoryMessages.Api.ServantDependency)] string? Dependency,
    [property: Description(DirectoryMessages.Api.ServantEmploymentType)] string? EmploymentType,
    [property: Description(DirectoryMessages.Api.ServantHireDate)] string? HireDate,
    [property: Description(DirectoryMessages.Api.ServantRetirementDate)] string? RetirementDate,
    [property: Description(DirectoryMessages.Api.ServantBossDocumentNumber)] string? BossDocumentNumber,
    [property: Description(DirectoryMessages.Api.ServantHasStaff)] bool? HasStaff,
    [property: Description(DirectoryMessages.Api.ServantIsPublicManager)] bool? IsPublicManager);

/// <summary>The whole directory (or part of it) to bring in line: dependencias first, then servants.</summary>
public sealed record DirectorySyncRequest(
    [property: Description(DirectoryMessages.Api.SyncDependencies)] List<DependencySyncItem>? Dependencies,
    [property: Description(DirectoryMessages.Api.SyncServants)] List<ServantSyncItem>? Servants);

/// <summary>One problem of the request, as the import lists them: section, position (1-based), field, value, message.</summary>
public sealed record SyncError(
    [property: Description(DirectoryMessages.Api.ErrorSection)] string Section,
    [property: Description(DirectoryMessages.Api.ErrorRow)] int? Row,
    [property: Description(DirectoryMessages.Api.ErrorField)] string Field,
    [property: Description(DirectoryMessages.Api.ErrorValue)] string Value,
    [property: Description(DirectoryMessages.Api.ErrorMessage)] string Message);

public sealed record SyncChange(string Field, string Before, string After);

public sealed record SyncedDependency(int Row, string Code, string Name, IReadOnlyList<SyncChange> Changes);

public sealed record SyncedServant(int Row, string DocumentNumber, string FullName, string Dependency, string Boss, IReadOnlyList<SyncChange> Changes);

public sealed record SyncPart<T>(
    [property: Description(DirectoryMessages.Api.PartCreated)] int Created,
    [property: Description(DirectoryMessages.Api.PartUpdated)] int Updated,
    [property: Description(DirectoryMessages.Api.PartUnchanged)] int Unchanged,
    [property: Description(DirectoryMessages.Api.PartCreates)] IReadOnlyList<T> Creates,
    [property: Description(DirectoryMessages.Api.PartUpdates)] IReadOnlyList<T> Updates);

/// <summary>What a sync did (or, with dryRun, would do).</summary>
public sealed record DirectorySyncResult(
    [property: Description(DirectoryMessages.Api.ResultDryRun)] bool DryRun,
    [property: Description(DirectoryMessages.Api.ResultApplied)] bool Applied,
    SyncPart<SyncedDependency> Dependencies,
    SyncPart<SyncedServant> Servants);

/// <summary>
/// Bulk upsert of the directory for integrations, with exactly the servants import's rules: the servants become the rows
/// of an import sheet (one column per template column, the position in the list as the row) that
/// <see cref="ServantImport"/> checks and plans and <see cref="ServantImporter"/> applies — same validation, same
/// messages, all-or-nothing, idempotent by document number. Dependencias go first (by code, the rules of the
/// dependencia form), so that servants may name new ones; everything is written in one transaction.
/// </summary>
public sealed class DirectorySync(EgiDbContext db, ServantImporter importer)
{
    // The dependencias section's fields, named as the columns of the dependencias form (what a problem or a change names).
    private const string CodeField = "Código";
    private const string NameField = "Nombre";
    private const string ParentField = "Dependencia superior";
    private const string ActiveField = "Activa";
    private static string YesNo(bool value) => value ? "Sí" : "No";

    public const string Dependencies = "dependencias";
    public const string Servants = "servidores";

    /// <summary>
    /// The errors (nothing written), or what was applied; or, when <see cref="Deferred"/>, what a valid request would apply
    /// (nothing written: the caller queues it).
    /// </summary>
    public sealed record Outcome(IReadOnlyList<SyncError> Errors, DirectorySyncResult? Result, bool Conflict = false, bool Deferred = false);

    private sealed record PlannedDependency(int Row, int Id, bool IsNew, string Code, string Name, int? ParentId, string? ParentCode, bool Active, IReadOnlyList<SyncChange> Changes);

    /// <summary>
    /// Checks the request against the directory and, unless <paramref name="dryRun"/>, applies it all or nothing. Inside a
    /// caller's transaction (the background job, which records its outcome in the same commit) it joins it and leaves the
    /// commit to the caller; a refusal rolls it back. <paramref name="progress"/> hears the steps done out of
    /// <see cref="StepsOf"/>: each dependencia written, then each servant, then each account. A valid request for which
    /// <paramref name="deferIf"/> answers true (given its preview) is not applied: the outcome says so.
    /// </summary>
    public async Task<Outcome> RunAsync(DirectorySyncRequest request, bool dryRun, string source, DateOnly today, CancellationToken ct,
        IProgress<int>? progress = null, Func<DirectorySyncResult, bool>? deferIf = null)
    {
        var depItems = request.Dependencies ?? [];
        var servantItems = request.Servants ?? [];
        if (depItems.Count == 0 && servantItems.Count == 0)
            return new([new(Servants, null, "", "", DirectoryMessages.Api.SyncEmpty)], null);
        if (servantItems.Count > ServantImport.MaxRows)
            return new([new(Servants, null, "", servantItems.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DirectoryMessages.Api.SyncTooLarge(ServantImport.MaxRows))], null);

        var existingDeps = await db.Dependencies.AsNoTracking().ToListAsync(ct);
        var servants = await db.Servants.AsNoTracking().ToListAsync(ct);
        var errors = new List<SyncError>();
        var planned = PlanDependencies(depItems, existingDeps, errors);

        // The dependencias as they will be (new ones with temporary negative ids), for the servants' rules.
        var after = existingDeps.ToDictionary(d => d.Id, d => new Dependency { Id = d.Id, Code = d.Code, Name = d.Name, ParentId = d.ParentId, Active = d.Active });
        foreach (var p in planned) after[p.Id] = new Dependency { Id = p.Id, Code = p.Code, Name = p.Name, ParentId = p.ParentId, Active = p.Active };

        var rows = SheetRows(servantItems);
        ImportPlan? plan = null;
        if (servantItems.Count > 0)
        {
            plan = ServantImport.Plan(rows, servants, after.Values.ToList(), today);
            errors.AddRange(plan.FileErrors.Select(m => new SyncError(Servants, null, "", "", m)));
            errors.AddRange(plan.RowErrors.Select(e => new SyncError(Servants, e.Row, e.Column, e.Value, e.Message)));
        }
        if (errors.Count == 0) CheckStatus(planned, after, servants, plan, today, errors);
        if (errors.Count == 0 && plan is not null) errors.AddRange(await RoleEmailErrorsAsync(plan, ct));
        if (errors.Count > 0) return new(errors.OrderBy(e => e.Section).ThenBy(e => e.Row).ToList(), null);

        var result = Describe(planned, after, plan, dryRun);
        if (dryRun) return new([], result);
        if (deferIf?.Invoke(result) == true) return new([], result, Deferred: true);

        var outer = db.Database.CurrentTransaction;
        await using var owned = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var transaction = outer ?? owned!;
        var dependencySteps = await ApplyDependenciesAsync(planned, ct);
        progress?.Report(dependencySteps);
        if (servantItems.Count > 0)
        {
            // Planned again against the directory as written (real ids of the new dependencias), inside the transaction.
            var final = await importer.PlanAsync(rows, today, ct);
            if (!final.IsValid)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new(final.RowErrors.Select(e => new SyncError(Servants, e.Row, e.Column, e.Value, e.Message))
                    .Concat(final.FileErrors.Select(m => new SyncError(Servants, null, "", "", m))).ToList(), null, Conflict: true);
            }
            if (await RoleEmailErrorsAsync(final, ct) is { Count: > 0 } roleErrors)
            {
                // A role granted since the check above: refused as it would have been.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new(roleErrors, null);
            }
            if (final.HasChanges)
            {
                var servantProgress = progress is null ? null : new Progress(done => progress.Report(dependencySteps + done));
                var applyErrors = await importer.ApplyAsync(final, source, ct, servantProgress);
                if (applyErrors.Count > 0) return new(applyErrors.Select(m => new SyncError(Servants, null, "", "", m)).ToList(), null, Conflict: true);
            }
            // What was applied is what the servants' plan says now (the same as the preview, unless the directory changed).
            result = Describe(planned, after, final, dryRun: false);
        }
        if (owned is not null) await owned.CommitAsync(ct);
        return new([], result with { Applied = true });
    }

    /// <summary>
    /// An integration may not change the e-mail of an account that holds a role (Talento Humano, Planeación, Consulta):
    /// the e-mail is where the password-reset link goes, so a key that writes the directory would otherwise take over the
    /// account. Talento Humano changes it in EGI (the servant's form, or the import a person confirms).
    /// </summary>
    private async Task<IReadOnlyList<SyncError>> RoleEmailErrorsAsync(ImportPlan plan, CancellationToken ct)
    {
        var emailField = ImportColumns.Of(ImportField.Email).Header;
        var changing = plan.Updates.Where(u => u.ExistingId is not null && u.Changes.Any(c => c.Field == emailField)).ToList();
        if (changing.Count == 0) return [];
        var ids = changing.Select(u => u.ExistingId!.Value).ToList();
        var roles = (await (from u in db.Users.AsNoTracking()
                            where u.ServantId != null && ids.Contains(u.ServantId.Value)
                            join ur in db.UserRoles.AsNoTracking() on u.Id equals ur.UserId
                            join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                            select new { Servant = u.ServantId!.Value, r.Name }).ToListAsync(ct))
            .GroupBy(x => x.Servant).ToDictionary(g => g.Key, g => g.Select(x => Infrastructure.EgiRoles.Label(x.Name!)).Order(StringComparer.Ordinal).ToList());
        return changing.Where(u => roles.ContainsKey(u.ExistingId!.Value))
            .Select(u => new SyncError(Servants, u.Row, emailField, u.Input.Email,
                DirectoryMessages.Api.RoleEmailNotSynced($"{u.Input.FirstNames} {u.Input.LastNames}".Trim(), roles[u.ExistingId!.Value])))
            .ToList();
    }

    /// <summary>The answer to a refused sync (status, title, detail): the same for the request and for its background job.</summary>
    public static (int Status, string Title, string Detail) RefusalOf(Outcome outcome) => outcome.Conflict
        ? (StatusCodes.Status409Conflict, DirectoryMessages.Api.SyncConflictTitle,
            DirectoryMessages.Api.SyncConflictDetail)
        : (StatusCodes.Status422UnprocessableEntity, DirectoryMessages.Api.SyncErrorsTitle,
            DirectoryMessages.Api.SyncErrorsDetail(outcome.Errors.Count));

    /// <summary>What a sync did, in one Spanish line (the audit trail's, and a job's message).</summary>
    public static string SummaryOf(DirectorySyncResult r) =>
        $"dependencias {r.Dependencies.Created} creadas, {r.Dependencies.Updated} actualizadas, {r.Dependencies.Unchanged} sin cambios; " +
        $"servidores {r.Servants.Created} creados, {r.Servants.Updated} actualizados, {r.Servants.Unchanged} sin cambios";

    /// <summary>The steps of an apply, for a progress bar: each dependencia written, each servant saved, then each account.</summary>
    public static int StepsOf(DirectorySyncResult r) =>
        r.Dependencies.Created + r.Dependencies.Updated + 2 * (r.Servants.Created + r.Servants.Updated);

    /// <summary>How many dependencias and servants a sync creates or updates (what makes it large).</summary>
    public static int ChangesOf(DirectorySyncResult r) =>
        r.Dependencies.Created + r.Dependencies.Updated + r.Servants.Created + r.Servants.Updated;

    /// <summary>A synchronous <see cref="IProgress{T}"/> (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private static List<PlannedDependency> PlanDependencies(List<DependencySyncItem> items, List<Dependency> existing, List<SyncError> errors)
    {
        var byCode = existing.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        var firstRow = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var idOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in existing) idOf[d.Code] = d.Id;
        var rows = new List<(int Row, DependencySyncItem Item, string Code, int Id)>();
        for (var i = 0; i < items.Count; i++)
        {
            var row = i + 1;
            var code = items[i]?.Code?.Trim() ?? "";
            if (code.Length > 0 && !firstRow.TryAdd(code, row))
            {
                errors.Add(new(Dependencies, row, CodeField, code, DirectoryMessages.Api.DependencyCodeRepeated(code, firstRow[code])));
                continue;
            }
            var id = byCode.TryGetValue(code, out var found) ? found.Id : -row;
            if (code.Length > 0) idOf[code] = id;
            rows.Add((row, items[i] ?? new DependencySyncItem(null, null, null, null), code, id));
        }

        var parentOf = existing.ToDictionary(d => d.Id, d => d.ParentId);
        var parentIds = new Dictionary<int, int?>();
        foreach (var (row, item, code, id) in rows)
        {
            var parentCode = item.ParentCode?.Trim();
            int? parentId = null;
            if (!string.IsNullOrEmpty(parentCode))
            {
                if (idOf.TryGetValue(parentCode, out var p)) parentId = p;
                else errors.Add(new(Dependencies, row, ParentField, parentCode,
                    DirectoryMessages.Api.ParentCodeUnknown(parentCode)));
            }
            parentIds[id] = parentId;
            parentOf[id] = parentId;
        }

        var planned = new List<PlannedDependency>();
        foreach (var (row, item, code, id) in rows)
        {
            var parentId = parentIds[id];
            var fieldErrors = Dependency.Validate(id, item.Code, item.Name, parentId, parentOf, _ => false)
                .Where(e => e.Field != "ParentId" || parentId is not null && parentOf.ContainsKey(parentId.Value)).ToList();
            foreach (var e in fieldErrors) errors.Add(ErrorOf(row, e, item));
            if (fieldErrors.Count > 0) continue;
            var name = item.Name!.Trim();
            var active = item.Active ?? true;
            var parentCode = parentId is { } pid ? idOf.First(kv => kv.Value == pid).Key : null;
            if (byCode.TryGetValue(code, out var current))
            {
                var changes = new List<SyncChange>();
                if (current.Name != name) changes.Add(new(NameField, current.Name, name));
                if (current.ParentId != parentId)
                    changes.Add(new(ParentField, existing.FirstOrDefault(d => d.Id == current.ParentId)?.Code ?? "", parentCode ?? ""));
                if (current.Active != active) changes.Add(new(ActiveField, YesNo(current.Active), YesNo(active)));
                planned.Add(new(row, id, false, current.Code, name, parentId, parentCode, active, changes));
            }
            else planned.Add(new(row, id, true, code, name, parentId, parentCode, active, []));
        }
        return planned;
    }

    private static SyncError ErrorOf(int row, FieldError e, DependencySyncItem item) => e.Field switch
    {
        "Code" => new(Dependencies, row, CodeField, item.Code ?? "", e.Message),
        "Name" => new(Dependencies, row, NameField, item.Name ?? "", e.Message),
        "ParentId" => new(Dependencies, row, ParentField, item.ParentCode ?? "", e.Message),
        _ => new(Dependencies, row, ActiveField, item.Active?.ToString() ?? "", e.Message),
    };

    /// <summary>The «Activa» rules of the dependencia form, on the directory as the sync leaves it.</summary>
    private static void CheckStatus(List<PlannedDependency> planned, Dictionary<int, Dependency> after, List<Servant> servants, ImportPlan? plan,
        DateOnly today, List<SyncError> errors)
    {
        var dependencyOf = servants.ToDictionary(s => ServantInput.NormalizeDocument(s.DocumentNumber), s => (s.DependencyId, s.RetirementDate));
        if (plan is not null)
            foreach (var p in plan.Creates.Concat(plan.Updates).Concat(plan.Unchanged))
                dependencyOf[p.Document] = (p.Input.DependencyId!.Value, p.Input.RetirementDate);
        var activeServants = dependencyOf.Values.Where(v => !Servant.RetiredBy(v.RetirementDate, today))
            .GroupBy(v => v.DependencyId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var p in planned.Where(p => p.IsNew || p.Changes.Count > 0))
        {
            var parent = p.ParentId is { } pid ? after[pid] : null;
            var children = after.Values.Count(d => d.ParentId == p.Id && d.Active);
            foreach (var e in Dependency.ValidateStatus(p.Name, p.Active, activeServants.GetValueOrDefault(p.Id), children, parent?.Name, parent?.Active ?? true))
                errors.Add(new(Dependencies, p.Row, e.Field == "Active" ? ActiveField : ParentField, e.Field == "Active" ? YesNo(p.Active) : p.ParentCode ?? "", e.Message));
        }
    }

    /// <summary>Writes the new and changed dependencias; returns how many.</summary>
    private async Task<int> ApplyDependenciesAsync(List<PlannedDependency> planned, CancellationToken ct)
    {
        var creates = planned.Where(p => p.IsNew).ToList();
        var updates = planned.Where(p => !p.IsNew && p.Changes.Count > 0).ToList();
        if (creates.Count == 0 && updates.Count == 0) return 0;
        // New ones first without their superior (it may be new too), then every superior and update with the real ids.
        var added = creates.ToDictionary(p => p.Id, p => new Dependency { Code = p.Code, Name = p.Name, Active = p.Active });
        db.Dependencies.AddRange(added.Values);
        await db.SaveChangesAsync(ct);
        int? RealId(int? id) => id is { } i && added.TryGetValue(i, out var d) ? d.Id : id;
        foreach (var p in creates.Where(p => p.ParentId is not null)) added[p.Id].ParentId = RealId(p.ParentId);
        var ids = updates.Select(u => u.Id).ToList();
        var tracked = await db.Dependencies.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        foreach (var u in updates)
        {
            var d = tracked[u.Id];
            d.Name = u.Name;
            d.ParentId = RealId(u.ParentId);
            d.Active = u.Active;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return creates.Count + updates.Count;
    }

    /// <summary>The servants as the rows of an import sheet: row 0 the template's headers, row n the n-th servant.</summary>
    public static IReadOnlyList<SheetRow> SheetRows(IReadOnlyList<ServantSyncItem?> servants)
    {
        var rows = new List<SheetRow>(servants.Count + 1)
        {
            new(0, ImportColumns.All.Select(c => (object?)c.Header).ToArray()),
        };
        for (var i = 0; i < servants.Count; i++)
        {
            var s = servants[i] ?? new ServantSyncItem(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            object?[] cells =
            [
                s.DocumentNumber, s.FirstNames, s.LastNames, s.Email, s.JobTitle, s.JobCode, s.JobGrade, s.Level, s.Dependency,
                s.EmploymentType, s.HireDate, s.RetirementDate, s.BossDocumentNumber, s.HasStaff ?? false, s.IsPublicManager ?? false,
            ];
            // A servant with every field empty would be a blank row (skipped by the import): it is refused instead.
            if (cells.All(c => c is null or false or "")) cells[0] = " ";
            rows.Add(new SheetRow(i + 1, cells));
        }
        return rows;
    }

    private static DirectorySyncResult Describe(List<PlannedDependency> planned, Dictionary<int, Dependency> after, ImportPlan? plan, bool dryRun)
    {
        var depCreates = planned.Where(p => p.IsNew).Select(p => new SyncedDependency(p.Row, p.Code, p.Name, [])).ToList();
        var depUpdates = planned.Where(p => !p.IsNew && p.Changes.Count > 0).Select(p => new SyncedDependency(p.Row, p.Code, p.Name, p.Changes)).ToList();
        var deps = new SyncPart<SyncedDependency>(depCreates.Count, depUpdates.Count, planned.Count - depCreates.Count - depUpdates.Count, depCreates, depUpdates);
        SyncedServant Of(PlannedServant p) => new(p.Row, p.Document, p.FullName,
            after.TryGetValue(p.Input.DependencyId ?? 0, out var d) ? $"{d.Code} — {d.Name}" : p.DependencyLabel, p.BossLabel,
            p.Changes.Select(c => new SyncChange(c.Field, c.Before, c.After)).ToList());
        var servants = plan is null
            ? new SyncPart<SyncedServant>(0, 0, 0, [], [])
            : new SyncPart<SyncedServant>(plan.Creates.Count, plan.Updates.Count, plan.Unchanged.Count,
                plan.Creates.Select(Of).ToList(), plan.Updates.Select(Of).ToList());
        return new DirectorySyncResult(dryRun, false, deps, servants);
    }
}
