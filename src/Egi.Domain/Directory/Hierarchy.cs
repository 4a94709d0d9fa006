namespace Egi.Domain.Directory;

/// <summary>Cycle detection for parent links (dependencias) and boss links (jefe inmediato).</summary>
public static class Hierarchy
{
    /// <summary>
    /// True when making <paramref name="proposedParent"/> the parent of <paramref name="node"/> closes a loop:
    /// walking up from the proposed parent reaches the node itself.
    /// </summary>
    public static bool WouldCreateCycle(int node, int proposedParent, Func<int, int?> parentOf)
    {
        var seen = new HashSet<int>();
        int? current = proposedParent;
        while (current is { } c)
        {
            if (c == node) return true;
            if (!seen.Add(c)) return false; // an existing loop elsewhere; not created by this change
            current = parentOf(c);
        }
        return false;
    }

    /// <summary>
    /// Finds every node that is part of a cycle in a whole parent map (used to validate an import file).
    /// A node without parent is simply absent from the map.
    /// </summary>
    public static IReadOnlySet<TKey> NodesInCycles<TKey>(IReadOnlyDictionary<TKey, TKey> parentOf)
        where TKey : notnull
    {
        var inCycle = new HashSet<TKey>();
        var done = new HashSet<TKey>();
        foreach (var start in parentOf.Keys)
        {
            var path = new List<TKey>();
            var onPath = new Dictionary<TKey, int>();
            var current = start;
            var hasCurrent = true;
            while (hasCurrent && !done.Contains(current))
            {
                if (onPath.TryGetValue(current, out var index))
                {
                    for (var i = index; i < path.Count; i++) inCycle.Add(path[i]);
                    break;
                }
                onPath[current] = path.Count;
                path.Add(current);
                hasCurrent = parentOf.TryGetValue(current, out current!);
            }
            foreach (var n in path) done.Add(n);
        }
        return inCycle;
    }
}
