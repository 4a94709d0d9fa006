using Egi.Domain.Common;

namespace Egi.Domain.Calendar;

public enum PeriodStatus
{
    /// <summary>Being prepared by Talento Humano; no evaluations yet.</summary>
    Preparation = 1,

    /// <summary>Open: evaluations run.</summary>
    Open = 2,

    /// <summary>Closed: read-only.</summary>
    Closed = 3,
}

/// <summary>An evaluation period (vigencia) with its calendar and settings (SPEC §3).</summary>
public sealed class Period
{
    public int Id { get; set; }
    public int Year { get; set; }
    public string Name { get; set; } = "";
    public PeriodStatus Status { get; set; } = PeriodStatus.Preparation;
    public List<StageWindow> Windows { get; set; } = [];
    public PeriodSettings Settings { get; set; } = PeriodSettings.Defaults();

    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>A new period with every window and setting at its default.</summary>
    public static Period CreateWithDefaults(int year) => new()
    {
        Year = year,
        Name = $"Vigencia {year}",
        Windows = StageInfo.All.Select(s => s.DefaultWindow(year)).ToList(),
        Settings = PeriodSettings.Defaults(),
    };

    public StageWindow Window(Stage stage) =>
        Windows.FirstOrDefault(w => w.Stage == stage) ?? stage.DefaultWindow(Year);

    public bool IsOpen(Stage stage, DateOnly today) => Window(stage).Contains(today);

    public static string StatusLabel(PeriodStatus status) => status switch
    {
        PeriodStatus.Preparation => "En preparación",
        PeriodStatus.Open => "Abierta",
        PeriodStatus.Closed => "Cerrada",
        _ => status.ToString(),
    };

    public static IReadOnlyList<FieldError> ValidateYear(int year, bool yearTaken)
    {
        if (year < MinYear || year > MaxYear)
            return [new("Year", $"El «Año» debe estar entre {MinYear} y {MaxYear}.")];
        if (yearTaken) return [new("Year", $"Ya existe una vigencia para el año {year}.")];
        return [];
    }

    /// <summary>Replaces every window after checking each one and that all stages are present.</summary>
    public IReadOnlyList<FieldError> SetWindows(IReadOnlyList<StageWindow> windows)
    {
        var errors = new List<FieldError>();
        foreach (var stage in StageInfo.All.Where(s => windows.All(w => w.Stage != s)))
            errors.Add(new(stage.ToString(), $"Falta la ventana de «{stage.Label()}»."));
        foreach (var w in windows) errors.AddRange(w.Validate(Year));
        if (errors.Count == 0) Windows = windows.OrderBy(w => w.Stage).ToList();
        return errors;
    }

    public IReadOnlyList<FieldError> SetSettings(PeriodSettings settings)
    {
        var errors = settings.Validate();
        if (errors.Count == 0) Settings = settings;
        return errors;
    }
}
