using Egi.Domain.Calendar;
using Egi.Domain.Common;

namespace Egi.Domain.Process;

/// <summary>
/// The issued documents of P-TH-10's consolidation activities: the two informes de avance (7, 11) and the final report
/// (16). The stored value is this stable code; the Spanish name is <see cref="IssuedReportRules.Label"/>.
/// </summary>
public enum IssuedReportKind
{
    /// <summary>Informe de avance I: the first stage (goals), activity 7.</summary>
    ProgressI = 1,

    /// <summary>Informe de avance II: the second stage (first follow-up), activity 11.</summary>
    ProgressII = 2,

    /// <summary>Informe final: the period's results, activity 16.</summary>
    Final = 3,
}

/// <summary>How a value of a snapshot's column reads: a count, a percentage (one decimal) or a score (two decimals).</summary>
public enum SnapshotValueKind
{
    Count = 0,
    Percent = 1,
    Score = 2,
}

/// <summary>
/// One line of a frozen table: the dependencia's name as it was at issue time (or the total's label) and its values, in
/// the order of the table's columns (null where the report showed «—», e.g. an average with no scores).
/// </summary>
public sealed record SnapshotLine(string Dependency, IReadOnlyList<decimal?> Values);

/// <summary>
/// One frozen table of the consolidation: a stable code for what it is, the stable codes of its value columns (the
/// dependencia column is implicit), one line per dependencia and the total line.
/// </summary>
public sealed record SnapshotTable(string Code, IReadOnlyList<string> Columns, IReadOnlyList<SnapshotLine> Lines, SnapshotLine Total);

/// <summary>The figures of the consolidation as they stood when the report was issued: never computed again.</summary>
public sealed record ConsolidationSnapshot(int Servants, IReadOnlyList<SnapshotTable> Tables);

/// <summary>
/// An issued report (activities 7, 11 and 16 of P-TH-10): Talento Humano issues a dated, frozen snapshot of the
/// consolidation with its conclusions and recommendations. Once issued it never changes and is never deleted; a
/// correction is a new issue of the same kind and period that names the one it replaces (which stays as it was).
/// </summary>
public sealed class IssuedReport
{
    private IssuedReport()
    {
    }

    public int Id { get; private set; }
    public IssuedReportKind Kind { get; private set; }
    public int PeriodId { get; private set; }

    /// <summary>The period's name when it was issued (the document says what it said).</summary>
    public string PeriodName { get; private set; } = "";

    /// <summary>When it was issued (UTC; shown in Bogotá time).</summary>
    public DateTime IssuedAt { get; private set; }

    /// <summary>The Bogotá calendar day it was issued.</summary>
    public DateOnly IssuedOn { get; private set; }

    /// <summary>Who issued it (the Talento Humano person's name).</summary>
    public string IssuedBy { get; private set; } = "";

    public string Conclusions { get; private set; } = "";
    public string Recommendations { get; private set; } = "";

    /// <summary>The earlier issue of the same kind and period that this one corrects, if any.</summary>
    public int? ReplacesId { get; private set; }

    public ConsolidationSnapshot Snapshot { get; private set; } = new(0, []);

    /// <summary>
    /// Issues the report: checks the texts (Spanish messages by field) and, for a correction, that the replaced report is
    /// of the same kind and period and not already replaced. The snapshot is what the consolidation shows now.
    /// </summary>
    public static (IssuedReport? Report, Outcome Outcome) Issue(
        IssuedReportKind kind, int periodId, string periodName, ConsolidationSnapshot snapshot,
        string? conclusions, string? recommendations, string issuedBy, DateTime issuedAtUtc,
        IssuedReportSummary? replaces = null)
    {
        var errors = IssuedReportRules.Validate(conclusions, recommendations).ToList();
        if (!Enum.IsDefined(kind)) errors.Add(new("Kind", "Elija el informe que se emite: avance I, avance II o final."));
        if (replaces is { } r)
        {
            if (r.Kind != kind || r.PeriodId != periodId)
                errors.Add(new(nameof(ReplacesId), $"El informe N.º {r.Id} es de otra vigencia u otro tipo: solo se reemplaza un {kind.Noun()} de la misma vigencia."));
            else if (r.ReplacedById is { } by)
                errors.Add(new(nameof(ReplacesId), $"El informe N.º {r.Id} ya fue reemplazado por el N.º {by}: reemplace el vigente."));
        }
        if (errors.Count > 0) return (null, Outcome.From(errors));
        return (new IssuedReport
        {
            Kind = kind,
            PeriodId = periodId,
            PeriodName = periodName,
            IssuedAt = DateTime.SpecifyKind(issuedAtUtc, DateTimeKind.Utc),
            IssuedOn = BogotaTime.Day(issuedAtUtc),
            IssuedBy = issuedBy,
            Conclusions = conclusions!.Trim(),
            Recommendations = recommendations!.Trim(),
            ReplacesId = replaces?.Id,
            Snapshot = snapshot,
        }, Outcome.Ok);
    }
}

/// <summary>What a correction needs to know of the report it replaces.</summary>
public sealed record IssuedReportSummary(int Id, IssuedReportKind Kind, int PeriodId, int? ReplacedById);

public static class IssuedReportRules
{
    public const int ConclusionsMax = 4000;
    public const int RecommendationsMax = 4000;

    public static IReadOnlyList<IssuedReportKind> Kinds { get; } = Enum.GetValues<IssuedReportKind>();

    /// <summary>The procedure's activity whose record the report is.</summary>
    public static int Activity(this IssuedReportKind kind) => kind switch
    {
        IssuedReportKind.ProgressI => 7,
        IssuedReportKind.ProgressII => 11,
        _ => 16,
    };

    public static IssuedReportKind? OfActivity(int activity) => activity switch
    {
        7 => IssuedReportKind.ProgressI,
        11 => IssuedReportKind.ProgressII,
        16 => IssuedReportKind.Final,
        _ => null,
    };

    public static string Label(this IssuedReportKind kind) => kind switch
    {
        IssuedReportKind.ProgressI => "Informe de avance I",
        IssuedReportKind.ProgressII => "Informe de avance II",
        _ => "Informe final",
    };

    /// <summary>The name inside a sentence: «informe de avance I», «informe final».</summary>
    public static string Noun(this IssuedReportKind kind) => "i" + kind.Label()[1..];

    /// <summary>What the report consolidates, as the procedure names it.</summary>
    public static string Subject(this IssuedReportKind kind) => kind switch
    {
        IssuedReportKind.ProgressI => "Primera etapa: formulación de metas y objetivos (actividad 7)",
        IssuedReportKind.ProgressII => "Segunda etapa: autoevaluación del primer seguimiento (actividad 11)",
        _ => "Resultados de la evaluación de la gestión institucional del periodo (actividad 16)",
    };

    /// <summary>The value in addresses and forms («avance-1», «avance-2», «final»).</summary>
    public static string Key(this IssuedReportKind kind) => kind switch
    {
        IssuedReportKind.ProgressI => "avance-1",
        IssuedReportKind.ProgressII => "avance-2",
        _ => "final",
    };

    public static IssuedReportKind? FromKey(string? key) =>
        Kinds.Cast<IssuedReportKind?>().FirstOrDefault(k => string.Equals(k!.Value.Key(), key?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Checks the texts the person writes; the field names are those of the form.</summary>
    public static IReadOnlyList<FieldError> Validate(string? conclusions, string? recommendations)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(conclusions))
            errors.Add(new("Conclusions", "Escriba las «Conclusiones» del informe: qué muestra la consolidación."));
        else if (conclusions.Trim().Length > ConclusionsMax)
            errors.Add(new("Conclusions", $"Las «Conclusiones» admiten máximo {ConclusionsMax} caracteres (tienen {conclusions.Trim().Length})."));
        if (string.IsNullOrWhiteSpace(recommendations))
            errors.Add(new("Recommendations", "Escriba las «Recomendaciones» del informe: qué se propone a partir de la consolidación."));
        else if (recommendations.Trim().Length > RecommendationsMax)
            errors.Add(new("Recommendations", $"Las «Recomendaciones» admiten máximo {RecommendationsMax} caracteres (tienen {recommendations.Trim().Length})."));
        return errors;
    }
}
