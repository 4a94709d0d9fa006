using Egi.Domain.Calendar;

namespace Egi.Domain.Tests.Calendar;

public class ColombianHolidaysTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    // Official calendars, hard-coded (not computed by the code under test).
    public static TheoryData<int, DateOnly[]> OfficialCalendars => new()
    {
        {
            2025,
            [
                D(2025, 1, 1), D(2025, 1, 6), D(2025, 3, 24), D(2025, 4, 17), D(2025, 4, 18), D(2025, 5, 1),
                D(2025, 6, 2), D(2025, 6, 23), D(2025, 6, 30), D(2025, 7, 20), D(2025, 8, 7), D(2025, 8, 18),
                D(2025, 10, 13), D(2025, 11, 3), D(2025, 11, 17), D(2025, 12, 8), D(2025, 12, 25),
            ]
        },
        {
            2026,
            [
                D(2026, 1, 1), D(2026, 1, 12), D(2026, 3, 23), D(2026, 4, 2), D(2026, 4, 3), D(2026, 5, 1),
                D(2026, 5, 18), D(2026, 6, 8), D(2026, 6, 15), D(2026, 6, 29), D(2026, 7, 20), D(2026, 8, 7),
                D(2026, 8, 17), D(2026, 10, 12), D(2026, 11, 2), D(2026, 11, 16), D(2026, 12, 8), D(2026, 12, 25),
            ]
        },
        {
            2027,
            [
                D(2027, 1, 1), D(2027, 1, 11), D(2027, 3, 22), D(2027, 3, 25), D(2027, 3, 26), D(2027, 5, 1),
                D(2027, 5, 10), D(2027, 5, 31), D(2027, 6, 7), D(2027, 7, 5), D(2027, 7, 20), D(2027, 8, 7),
                D(2027, 8, 16), D(2027, 10, 18), D(2027, 11, 1), D(2027, 11, 15), D(2027, 12, 8), D(2027, 12, 25),
            ]
        },
    };

    [Theory]
    [MemberData(nameof(OfficialCalendars))]
    public void For_matches_the_official_calendar(int year, DateOnly[] expected)
    {
        var actual = ColombianHolidays.For(year).Select(h => h.Date).Distinct().ToArray();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(OfficialCalendars))]
    public void IsHoliday_is_true_exactly_on_the_official_dates(int year, DateOnly[] expected)
    {
        var set = expected.ToHashSet();
        for (var d = D(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            Assert.True(set.Contains(d) == ColombianHolidays.IsHoliday(d), $"{d:yyyy-MM-dd}");
        }
    }

    [Theory]
    [InlineData(1984)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2200)]
    public void For_lists_all_18_holidays_sorted_by_date(int year)
    {
        var holidays = ColombianHolidays.For(year);

        Assert.Equal(18, holidays.Count);
        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
        Assert.Equal(18, holidays.Select(h => h.Name).Distinct().Count());
        Assert.All(holidays, h => Assert.Equal(year, h.Date.Year));
    }

    [Fact]
    public void Thirtieth_of_June_2025_is_a_double_holiday_with_both_names()
    {
        var names = ColombianHolidays.For(2025)
            .Where(h => h.Date == D(2025, 6, 30))
            .Select(h => h.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(["Sagrado Corazón de Jesús", "San Pedro y San Pablo"], names);
    }

    [Fact]
    public void Holidays_of_2026_have_their_spanish_names()
    {
        var byName = ColombianHolidays.For(2026).ToDictionary(h => h.Name, h => h.Date);

        Assert.Equal(D(2026, 1, 1), byName["Año Nuevo"]);
        Assert.Equal(D(2026, 1, 12), byName["Día de los Reyes Magos"]);
        Assert.Equal(D(2026, 3, 23), byName["Día de San José"]);
        Assert.Equal(D(2026, 4, 2), byName["Jueves Santo"]);
        Assert.Equal(D(2026, 4, 3), byName["Viernes Santo"]);
        Assert.Equal(D(2026, 5, 1), byName["Día del Trabajo"]);
        Assert.Equal(D(2026, 5, 18), byName["Ascensión del Señor"]);
        Assert.Equal(D(2026, 6, 8), byName["Corpus Christi"]);
        Assert.Equal(D(2026, 6, 15), byName["Sagrado Corazón de Jesús"]);
        Assert.Equal(D(2026, 6, 29), byName["San Pedro y San Pablo"]);
        Assert.Equal(D(2026, 7, 20), byName["Día de la Independencia"]);
        Assert.Equal(D(2026, 8, 7), byName["Batalla de Boyacá"]);
        Assert.Equal(D(2026, 8, 17), byName["La Asunción de la Virgen"]);
        Assert.Equal(D(2026, 10, 12), byName["Día de la Raza"]);
        Assert.Equal(D(2026, 11, 2), byName["Todos los Santos"]);
        Assert.Equal(D(2026, 11, 16), byName["Independencia de Cartagena"]);
        Assert.Equal(D(2026, 12, 8), byName["Inmaculada Concepción"]);
        Assert.Equal(D(2026, 12, 25), byName["Navidad"]);
    }

    [Theory]
    [InlineData(2000, 4, 23)]
    [InlineData(2008, 3, 23)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void EasterSunday_is_correct(int year, int month, int day)
    {
        Assert.Equal(D(year, month, day), ColombianHolidays.EasterSunday(year));
    }

    [Fact]
    public void For_is_cached_per_year()
    {
        Assert.Same(ColombianHolidays.For(2031), ColombianHolidays.For(2031));
    }

    [Fact]
    public void For_is_safe_to_call_concurrently()
    {
        var results = Enumerable.Range(0, 64)
            .AsParallel()
            .Select(i => ColombianHolidays.For(2040 + (i % 4)))
            .ToArray();

        Assert.All(results, r => Assert.Equal(18, r.Count));
    }

    [Theory]
    [InlineData(1983)]
    [InlineData(2201)]
    public void Years_outside_1984_to_2200_are_rejected(int year)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ColombianHolidays.For(year));
        Assert.Contains("1984", ex.Message);
        Assert.Contains("2200", ex.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => ColombianHolidays.IsHoliday(D(year, 7, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColombianHolidays.EasterSunday(year));
    }
}
