using System.Globalization;
using Egi.Domain.Directory;
using Egi.Domain.Scoring;

namespace Egi.Domain.Improvement;

/// <summary>
/// The result of the evaluación de desempeño laboral (EDL) of a career servant for one year, as the EDL application
/// reported it and Talento Humano imported it (activities 18–19: improvement plans also come from the EDL). One per
/// servant and year: a new import of the same servant and year replaces it.
/// </summary>
public sealed class EdlResult
{
    public long Id { get; set; }
    public int ServantId { get; set; }

    /// <summary>The year of the EDL period (the EGI period of the same year uses it).</summary>
    public int Year { get; set; }

    /// <summary>Calificación definitiva, 0–100 with two decimals.</summary>
    public decimal Score { get; set; }

    public RatingLevel Level { get; set; }
    public DateTime ImportedAt { get; set; }
    public string ImportedBy { get; set; } = "";

    public const int ImportedByMax = 256;

    /// <summary>«Satisfactorio (82,50)».</summary>
    public string Describe() => Describe(Level, Score);

    public static string Describe(RatingLevel level, decimal score) =>
        $"{level.Label()} ({score.ToString("0.00", CultureInfo.GetCultureInfo("es-CO"))})";
}

/// <summary>The EDL rules of SPEC §6 that do not depend on storage: who it applies to and how a level is read.</summary>
public static class EdlRules
{
    /// <summary>The link of a plan aspect that improves the EDL result (career servants have no EGI goals or competencies).</summary>
    public const string AspectLink = "Evaluación de desempeño laboral (EDL)";

    public const string ReasonPrefix = "Evaluación de desempeño laboral: ";

    /// <summary>The EDL is the evaluation of servants of carrera administrativa (EGI evaluates the others).</summary>
    public static bool AppliesTo(EmploymentType type) => ApplicableTypes.Contains(type);

    /// <summary>The vinculaciones the EDL rule applies to (<see cref="AppliesTo"/>), as a list a database query filters by.</summary>
    public static IReadOnlyList<EmploymentType> ApplicableTypes { get; } = [EmploymentType.Career];

    public const string AcceptedLevels = "Sobresaliente, Satisfactorio o No satisfactorio";

    /// <summary>The CNSC level as the EDL application or a person writes it: any case, with or without accents.</summary>
    public static RatingLevel? ParseLevel(string? text)
    {
        var t = DirectoryLabels.Normalize(text);
        if (t.StartsWith("nivel ", StringComparison.Ordinal)) t = t[6..];
        return t switch
        {
            "sobresaliente" => RatingLevel.Sobresaliente,
            "satisfactorio" => RatingLevel.Satisfactorio,
            "no satisfactorio" or "insatisfactorio" or "no satisfactoria" => RatingLevel.NoSatisfactorio,
            _ => null,
        };
    }

    /// <summary>
    /// The reason an EDL result requires a plan under <paramref name="settings"/>, or null: a career servant whose level is
    /// below <see cref="Calendar.PeriodSettings.ImprovementEdlLevelBelow"/> (default: below Sobresaliente).
    /// </summary>
    public static string? Reason(EmploymentType type, RatingLevel level, decimal score, Calendar.PeriodSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!AppliesTo(type)) return null;
        // The enum goes from the highest level (Sobresaliente = 0) to the lowest: "below" is a greater value.
        return (int)level > (int)settings.ImprovementEdlLevelBelow ? ReasonPrefix + EdlResult.Describe(level, score) : null;
    }

    /// <summary>
    /// The EDL level that requires a plan (<see cref="Reason"/> gives one, for a servant it <see cref="AppliesTo"/>), as an
    /// expression the database runs over the imported results. A domain test holds the two forms together.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<EdlResult, bool>> Below(Calendar.PeriodSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // The enum goes from the highest level (Sobresaliente = 0) to the lowest: "below" is a greater value.
        var below = settings.ImprovementEdlLevelBelow;
        return r => r.Level > below;
    }
}
