using System.Collections.Concurrent;

namespace Egi.Domain.Calendar;

/// <summary>A Colombian public holiday (festivo) with its Spanish name.</summary>
public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// Colombian public holidays under Ley 51 de 1983 (Ley Emiliani), valid for years 1984–2200.
/// </summary>
public static class ColombianHolidays
{
    /// <summary>First year supported (Ley 51 de 1983 applies from 1984).</summary>
    public const int MinYear = 1984;

    /// <summary>Last year supported.</summary>
    public const int MaxYear = 2200;

    private static readonly ConcurrentDictionary<int, YearHolidays> Cache = new();

    /// <summary>All holidays of <paramref name="year"/>, sorted by date; two holidays on the same day are both listed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1984–2200.</exception>
    public static IReadOnlyList<Holiday> For(int year) => Get(year).Holidays;

    /// <summary>Whether <paramref name="date"/> is a Colombian public holiday.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1984–2200.</exception>
    public static bool IsHoliday(DateOnly date) => Get(date.Year).Dates.Contains(date);

    /// <summary>Easter Sunday of <paramref name="year"/> (anonymous Gregorian algorithm).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1984–2200.</exception>
    public static DateOnly EasterSunday(int year)
    {
        EnsureInRange(year);
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31;
        int day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static YearHolidays Get(int year)
    {
        EnsureInRange(year);
        return Cache.GetOrAdd(year, Build);
    }

    private static void EnsureInRange(int year)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(year),
                year,
                $"El calendario de festivos de Colombia solo está disponible para los años {MinYear} a {MaxYear}; se recibió {year}.");
        }
    }

    private static YearHolidays Build(int year)
    {
        DateOnly easter = EasterSunday(year);
        DateOnly Fixed(int month, int day) => new(year, month, day);
        DateOnly Moved(int month, int day) => NextMonday(new DateOnly(year, month, day));

        var holidays = new List<Holiday>
        {
            // Fixed: never moved.
            new(Fixed(1, 1), "Año Nuevo"),
            new(Fixed(5, 1), "Día del Trabajo"),
            new(Fixed(7, 20), "Día de la Independencia"),
            new(Fixed(8, 7), "Batalla de Boyacá"),
            new(Fixed(12, 8), "Inmaculada Concepción"),
            new(Fixed(12, 25), "Navidad"),

            // Ley Emiliani: moved to the following Monday.
            new(Moved(1, 6), "Día de los Reyes Magos"),
            new(Moved(3, 19), "Día de San José"),
            new(Moved(6, 29), "San Pedro y San Pablo"),
            new(Moved(8, 15), "La Asunción de la Virgen"),
            new(Moved(10, 12), "Día de la Raza"),
            new(Moved(11, 1), "Todos los Santos"),
            new(Moved(11, 11), "Independencia de Cartagena"),

            // Easter-based.
            new(easter.AddDays(-3), "Jueves Santo"),
            new(easter.AddDays(-2), "Viernes Santo"),
            new(easter.AddDays(43), "Ascensión del Señor"),
            new(easter.AddDays(64), "Corpus Christi"),
            new(easter.AddDays(71), "Sagrado Corazón de Jesús"),
        };

        // OrderBy is stable, so same-day holidays keep a deterministic order.
        var sorted = holidays.OrderBy(h => h.Date).ToList().AsReadOnly();
        return new YearHolidays(sorted, sorted.Select(h => h.Date).ToHashSet());
    }

    private static DateOnly NextMonday(DateOnly date) =>
        date.AddDays(((int)DayOfWeek.Monday - (int)date.DayOfWeek + 7) % 7);

    private sealed record YearHolidays(IReadOnlyList<Holiday> Holidays, HashSet<DateOnly> Dates);
}
