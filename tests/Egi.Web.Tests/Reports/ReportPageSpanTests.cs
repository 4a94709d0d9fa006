using Egi.Web.Features.Reports;

namespace Egi.Web.Tests.Reports;

/// <summary>
/// Issue 11: a page of a consolidation report reads only the dependencias it spans, found from the rows each one has
/// (the totals, in tree order); the window must hold exactly the rows the whole sorted list has at that place.
/// </summary>
public class ReportPageSpanTests
{
    private static readonly (int, int)[] Counts = [(10, 30), (20, 0), (30, 45), (40, 1), (50, 80)];

    [Theory]
    [InlineData(0, 50, new[] { 10, 30 }, 0)]      // 30 of the first, 20 of the third (the second has none)
    [InlineData(50, 50, new[] { 30, 40, 50 }, 20)] // rows 50–99: the last 25 of the third, the fourth's one, 24 of the fifth
    [InlineData(30, 45, new[] { 30 }, 0)]        // exactly the third dependencia
    [InlineData(100, 50, new[] { 50 }, 24)]      // the rest of the last one
    [InlineData(156, 50, new int[0], 0)]         // past the end: nothing to read
    public void The_window_is_the_dependencias_holding_the_rows_of_the_page_and_the_rows_before_it(int skip, int take, int[] span, int within)
    {
        var (actual, skipWithin) = ReportQuery.Span(Counts, skip, take);
        Assert.Equal(span, actual);
        Assert.Equal(within, skipWithin);
    }

    [Fact]
    public void Every_page_of_the_window_is_the_slice_of_the_whole_list()
    {
        // The whole list: each dependencia's rows in tree order; a page is whole[skip..skip+take].
        var whole = Counts.SelectMany(c => Enumerable.Range(0, c.Item2).Select(i => (Dependency: c.Item1, Row: i))).ToList();
        for (var skip = 0; skip < whole.Count; skip += 7)
        {
            var (span, within) = ReportQuery.Span(Counts, skip, 13);
            var window = whole.Where(r => span.Contains(r.Dependency)).Skip(within).Take(13);
            Assert.Equal(whole.Skip(skip).Take(13), window);
        }
    }
}
