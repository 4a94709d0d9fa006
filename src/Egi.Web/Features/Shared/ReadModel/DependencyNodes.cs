using Egi.Domain.Directory;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

/// <summary>A dependencia with its place in the tree, e.g. "Dirección General › Secretaría General".</summary>
public sealed record DependencyNode(int Id, string Code, string Name, string Path, int Depth, bool Active);

/// <summary>The dependencias in tree order, read once per page: the directory, the reports and the dashboard list them so.</summary>
public static class DependencyNodes
{
    /// <summary>
    /// Every dependencia in tree order (each parent before its children, siblings by code: <see cref="Dependency.TreeOrder"/>),
    /// with its path — read in the stored order (<see cref="Dependency.TreePosition"/>, ties by id), the very order the
    /// reports' SQL sorts by, so a page's totals and its rows never disagree.
    /// </summary>
    public static async Task<IReadOnlyList<DependencyNode>> LoadAsync(EgiDbContext db, CancellationToken ct)
    {
        var all = await db.Dependencies.AsNoTracking().OrderBy(d => d.TreePosition).ThenBy(d => d.Id).ToListAsync(ct);
        var placed = new Dictionary<int, (string Path, int Depth)>();
        var result = new List<DependencyNode>(all.Count);
        foreach (var d in all)
        {
            // The superior comes first in tree order; one not placed yet (a loop of parents) makes this a root.
            var (path, depth) = d.ParentId is { } p && placed.TryGetValue(p, out var parent)
                ? ($"{parent.Path} › {d.Name}", parent.Depth + 1)
                : (d.Name, 0);
            placed[d.Id] = (path, depth);
            result.Add(new(d.Id, d.Code, d.Name, path, depth, d.Active));
        }
        return result;
    }
}
