using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Web.Infrastructure;

namespace Egi.Web.Features.Periods;

/// <summary>Spanish labels, formats and lenient parsing shared by the period pages.</summary>
public static class PeriodText
{
    private static readonly CultureInfo Es = ServiceRegistration.Culture;
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy"];

    /// <summary>Every setting in the order the settings screen shows it.</summary>
    public static IReadOnlyList<string> SettingNames { get; } =
    [
        nameof(PeriodSettings.MinGoals),
        nameof(PeriodSettings.MaxGoals),
        nameof(PeriodSettings.RequirePlanLink),
        nameof(PeriodSettings.GoalsWeight),
        nameof(PeriodSettings.CompetenciesWeight),
        nameof(PeriodSettings.OutstandingFrom),
        nameof(PeriodSettings.UnsatisfactoryUpTo),
        nameof(PeriodSettings.CompetencyScale),
        nameof(PeriodSettings.ImprovementCompetencyBelow),
        nameof(PeriodSettings.ImprovementLevelBelow),
        nameof(PeriodSettings.ImprovementEdlLevelBelow),
        nameof(PeriodSettings.ReminderDaysBeforeClose),
        nameof(PeriodSettings.DisagreementRounds),
        nameof(PeriodSettings.NewServantGoalWorkingDays),
        nameof(PeriodSettings.MaxEvidenceSizeMb),
        nameof(PeriodSettings.AllowedEvidenceTypes),
        nameof(PeriodSettings.PartialEvaluationsInFinal),
    ];

    public static string SettingLabel(string name) => name switch
    {
        nameof(PeriodSettings.MinGoals) => "Mínimo de metas",
        nameof(PeriodSettings.MaxGoals) => "Máximo de metas",
        nameof(PeriodSettings.RequirePlanLink) => "Cada meta debe indicar el ítem del plan institucional que sirve",
        nameof(PeriodSettings.GoalsWeight) => "Peso de las metas (%)",
        nameof(PeriodSettings.CompetenciesWeight) => "Peso de las competencias (%)",
        nameof(PeriodSettings.OutstandingFrom) => "Sobresaliente desde (puntaje)",
        nameof(PeriodSettings.UnsatisfactoryUpTo) => "No satisfactorio hasta (puntaje)",
        nameof(PeriodSettings.CompetencyScale) => "Escala de competencias",
        nameof(PeriodSettings.ImprovementCompetencyBelow) => "Plan de mejoramiento si una competencia queda por debajo de (valor de la escala)",
        nameof(PeriodSettings.ImprovementLevelBelow) => "Plan de mejoramiento si el nivel final queda",
        nameof(PeriodSettings.ImprovementEdlLevelBelow) => "Plan de mejoramiento para servidores de carrera si el nivel de la EDL queda",
        nameof(PeriodSettings.ReminderDaysBeforeClose) => "Días hábiles de recordatorio antes del cierre",
        nameof(PeriodSettings.DisagreementRounds) => "Rondas de desacuerdo antes de alertar",
        nameof(PeriodSettings.NewServantGoalWorkingDays) => "Días hábiles para servidores nuevos",
        nameof(PeriodSettings.MaxEvidenceSizeMb) => "Tamaño máximo de evidencia (MB)",
        nameof(PeriodSettings.AllowedEvidenceTypes) => "Tipos de archivo de evidencia",
        nameof(PeriodSettings.PartialEvaluationsInFinal) => "Evaluaciones parciales en la calificación final",
        _ => name,
    };

    /// <summary>The value of one setting as a person reads it.</summary>
    public static string SettingValue(PeriodSettings s, string name) => name switch
    {
        nameof(PeriodSettings.MinGoals) => Int(s.MinGoals),
        nameof(PeriodSettings.MaxGoals) => Int(s.MaxGoals),
        nameof(PeriodSettings.GoalsWeight) => $"{Int(s.GoalsWeight)} %",
        nameof(PeriodSettings.CompetenciesWeight) => $"{Int(s.CompetenciesWeight)} %",
        nameof(PeriodSettings.OutstandingFrom) => $"≥ {Decimal(s.OutstandingFrom)}",
        nameof(PeriodSettings.UnsatisfactoryUpTo) => $"≤ {Decimal(s.UnsatisfactoryUpTo)}",
        nameof(PeriodSettings.CompetencyScale) => string.Join("; ", s.CompetencyScale.Select(l => $"{l.Label} = {Int(l.Value)}")),
        nameof(PeriodSettings.ImprovementCompetencyBelow) => ScaleValue(s, s.ImprovementCompetencyBelow),
        nameof(PeriodSettings.ImprovementLevelBelow) => Egi.Domain.Improvement.ImprovementRule.ThresholdLabel(s.ImprovementLevelBelow).ToLowerInvariant(),
        nameof(PeriodSettings.ImprovementEdlLevelBelow) => Egi.Domain.Improvement.ImprovementRule.EdlThresholdLabel(s.ImprovementEdlLevelBelow).ToLowerInvariant(),
        nameof(PeriodSettings.ReminderDaysBeforeClose) => Days(s.ReminderDaysBeforeClose, "día hábil", "días hábiles"),
        nameof(PeriodSettings.DisagreementRounds) => Int(s.DisagreementRounds),
        nameof(PeriodSettings.RequirePlanLink) => s.RequirePlanLink ? "obligatorio" : "opcional",
        nameof(PeriodSettings.NewServantGoalWorkingDays) => Days(s.NewServantGoalWorkingDays, "día hábil", "días hábiles"),
        nameof(PeriodSettings.MaxEvidenceSizeMb) => $"{Int(s.MaxEvidenceSizeMb)} MB",
        nameof(PeriodSettings.AllowedEvidenceTypes) => string.Join(", ", s.EvidenceTypes),
        nameof(PeriodSettings.PartialEvaluationsInFinal) => Domain.Scoring.PartialEvaluationRuleExtensions.Label(s.PartialEvaluationsInFinal),
        _ => "",
    };

    public static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Range(StageWindow w) => $"{Date(w.Start)} – {Date(w.End)}";

    /// <summary>The value an &lt;input type="date"&gt; expects.</summary>
    public static string IsoDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Int(int n) => n.ToString(Es);

    /// <summary>"90", "89,5": at most two decimals, the Colombian decimal comma.</summary>
    public static string Decimal(decimal d) => d.ToString("0.##", Es);

    /// <summary>Accepts yyyy-MM-dd (what a date input sends) and dd/MM/yyyy (what a person types).</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? "").Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseInt(string? text, out int value) =>
        int.TryParse((text ?? "").Trim().TrimEnd('%').Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Accepts "90", "89,5" and "89.5" whatever the culture (one decimal separator, no thousands).</summary>
    public static bool TryParseDecimal(string? text, out decimal value)
    {
        value = 0;
        var t = (text ?? "").Trim().TrimEnd('%').Trim().Replace(',', '.');
        if (t.Count(c => c == '.') > 1) return false;
        return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Colombian holidays that fall inside the window (a window may span two years).</summary>
    public static IReadOnlyList<Holiday> HolidaysIn(StageWindow w) =>
        Enumerable.Range(w.Start.Year, w.End.Year - w.Start.Year + 1)
            .Where(y => y is >= ColombianHolidays.MinYear and <= ColombianHolidays.MaxYear)
            .SelectMany(ColombianHolidays.For)
            .Where(h => w.Contains(h.Date))
            .ToList();

    /// <summary>Working days (días hábiles) in the window, both ends included.</summary>
    public static int WorkingDaysIn(StageWindow w) =>
        w.End < w.Start ? 0 : WorkingDays.CountBetween(w.Start.AddDays(-1), w.End);

    public static string StatusBadgeClass(PeriodStatus status) => status switch
    {
        PeriodStatus.Open => "badge-ok",
        PeriodStatus.Closed => "text-bg-secondary",
        _ => "text-bg-light border",
    };

    private static string ScaleValue(PeriodSettings s, int value) =>
        s.CompetencyScale.FirstOrDefault(l => l.Value == value) is { } level ? $"{Int(value)} ({level.Label})" : Int(value);

    private static string Days(int n, string one, string? many = null) => $"{Int(n)} {(n == 1 ? one : many ?? one + "s")}";
}
