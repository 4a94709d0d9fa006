using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

/// <summary>A dependencia with its place in the tree, e.g. "Dirección General › Secretaría General".</summary>
public sealed record DependencyNode(int Id, string Code, string Name, string Path, int Depth, bool Active);

/// <summary>The dependencias in tree order, read once per page: the directory, the reports and the dashboard list them so.</summary>
public static class DependencyNodes
{
    /// <summary>Every dependencia in tree order (each parent before its children, siblings by code), with its path.</summary>
    public static async Task<IReadOnlyList<DependencyNode>> LoadAsync(EgiDbContext db, CancellationToken ct)
    {
        var all = await db.Dependencies.AsNoTracking().ToListAsync(ct);
        var ids = all.Select(d => d.Id).ToHashSet();
        var children = all.ToLookup(d => d.ParentId is { } p && ids.Contains(p) ? p : (int?)null);
        var result = new List<DependencyNode>();
        var seen = new HashSet<int>();

        void Walk(int? parent, string prefix, int depth)
        {
            foreach (var d in children[parent].OrderBy(d => d.Code, StringComparer.Ordinal))
            {
                if (!seen.Add(d.Id)) continue;
                var path = prefix.Length == 0 ? d.Name : $"{prefix} › {d.Name}";
                result.Add(new(d.Id, d.Code, d.Name, path, depth, d.Active));
                Walk(d.Id, path, depth + 1);
            }
        }

        Walk(null, "", 0);
        // A parent loop (which the dependencias page refuses) would leave nodes unreached: list them anyway.
        foreach (var d in all.Where(d => !seen.Contains(d.Id)).OrderBy(d => d.Code, StringComparer.Ordinal))
            result.Add(new(d.Id, d.Code, d.Name, d.Name, 0, d.Active));
        return result;
    }
}
