using Egi.Domain.Calendar;

namespace Egi.Domain.Tests.Calendar;

public class WorkingDaysTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [InlineData(2026, 3, 27, true)] // Friday
    [InlineData(2026, 3, 28, false)] // Saturday
    [InlineData(2026, 3, 29, false)] // Sunday
    [InlineData(2026, 4, 2, false)] // Jueves Santo
    [InlineData(2026, 4, 3, false)] // Viernes Santo
    [InlineData(2026, 1, 12, false)] // Reyes Magos (moved Monday)
    [InlineData(2026, 1, 13, true)] // Tuesday
    public void IsWorkingDay(int year, int month, int day, bool expected)
    {
        Assert.Equal(expected, WorkingDays.IsWorkingDay(D(year, month, day)));
    }

    [Fact]
    public void Fifteen_working_days_after_a_hire_spanning_semana_santa_2026()
    {
        // Hired Friday 27 Mar 2026; Jueves and Viernes Santo (2–3 Apr) and weekends are skipped.
        var hire = D(2026, 3, 27);

        Assert.Equal(D(2026, 4, 21), WorkingDays.AddWorkingDays(hire, 15));
        Assert.Equal(hire, WorkingDays.AddWorkingDays(D(2026, 4, 21), -15));
        Assert.Equal(15, WorkingDays.CountBetween(hire, D(2026, 4, 21)));
    }

    [Theory]
    [InlineData("2026-03-27", 1, "2026-03-30")] // Friday -> Monday
    [InlineData("2026-04-01", 1, "2026-04-06")] // Wednesday before Semana Santa -> Monday after Easter
    [InlineData("2026-01-09", 1, "2026-01-13")] // Friday -> Tuesday (Monday is Reyes Magos)
    [InlineData("2025-12-31", 1, "2026-01-02")] // across the year boundary and Año Nuevo
    [InlineData("2025-06-27", 1, "2025-07-01")] // 30 Jun 2025 double holiday
    [InlineData("2026-03-30", 3, "2026-04-06")]
    public void AddWorkingDays_forward(string start, int n, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), WorkingDays.AddWorkingDays(DateOnly.Parse(start), n));
    }

    [Theory]
    [InlineData("2026-03-30", -1, "2026-03-27")] // Monday -> Friday
    [InlineData("2026-04-06", -1, "2026-04-01")] // Monday after Easter -> Wednesday
    [InlineData("2026-01-13", -1, "2026-01-09")] // Tuesday -> Friday (skips Reyes Magos)
    [InlineData("2026-01-02", -1, "2025-12-31")]
    [InlineData("2026-04-04", -1, "2026-04-01")] // from a Saturday
    public void AddWorkingDays_backward(string start, int n, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), WorkingDays.AddWorkingDays(DateOnly.Parse(start), n));
    }

    [Theory]
    [InlineData("2026-03-27", "2026-03-27")] // working day: itself
    [InlineData("2026-03-28", "2026-03-30")] // Saturday -> Monday
    [InlineData("2026-04-02", "2026-04-06")] // Jueves Santo -> Monday after Easter
    [InlineData("2026-01-10", "2026-01-13")] // Saturday before Reyes Magos -> Tuesday
    public void AddWorkingDays_zero(string start, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), WorkingDays.AddWorkingDays(DateOnly.Parse(start), 0));
    }

    [Theory]
    [InlineData("2026-03-27", "2026-03-27", 0)] // same day
    [InlineData("2026-03-30", "2026-03-27", 0)] // to before from
    [InlineData("2026-03-27", "2026-03-29", 0)] // only a weekend
    [InlineData("2026-03-27", "2026-03-30", 1)]
    [InlineData("2026-04-01", "2026-04-05", 0)] // Semana Santa + weekend
    [InlineData("2026-03-29", "2026-04-05", 3)] // Mon–Wed only
    [InlineData("2025-12-31", "2026-12-31", 243)] // whole 2026: 261 weekdays − 18 weekday holidays
    public void CountBetween(string from, string to, int expected)
    {
        Assert.Equal(expected, WorkingDays.CountBetween(DateOnly.Parse(from), DateOnly.Parse(to)));
    }

    [Theory]
    [InlineData("2026-03-27", "2026-03-27", 0)] // same day: on time
    [InlineData("2026-03-27", "2026-03-20", 0)] // before deadline
    [InlineData("2026-03-27", "2026-03-28", 0)] // Saturday after a Friday deadline
    [InlineData("2026-03-27", "2026-03-30", 1)] // Friday deadline, Monday today
    [InlineData("2026-01-09", "2026-01-12", 0)] // Friday deadline, Monday is Reyes Magos
    [InlineData("2026-01-09", "2026-01-13", 1)]
    [InlineData("2026-04-01", "2026-04-06", 1)] // Jueves/Viernes Santo in between
    [InlineData("2025-06-27", "2025-07-01", 1)] // 30 Jun 2025 holiday in between
    public void WorkingDaysLate(string deadline, string today, int expected)
    {
        Assert.Equal(expected, WorkingDays.WorkingDaysLate(DateOnly.Parse(deadline), DateOnly.Parse(today)));
    }

    [Fact]
    public void AddWorkingDays_and_CountBetween_are_consistent()
    {
        var start = D(2025, 1, 1);
        for (int n = 1; n <= 300; n += 7)
        {
            var end = WorkingDays.AddWorkingDays(start, n);
            Assert.True(WorkingDays.IsWorkingDay(end));
            Assert.Equal(n, WorkingDays.CountBetween(start, end));
        }
    }

    [Fact]
    public void Dates_outside_the_supported_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.IsWorkingDay(D(1983, 12, 30)));
    }

    [Theory]
    [InlineData("2026-12-15", 5, "2026-12-07")] // 8 Dec (Inmaculada Concepción) skipped: not the 8th, nor the calendar 10th
    [InlineData("2026-10-30", 5, "2026-10-23")] // no holiday: a plain week back
    [InlineData("2026-12-31", 5, "2026-12-23")] // Christmas and a weekend in between
    [InlineData("2026-12-13", 1, "2026-12-10")] // a Sunday deadline: one working day left (Friday) from Thursday
    [InlineData("2026-12-13", 0, "2026-12-11")] // 0: the last working day on or before the deadline
    [InlineData("2026-12-15", 0, "2026-12-15")]
    public void ReminderDay_is_the_first_day_with_at_most_n_working_days_left(string deadline, int n, string expected)
    {
        var day = WorkingDays.ReminderDay(DateOnly.Parse(deadline), n);
        Assert.Equal(DateOnly.Parse(expected), day);
        Assert.True(WorkingDays.IsWorkingDay(day));
        // The control points' count of working days left: n on that day, more the working day before.
        Assert.True(WorkingDays.CountBetween(day, DateOnly.Parse(deadline)) <= n);
        Assert.True(WorkingDays.CountBetween(WorkingDays.AddWorkingDays(day, -1), DateOnly.Parse(deadline)) > n);
    }
}
