using System.Text.RegularExpressions;

namespace Egi.BrowserTests;

/// <summary>
/// No journey waits for a page's load through Playwright's client-side waits (<c>WaitForLoadStateAsync</c>,
/// <c>WaitForURLAsync</c>, <c>WaitForNavigationAsync</c>, <c>RunAndWaitForNavigationAsync</c>): their .NET client checks
/// the load states it has seen and only then listens for the next one, so a «load» that arrives in between is missed and
/// the wait runs into its timeout (a fresh-clone run failed so on 03/12/2026). Journeys use
/// <c>BrowserTest.LoadedAsync</c>, which asks the page, or <c>GotoAsync</c>, whose wait happens in the browser.
/// </summary>
public sealed partial class LoadWaitGuardTests
{
    [GeneratedRegex(@"\.(WaitForLoadStateAsync|WaitForURLAsync|WaitForNavigationAsync|RunAndWaitForNavigationAsync)\s*\(")]
    private static partial Regex RacyWait();

    [Fact]
    public void No_journey_waits_for_a_load_event_on_the_client()
    {
        var found = Offenders(Path.Combine(SourceRoot(), "tests", "Egi.BrowserTests"));
        Assert.True(found.Count == 0, "Use BrowserTest.LoadedAsync instead of:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_guard_sees_a_racy_wait()
    {
        var folder = Directory.CreateTempSubdirectory("egi-guard-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "Journey.cs"), "class J { async Task A(IPage page) { await page.WaitForURLAsync(\"/\"); } }");
            Assert.Equal(["Journey.cs:1"], Offenders(folder.FullName).Select(Path.GetFileName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>file:line of every call of a racy wait in the C# files under <paramref name="folder"/> (not bin/obj, not comments).</summary>
    private static List<string> Offenders(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) != nameof(LoadWaitGuardTests) + ".cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line.TrimStart())))
            .Where(x => !x.Text.StartsWith("//", StringComparison.Ordinal) && RacyWait().IsMatch(x.Text))
            .Select(x => $"{x.File}:{x.Line}")
            .ToList();

    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Egi.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Egi.slnx not found above " + AppContext.BaseDirectory);
    }
}
