using System.Globalization;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Servants;

/// <summary>What the servant pages read from the rest of the directory.</summary>
public static class ServantLookups
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("es-CO");

    /// <summary>Sorts people the way a Spanish reader expects (accents and case do not split the order).</summary>
    public static readonly StringComparer NameOrder = StringComparer.Create(Culture, CompareOptions.IgnoreCase);

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>"Apellidos, Nombres": how the directory lists and sorts people.</summary>
    public static string SortName(Servant s) => $"{s.LastNames}, {s.FirstNames}";

    /// <summary>
    /// The rules of a servant that need the rest of the directory: unique document and e-mail, an existing
    /// dependencia, and the boss rules of the domain. <paramref name="current"/> is null when creating.
    /// Fields that already have an error are not checked again.
    /// </summary>
    public static async Task<IReadOnlyList<FieldError>> CheckAgainstDirectoryAsync(
        EgiDbContext db, Servant? current, ServantInput input, IReadOnlyCollection<FieldError> already, DateOnly today, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var failed = already.Select(e => e.Field).ToHashSet();
        var id = current?.Id ?? 0;

        if (!failed.Contains(nameof(ServantInput.DocumentNumber)))
        {
            var doc = ServantInput.NormalizeDocument(input.DocumentNumber);
            var other = await db.Servants.AsNoTracking().Where(s => s.DocumentNumber == doc && s.Id != id)
                .Select(s => new { s.FirstNames, s.LastNames }).FirstOrDefaultAsync(ct);
            if (other is not null)
                errors.Add(new(nameof(ServantInput.DocumentNumber), DirectoryMessages.DocumentTaken(doc, $"{other.FirstNames} {other.LastNames}")));
        }

        if (!failed.Contains(nameof(ServantInput.Email)))
        {
            var email = input.Email.Trim().ToLowerInvariant();
            var other = await db.Servants.AsNoTracking().Where(s => s.Email == email && s.Id != id)
                .Select(s => new { s.FirstNames, s.LastNames }).FirstOrDefaultAsync(ct);
            if (other is not null)
                errors.Add(new(nameof(ServantInput.Email), DirectoryMessages.EmailTaken(email, $"{other.FirstNames} {other.LastNames}")));
        }

        if (!failed.Contains(nameof(ServantInput.DependencyId)) && input.DependencyId is { } depId)
        {
            var dep = await db.Dependencies.AsNoTracking().FirstOrDefaultAsync(d => d.Id == depId, ct);
            if (dep is null)
                errors.Add(new(nameof(ServantInput.DependencyId), DirectoryMessages.DependencyNotFound));
            else if (!dep.Active && depId != current?.DependencyId)
                errors.Add(new(nameof(ServantInput.DependencyId), DirectoryMessages.DependencyInactive(dep.Name)));
        }

        if (!failed.Contains(nameof(ServantInput.BossId)) && input.BossId is { } bossId)
        {
            // The boss and their jefes upward, one level a query, up to this person: what the cycle rule walks (the
            // directory is not read whole).
            var boss = await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == bossId, ct);
            var chain = new Dictionary<int, int?>();
            if (boss is not null) chain[boss.Id] = boss.BossId;
            for (var up = boss?.BossId; up is { } k && k != id && !chain.ContainsKey(k);)
                chain[k] = up = await db.Servants.AsNoTracking().Where(s => s.Id == k).Select(s => s.BossId).FirstOrDefaultAsync(ct);
            var bossError = BossRules.Check(id, bossId, current?.BossId, today,
                k => k == bossId ? boss : null, k => chain.TryGetValue(k, out var b) ? b : null);
            if (bossError is not null) errors.Add(bossError);
        }

        return errors;
    }
}
