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

    /// <summary>Every time Talento Humano reopened the period after closing it, with the reason (oldest first).</summary>
    public List<PeriodReopening> Reopenings { get; set; } = [];

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

    public const int NameMaxLength = 100;

    public static IReadOnlyList<FieldError> ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return [new("Name", "Escriba el «Nombre» de la vigencia (por ejemplo: Vigencia 2027).")];
        if (name.Trim().Length > NameMaxLength) return [new("Name", $"El «Nombre» admite máximo {NameMaxLength} caracteres.")];
        return [];
    }

    /// <summary>Whether Talento Humano may still change the calendar and the settings (not once the period is closed).</summary>
    public bool IsEditable => Status != PeriodStatus.Closed;

    /// <summary>Preparation → Open. (Creating the evaluations of the period is done by the caller.)</summary>
    public Outcome Open() => Status switch
    {
        PeriodStatus.Preparation => MoveTo(PeriodStatus.Open),
        PeriodStatus.Open => Outcome.Refused($"La «{Name}» ya está abierta."),
        PeriodStatus.Closed => Outcome.Refused($"La «{Name}» está cerrada y no puede volver a abrirse con «Abrir vigencia»: use «Reabrir vigencia» y escriba el motivo."),
        _ => Outcome.Refused($"La «{Name}» no puede abrirse en el estado «{StatusLabel(Status)}»."),
    };

    /// <summary>Open → Closed: the period becomes read-only.</summary>
    public Outcome Close() => Status switch
    {
        PeriodStatus.Open => MoveTo(PeriodStatus.Closed),
        PeriodStatus.Preparation => Outcome.Refused($"La «{Name}» aún está en preparación: ábrala antes de cerrarla."),
        PeriodStatus.Closed => Outcome.Refused($"La «{Name}» ya está cerrada."),
        _ => Outcome.Refused($"La «{Name}» no puede cerrarse en el estado «{StatusLabel(Status)}»."),
    };

    public const int ReasonMaxLength = 2000;

    /// <summary>
    /// Closed → Open again, with a reason (SPEC §3: a closed period is read-only; Talento Humano may reopen it). The
    /// reopening is kept in <see cref="Reopenings"/>; the caller audits it and notifies the people concerned.
    /// </summary>
    public Outcome Reopen(string? reason, string by, DateTime now)
    {
        if (Status != PeriodStatus.Closed)
            return Outcome.Refused($"La «{Name}» está «{StatusLabel(Status)}»: solo se reabre una vigencia cerrada.");
        if (string.IsNullOrWhiteSpace(reason)) return Outcome.Refused("Escriba el «Motivo» por el que reabre la vigencia.", "Reason");
        if (reason.Trim().Length > ReasonMaxLength) return Outcome.Refused($"El «Motivo» admite máximo {ReasonMaxLength} caracteres.", "Reason");
        Reopenings.Add(new PeriodReopening { At = now, By = by, Reason = reason.Trim() });
        return MoveTo(PeriodStatus.Open);
    }

    /// <summary>Whether the period is closed, i.e. read-only.</summary>
    public bool IsClosed => Status == PeriodStatus.Closed;

    /// <summary>
    /// The refusal of any change to the period's evaluations (transitions, reopenings, evidence, partial evaluations) and
    /// improvement plans while it is closed; null while it is not.
    /// </summary>
    public Outcome? ReadOnlyRefusal() => IsClosed
        ? Outcome.Refused($"La «{Name}» está cerrada: es de solo lectura y no admite cambios. Talento Humano puede reabrirla con un motivo.")
        : null;

    /// <summary>
    /// The refusal of a change to a record of this period (an improvement plan, a session, the work plan) while it is
    /// closed; null while it is not. A record of another period is a caller's mistake, not a refusal.
    /// </summary>
    public Outcome? ReadOnlyRefusalOf(int recordPeriodId, string record) => recordPeriodId == Id
        ? ReadOnlyRefusal()
        : throw new ArgumentException($"The {record} is of period {recordPeriodId}, not {Id}.", nameof(recordPeriodId));

    private Outcome MoveTo(PeriodStatus status)
    {
        Status = status;
        return Outcome.Ok;
    }

    private FieldError ClosedError(string what) => new("", $"La «{Name}» está cerrada: {what}.");

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
        if (!IsEditable) return [ClosedError("no se pueden modificar sus ventanas de etapa")];
        var errors = new List<FieldError>();
        foreach (var stage in StageInfo.All.Where(s => windows.All(w => w.Stage != s)))
            errors.Add(new(stage.ToString(), $"Falta la ventana de «{stage.Label()}»."));
        foreach (var dup in windows.GroupBy(w => w.Stage).Where(g => g.Count() > 1))
            errors.Add(new(dup.Key.ToString(), $"La ventana de «{dup.Key.Label()}» aparece más de una vez."));
        foreach (var w in windows.Where(w => !Enum.IsDefined(w.Stage)))
            errors.Add(new("", $"La etapa {(int)w.Stage} no existe."));
        foreach (var w in windows.Where(w => Enum.IsDefined(w.Stage))) errors.AddRange(w.Validate(Year));
        if (errors.Count == 0) Windows = windows.OrderBy(w => w.Stage).ToList();
        return errors;
    }

    public IReadOnlyList<FieldError> SetSettings(PeriodSettings settings)
    {
        if (!IsEditable) return [ClosedError("no se puede modificar su configuración")];
        var errors = settings.Validate();
        if (errors.Count == 0) Settings = settings;
        return errors;
    }
}

/// <summary>Talento Humano reopened a closed period: when, who and why.</summary>
public sealed record PeriodReopening
{
    public DateTime At { get; init; }
    public string By { get; init; } = "";
    public string Reason { get; init; } = "";
}
