namespace Egi.Domain.Calendar;

/// <summary>Working-day (días hábiles) arithmetic: Monday to Friday, excluding Colombian holidays.</summary>
public static class WorkingDays
{
    /// <summary>Whether <paramref name="date"/> is Monday–Friday and not a Colombian holiday.</summary>
    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !ColombianHolidays.IsHoliday(date);

    /// <summary>
    /// The <paramref name="n"/>-th working day after <paramref name="start"/> (start itself not counted);
    /// negative <paramref name="n"/> counts backwards. With n = 0, returns start if it is a working day, else the next one.
    /// </summary>
    public static DateOnly AddWorkingDays(DateOnly start, int n)
    {
        if (n == 0)
        {
            var date = start;
            while (!IsWorkingDay(date))
            {
                date = date.AddDays(1);
            }

            return date;
        }

        int step = n > 0 ? 1 : -1;
        int remaining = Math.Abs(n);
        var current = start;
        while (remaining > 0)
        {
            current = current.AddDays(step);
            if (IsWorkingDay(current))
            {
                remaining--;
            }
        }

        return current;
    }

    /// <summary>Number of working days in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>]; 0 if to ≤ from.</summary>
    public static int CountBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        int count = 0;
        for (var date = fromExclusive.AddDays(1); date <= toInclusive; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Working days strictly after <paramref name="deadline"/> up to and including <paramref name="today"/>; 0 if not late.</summary>
    public static int WorkingDaysLate(DateOnly deadline, DateOnly today) => CountBetween(deadline, today);

    /// <summary>
    /// The day a reminder goes <paramref name="workingDaysBefore"/> working days before <paramref name="deadline"/>: the
    /// first day on which <see cref="CountBetween"/>(day, deadline) — the working days left, as the control points count
    /// them — is no more than <paramref name="workingDaysBefore"/>. Always a working day: with 0, the deadline itself, or
    /// the last working day before it when it falls on a weekend or holiday.
    /// </summary>
    public static DateOnly ReminderDay(DateOnly deadline, int workingDaysBefore)
    {
        var lastWorkingDay = IsWorkingDay(deadline) ? deadline : AddWorkingDays(deadline, -1);
        return workingDaysBefore <= 0 ? lastWorkingDay : AddWorkingDays(lastWorkingDay, -workingDaysBefore);
    }
}
