using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Web.Features.Shared;

namespace Egi.Web.Features.Periods;

/// <summary>The period settings as the period pages show them (labels, values, badges, holidays of a window); dates and numbers are <see cref="DateText"/> and <see cref="NumberText"/>.</summary>
public static class PeriodText
{
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
        nameof(PeriodSettings.MinGoals) => NumberText.Int(s.MinGoals),
        nameof(PeriodSettings.MaxGoals) => NumberText.Int(s.MaxGoals),
        nameof(PeriodSettings.GoalsWeight) => $"{NumberText.Int(s.GoalsWeight)} %",
        nameof(PeriodSettings.CompetenciesWeight) => $"{NumberText.Int(s.CompetenciesWeight)} %",
        nameof(PeriodSettings.OutstandingFrom) => $"≥ {NumberText.Decimal(s.OutstandingFrom)}",
        nameof(PeriodSettings.UnsatisfactoryUpTo) => $"≤ {NumberText.Decimal(s.UnsatisfactoryUpTo)}",
        nameof(PeriodSettings.CompetencyScale) => string.Join("; ", s.CompetencyScale.Select(l => $"{l.Label} = {NumberText.Int(l.Value)}")),
        nameof(PeriodSettings.ImprovementCompetencyBelow) => ScaleValue(s, s.ImprovementCompetencyBelow),
        nameof(PeriodSettings.ImprovementLevelBelow) => Egi.Domain.Improvement.ImprovementRule.ThresholdLabel(s.ImprovementLevelBelow).ToLowerInvariant(),
        nameof(PeriodSettings.ImprovementEdlLevelBelow) => Egi.Domain.Improvement.ImprovementRule.EdlThresholdLabel(s.ImprovementEdlLevelBelow).ToLowerInvariant(),
        nameof(PeriodSettings.ReminderDaysBeforeClose) => NumberText.WorkingDays(s.ReminderDaysBeforeClose),
        nameof(PeriodSettings.DisagreementRounds) => NumberText.Int(s.DisagreementRounds),
        nameof(PeriodSettings.RequirePlanLink) => s.RequirePlanLink ? "obligatorio" : "opcional",
        nameof(PeriodSettings.NewServantGoalWorkingDays) => NumberText.WorkingDays(s.NewServantGoalWorkingDays),
        nameof(PeriodSettings.MaxEvidenceSizeMb) => $"{NumberText.Int(s.MaxEvidenceSizeMb)} MB",
        nameof(PeriodSettings.AllowedEvidenceTypes) => string.Join(", ", s.EvidenceTypes),
        nameof(PeriodSettings.PartialEvaluationsInFinal) => Domain.Scoring.PartialEvaluationRuleExtensions.Label(s.PartialEvaluationsInFinal),
        _ => "",
    };

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
        s.CompetencyScale.FirstOrDefault(l => l.Value == value) is { } level ? $"{NumberText.Int(value)} ({level.Label})" : NumberText.Int(value);
}
