using Egi.Domain.Common;

namespace Egi.Domain.Calendar;

/// <summary>One level of the competency frequency scale (e.g. "Siempre" = 4).</summary>
public sealed class ScaleLevel
{
    public string Label { get; set; } = "";
    public int Value { get; set; }
}

/// <summary>
/// The rules Talento Humano may change per period (SPEC: every rule marked "default").
/// A new period starts with <see cref="Defaults"/>; <see cref="Sources"/> says where each default comes from.
/// </summary>
public sealed class PeriodSettings
{
    public static readonly string[] KnownEvidenceTypes = ["pdf", "docx", "xlsx", "pptx", "png", "jpg", "jpeg", "doc", "xls", "ppt", "csv", "txt", "zip", "odt", "ods", "odp"];

    public int MinGoals { get; set; } = 1;
    public int MaxGoals { get; set; } = 5;

    /// <summary>Weight of the goals component in the final rating, in % (the rest is competencies).</summary>
    public int GoalsWeight { get; set; } = 85;
    public int CompetenciesWeight { get; set; } = 15;

    /// <summary>Sobresaliente from this score (inclusive).</summary>
    public decimal OutstandingFrom { get; set; } = 90m;

    /// <summary>No satisfactorio up to this score (inclusive); Satisfactorio is strictly between.</summary>
    public decimal UnsatisfactoryUpTo { get; set; } = 65m;

    // No initializer on purpose: EF Core fills a collection it finds already created, so a list made in the
    // constructor would come back from the database with the default levels plus the stored ones.
    private List<ScaleLevel>? competencyScale;

    /// <summary>The frequency scale for competencies, from the lowest value to the highest (default: Nunca = 1 … Siempre = 4).</summary>
    public List<ScaleLevel> CompetencyScale
    {
        get => competencyScale ??= DefaultScale();
        set => competencyScale = value;
    }

    /// <summary>A competency rated below this value triggers an improvement plan (default: Frecuentemente = 3).</summary>
    public int ImprovementCompetencyBelow { get; set; } = 3;

    /// <summary>A final level below this one triggers an improvement plan (default: below Sobresaliente).</summary>
    public Scoring.RatingLevel ImprovementLevelBelow { get; set; } = Scoring.RatingLevel.Sobresaliente;

    /// <summary>
    /// A career servant whose imported EDL level (evaluación de desempeño laboral, same year) is below this one requires an
    /// improvement plan (default: below Sobresaliente, i.e. Satisfactorio and No satisfactorio).
    /// </summary>
    public Scoring.RatingLevel ImprovementEdlLevelBelow { get; set; } = Scoring.RatingLevel.Sobresaliente;

    /// <summary>
    /// Working days (días hábiles, Colombian holidays excluded) before a deadline on which its automatic reminder goes,
    /// and the control points' «cierra pronto» (default: 5).
    /// </summary>
    public int ReminderDaysBeforeClose { get; set; } = 5;

    /// <summary>How many "no aceptar" on the same step before Talento Humano is alerted.</summary>
    public int DisagreementRounds { get; set; } = 2;

    /// <summary>Working days after a new servant's fecha de ingreso in which they may formulate goals.</summary>
    public int NewServantGoalWorkingDays { get; set; } = 15;

    public int MaxEvidenceSizeMb { get; set; } = 10;
    public string AllowedEvidenceTypes { get; set; } = "pdf,docx,xlsx,pptx,png,jpg";

    /// <summary>How partial evaluations (change of evaluator) enter the final rating (default: the last evaluator's follow-up).</summary>
    public Scoring.PartialEvaluationRule PartialEvaluationsInFinal { get; set; } = Scoring.PartialEvaluationRule.LastEvaluator;

    /// <summary>Every goal must name the institutional plan item it serves before it is sent (default: off).</summary>
    public bool RequirePlanLink { get; set; }

    public static PeriodSettings Defaults() => new() { CompetencyScale = DefaultScale() };

    public static List<ScaleLevel> DefaultScale() =>
    [
        new() { Label = "Nunca", Value = 1 },
        new() { Label = "Algunas veces", Value = 2 },
        new() { Label = "Frecuentemente", Value = 3 },
        new() { Label = "Siempre", Value = 4 },
    ];

    public IReadOnlyList<string> EvidenceTypes =>
        AllowedEvidenceTypes.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.TrimStart('.').ToLowerInvariant()).Distinct().ToList();

    /// <summary>Where each default comes from, keyed by property name.</summary>
    public static IReadOnlyDictionary<string, string> Sources { get; } = new Dictionary<string, string>
    {
        [nameof(MinGoals)] = "SPEC §4: entre 1 y 5 metas",
        [nameof(MaxGoals)] = "SPEC §4: entre 1 y 5 metas",
        [nameof(GoalsWeight)] = "Reparto 85/15 del sistema nacional de EDL (Acuerdo CNSC 6176 de 2018)",
        [nameof(CompetenciesWeight)] = "Reparto 85/15 del sistema nacional de EDL (Acuerdo CNSC 6176 de 2018)",
        [nameof(OutstandingFrom)] = "Escala de la EDL: Sobresaliente ≥ 90",
        [nameof(UnsatisfactoryUpTo)] = "Escala de la EDL: No satisfactorio ≤ 65",
        [nameof(CompetencyScale)] = "Escala de frecuencia de 4 niveles (SPEC §4)",
        [nameof(ImprovementCompetencyBelow)] = "SPEC §6: competencia calificada por debajo de «Frecuentemente»",
        [nameof(ImprovementLevelBelow)] = "SPEC §6: nivel final por debajo de «Sobresaliente»",
        [nameof(ImprovementEdlLevelBelow)] = "SPEC §6 y actividades 18–19 de P-TH-10: servidores de carrera con nivel de la EDL por debajo de «Sobresaliente»",
        [nameof(ReminderDaysBeforeClose)] = "SPEC §5: recordatorio 5 días antes del cierre, contados en días hábiles como los puntos de control",
        [nameof(DisagreementRounds)] = "SPEC §4: alerta tras 2 «no aceptar» en el mismo paso",
        [nameof(NewServantGoalWorkingDays)] = "SPEC §3: 15 días hábiles desde la fecha de ingreso",
        [nameof(MaxEvidenceSizeMb)] = "SPEC §4: 10 MB por archivo",
        [nameof(AllowedEvidenceTypes)] = "SPEC §4: pdf, docx, xlsx, pptx, png, jpg",
        [nameof(PartialEvaluationsInFinal)] = "SPEC §4 e issue #5: la calificación usa el seguimiento del último evaluador; las parciales son informativas",
        [nameof(RequirePlanLink)] = "SPEC §4 y §7: la meta indica el ítem del plan que sirve; obligatorio solo al activarlo, porque depende de que Planeación cargue los planes (actividad 1)",
    };

    /// <summary>True when the property still has its default value.</summary>
    public bool IsDefault(string property)
    {
        var d = Defaults();
        return property switch
        {
            nameof(MinGoals) => MinGoals == d.MinGoals,
            nameof(MaxGoals) => MaxGoals == d.MaxGoals,
            nameof(GoalsWeight) => GoalsWeight == d.GoalsWeight,
            nameof(CompetenciesWeight) => CompetenciesWeight == d.CompetenciesWeight,
            nameof(OutstandingFrom) => OutstandingFrom == d.OutstandingFrom,
            nameof(UnsatisfactoryUpTo) => UnsatisfactoryUpTo == d.UnsatisfactoryUpTo,
            nameof(CompetencyScale) => CompetencyScale.Select(l => (l.Label, l.Value)).SequenceEqual(d.CompetencyScale.Select(l => (l.Label, l.Value))),
            nameof(ImprovementCompetencyBelow) => ImprovementCompetencyBelow == d.ImprovementCompetencyBelow,
            nameof(ImprovementLevelBelow) => ImprovementLevelBelow == d.ImprovementLevelBelow,
            nameof(ImprovementEdlLevelBelow) => ImprovementEdlLevelBelow == d.ImprovementEdlLevelBelow,
            nameof(ReminderDaysBeforeClose) => ReminderDaysBeforeClose == d.ReminderDaysBeforeClose,
            nameof(DisagreementRounds) => DisagreementRounds == d.DisagreementRounds,
            nameof(NewServantGoalWorkingDays) => NewServantGoalWorkingDays == d.NewServantGoalWorkingDays,
            nameof(MaxEvidenceSizeMb) => MaxEvidenceSizeMb == d.MaxEvidenceSizeMb,
            nameof(AllowedEvidenceTypes) => EvidenceTypes.SequenceEqual(d.EvidenceTypes),
            nameof(PartialEvaluationsInFinal) => PartialEvaluationsInFinal == d.PartialEvaluationsInFinal,
            nameof(RequirePlanLink) => RequirePlanLink == d.RequirePlanLink,
            _ => throw new ArgumentException($"Unknown setting {property}", nameof(property)),
        };
    }

    public IReadOnlyList<FieldError> Validate()
    {
        var e = new List<FieldError>();
        if (MinGoals < 1 || MinGoals > 10) e.Add(new(nameof(MinGoals), "El «Mínimo de metas» debe estar entre 1 y 10."));
        if (MaxGoals < 1 || MaxGoals > 10) e.Add(new(nameof(MaxGoals), "El «Máximo de metas» debe estar entre 1 y 10."));
        if (MinGoals > MaxGoals) e.Add(new(nameof(MaxGoals), "El «Máximo de metas» no puede ser menor que el mínimo."));
        if (GoalsWeight < 0 || GoalsWeight > 100) e.Add(new(nameof(GoalsWeight), "El «Peso de las metas» debe estar entre 0 y 100 %."));
        if (CompetenciesWeight < 0 || CompetenciesWeight > 100) e.Add(new(nameof(CompetenciesWeight), "El «Peso de las competencias» debe estar entre 0 y 100 %."));
        if (GoalsWeight + CompetenciesWeight != 100)
            e.Add(new(nameof(CompetenciesWeight), $"Los pesos de metas y competencias deben sumar 100 % (suman {GoalsWeight + CompetenciesWeight} %)."));
        if (OutstandingFrom <= 0 || OutstandingFrom > 100) e.Add(new(nameof(OutstandingFrom), "El umbral de «Sobresaliente» debe estar entre 0 y 100."));
        if (UnsatisfactoryUpTo < 0 || UnsatisfactoryUpTo >= 100) e.Add(new(nameof(UnsatisfactoryUpTo), "El umbral de «No satisfactorio» debe estar entre 0 y 100."));
        if (UnsatisfactoryUpTo >= OutstandingFrom)
            e.Add(new(nameof(UnsatisfactoryUpTo), "El umbral de «No satisfactorio» debe ser menor que el de «Sobresaliente»."));
        if (decimal.Round(OutstandingFrom, 2) != OutstandingFrom)
            e.Add(new(nameof(OutstandingFrom), "El umbral de «Sobresaliente» admite máximo dos decimales."));
        if (decimal.Round(UnsatisfactoryUpTo, 2) != UnsatisfactoryUpTo)
            e.Add(new(nameof(UnsatisfactoryUpTo), "El umbral de «No satisfactorio» admite máximo dos decimales."));

        if (CompetencyScale.Count < 2 || CompetencyScale.Count > 10)
            e.Add(new(nameof(CompetencyScale), "La «Escala de competencias» debe tener entre 2 y 10 niveles."));
        if (CompetencyScale.Any(l => string.IsNullOrWhiteSpace(l.Label)))
            e.Add(new(nameof(CompetencyScale), "Cada nivel de la «Escala de competencias» necesita un nombre."));
        if (CompetencyScale.Any(l => l.Value < 0 || l.Value > 100))
            e.Add(new(nameof(CompetencyScale), "Los valores de la «Escala de competencias» deben estar entre 0 y 100."));
        if (CompetencyScale.Zip(CompetencyScale.Skip(1)).Any(p => p.Second.Value <= p.First.Value))
            e.Add(new(nameof(CompetencyScale), "Los valores de la «Escala de competencias» deben ir de menor a mayor, sin repetirse."));
        if (CompetencyScale.Select(l => l.Label.Trim().ToLowerInvariant()).Distinct().Count() != CompetencyScale.Count)
            e.Add(new(nameof(CompetencyScale), "Los nombres de la «Escala de competencias» no pueden repetirse."));
        if (CompetencyScale.Count > 0 && !CompetencyScale.Any(l => l.Value == ImprovementCompetencyBelow))
            e.Add(new(nameof(ImprovementCompetencyBelow), "El umbral de competencias para plan de mejoramiento debe ser uno de los valores de la escala."));
        if (!Enum.IsDefined(ImprovementLevelBelow))
            e.Add(new(nameof(ImprovementLevelBelow), "Elija el nivel final por debajo del cual se requiere plan de mejoramiento."));
        if (!Enum.IsDefined(ImprovementEdlLevelBelow))
            e.Add(new(nameof(ImprovementEdlLevelBelow), "Elija el nivel de la EDL por debajo del cual un servidor de carrera requiere plan de mejoramiento."));

        if (ReminderDaysBeforeClose < 0 || ReminderDaysBeforeClose > 60) e.Add(new(nameof(ReminderDaysBeforeClose), "Los «Días hábiles de recordatorio» deben estar entre 0 y 60."));
        if (!Enum.IsDefined(PartialEvaluationsInFinal))
            e.Add(new(nameof(PartialEvaluationsInFinal), "Elija cómo cuentan las evaluaciones parciales en la calificación final."));
        if (DisagreementRounds < 1 || DisagreementRounds > 10) e.Add(new(nameof(DisagreementRounds), "Las «Rondas de desacuerdo» deben estar entre 1 y 10."));
        if (NewServantGoalWorkingDays < 1 || NewServantGoalWorkingDays > 60) e.Add(new(nameof(NewServantGoalWorkingDays), "Los «Días hábiles para servidores nuevos» deben estar entre 1 y 60."));
        if (MaxEvidenceSizeMb < 1 || MaxEvidenceSizeMb > 100) e.Add(new(nameof(MaxEvidenceSizeMb), "El «Tamaño máximo de evidencia» debe estar entre 1 y 100 MB."));
        var types = EvidenceTypes;
        if (types.Count == 0) e.Add(new(nameof(AllowedEvidenceTypes), "Indique al menos un «Tipo de archivo de evidencia» (por ejemplo: pdf, docx)."));
        var unknown = types.Where(t => !KnownEvidenceTypes.Contains(t)).ToList();
        if (unknown.Count > 0)
            e.Add(new(nameof(AllowedEvidenceTypes), $"Tipos de archivo no admitidos: {string.Join(", ", unknown)}. Permitidos: {string.Join(", ", KnownEvidenceTypes)}."));
        return e;
    }
}
