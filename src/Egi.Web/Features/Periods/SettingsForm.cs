using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Web.Features.Shared;

namespace Egi.Web.Features.Periods;

/// <summary>
/// The settings screen's fields, all as text: numbers are parsed here (decimals with comma or point)
/// so that a typo is answered in Spanish next to its field and what was typed is kept.
/// Property names match <see cref="PeriodSettings"/> so the domain's errors land on the right field.
/// </summary>
public sealed class SettingsForm
{
    public const int ScaleRows = 10;

    public string? MinGoals { get; set; }
    public string? MaxGoals { get; set; }
    public string? GoalsWeight { get; set; }
    public string? CompetenciesWeight { get; set; }
    public string? OutstandingFrom { get; set; }
    public string? UnsatisfactoryUpTo { get; set; }
    public List<ScaleRow> CompetencyScale { get; set; } = [];
    public string? ImprovementCompetencyBelow { get; set; }
    public string? ImprovementLevelBelow { get; set; }
    public string? ImprovementEdlLevelBelow { get; set; }
    public string? ReminderDaysBeforeClose { get; set; }
    public string? DisagreementRounds { get; set; }
    public string? NewServantGoalWorkingDays { get; set; }
    public string? MaxEvidenceSizeMb { get; set; }
    public string? AllowedEvidenceTypes { get; set; }
    public string? PartialEvaluationsInFinal { get; set; }
    public bool RequirePlanLink { get; set; }

    public sealed class ScaleRow
    {
        public string? Label { get; set; }
        public string? Value { get; set; }
    }

    public static SettingsForm From(PeriodSettings s) => new SettingsForm
    {
        MinGoals = NumberText.Int(s.MinGoals),
        MaxGoals = NumberText.Int(s.MaxGoals),
        GoalsWeight = NumberText.Int(s.GoalsWeight),
        CompetenciesWeight = NumberText.Int(s.CompetenciesWeight),
        OutstandingFrom = NumberText.Decimal(s.OutstandingFrom),
        UnsatisfactoryUpTo = NumberText.Decimal(s.UnsatisfactoryUpTo),
        CompetencyScale = s.CompetencyScale.Select(l => new ScaleRow { Label = l.Label, Value = NumberText.Int(l.Value) }).ToList(),
        ImprovementCompetencyBelow = NumberText.Int(s.ImprovementCompetencyBelow),
        ImprovementLevelBelow = s.ImprovementLevelBelow.ToString(),
        ImprovementEdlLevelBelow = s.ImprovementEdlLevelBelow.ToString(),
        ReminderDaysBeforeClose = NumberText.Int(s.ReminderDaysBeforeClose),
        DisagreementRounds = NumberText.Int(s.DisagreementRounds),
        NewServantGoalWorkingDays = NumberText.Int(s.NewServantGoalWorkingDays),
        MaxEvidenceSizeMb = NumberText.Int(s.MaxEvidenceSizeMb),
        AllowedEvidenceTypes = string.Join(", ", s.EvidenceTypes),
        PartialEvaluationsInFinal = s.PartialEvaluationsInFinal.ToString(),
        RequirePlanLink = s.RequirePlanLink,
    }.Padded();

    /// <summary>Always <see cref="ScaleRows"/> rows, so the screen has room for new levels without JavaScript.</summary>
    public SettingsForm Padded()
    {
        CompetencyScale = CompetencyScale.Take(ScaleRows).ToList();
        while (CompetencyScale.Count < ScaleRows) CompetencyScale.Add(new ScaleRow());
        return this;
    }

    /// <summary>Parses every field; returns the settings, or the fields that are not numbers.</summary>
    public (PeriodSettings? Settings, IReadOnlyList<FieldError> Errors) ToSettings()
    {
        var errors = new List<FieldError>();
        var s = new PeriodSettings
        {
            MinGoals = Int(MinGoals, nameof(MinGoals), errors),
            MaxGoals = Int(MaxGoals, nameof(MaxGoals), errors),
            GoalsWeight = Int(GoalsWeight, nameof(GoalsWeight), errors),
            CompetenciesWeight = Int(CompetenciesWeight, nameof(CompetenciesWeight), errors),
            OutstandingFrom = Dec(OutstandingFrom, nameof(OutstandingFrom), errors),
            UnsatisfactoryUpTo = Dec(UnsatisfactoryUpTo, nameof(UnsatisfactoryUpTo), errors),
            ImprovementCompetencyBelow = Int(ImprovementCompetencyBelow, nameof(ImprovementCompetencyBelow), errors),
            ImprovementLevelBelow = Level(ImprovementLevelBelow, nameof(ImprovementLevelBelow), errors),
            ImprovementEdlLevelBelow = Level(ImprovementEdlLevelBelow, nameof(ImprovementEdlLevelBelow), errors),
            ReminderDaysBeforeClose = Int(ReminderDaysBeforeClose, nameof(ReminderDaysBeforeClose), errors),
            DisagreementRounds = Int(DisagreementRounds, nameof(DisagreementRounds), errors),
            NewServantGoalWorkingDays = Int(NewServantGoalWorkingDays, nameof(NewServantGoalWorkingDays), errors),
            MaxEvidenceSizeMb = Int(MaxEvidenceSizeMb, nameof(MaxEvidenceSizeMb), errors),
            AllowedEvidenceTypes = (AllowedEvidenceTypes ?? "").Trim(),
            RequirePlanLink = RequirePlanLink,
            CompetencyScale = [],
        };
        // Not posted (an older form): the default. Anything else must be one of the list.
        if (string.IsNullOrWhiteSpace(PartialEvaluationsInFinal))
            s.PartialEvaluationsInFinal = Domain.Scoring.PartialEvaluationRule.LastEvaluator;
        else if (Enum.TryParse<Domain.Scoring.PartialEvaluationRule>(PartialEvaluationsInFinal, out var rule) && Enum.IsDefined(rule) && !int.TryParse(PartialEvaluationsInFinal, out _))
            s.PartialEvaluationsInFinal = rule;
        else
            errors.Add(new(nameof(PartialEvaluationsInFinal), PeriodMessages.PartialRuleInvalid(PeriodText.SettingLabel(nameof(PartialEvaluationsInFinal)))));
        var row = 0;
        foreach (var r in CompetencyScale)
        {
            row++;
            var label = (r.Label ?? "").Trim();
            var value = (r.Value ?? "").Trim();
            if (label.Length == 0 && value.Length == 0) continue; // empty rows are ignored
            if (label.Length == 0)
                errors.Add(new(nameof(CompetencyScale), PeriodMessages.ScaleLabelMissing(row)));
            if (!FormInput.TryParseInt(value, out var v))
                errors.Add(new(nameof(CompetencyScale), PeriodMessages.ScaleValueNotWhole(row)));
            s.CompetencyScale.Add(new ScaleLevel { Label = label, Value = v });
        }
        return (errors.Count == 0 ? s : null, errors);
    }

    private static Egi.Domain.Scoring.RatingLevel Level(string? text, string field, List<FieldError> errors)
    {
        // A form without the field (an older client) keeps the default (Sobresaliente for both thresholds); a value that is not an option is refused.
        if (string.IsNullOrWhiteSpace(text)) return Egi.Domain.Scoring.RatingLevel.Sobresaliente;
        if (Enum.TryParse<Egi.Domain.Scoring.RatingLevel>((text ?? "").Trim(), ignoreCase: false, out var level) && Enum.IsDefined(level)
            && !int.TryParse(text, out _))
            return level;
        errors.Add(new(field, PeriodMessages.OptionMissing(PeriodText.SettingLabel(field))));
        return Egi.Domain.Scoring.RatingLevel.Sobresaliente;
    }

    private static int Int(string? text, string field, List<FieldError> errors)
    {
        if (FormInput.TryParseInt(text, out var n)) return n;
        errors.Add(new(field, PeriodMessages.NotWhole(PeriodText.SettingLabel(field))));
        return 0;
    }

    private static decimal Dec(string? text, string field, List<FieldError> errors)
    {
        if (FormInput.TryParseDecimal(text, out var d)) return d;
        errors.Add(new(field, PeriodMessages.NotNumber(PeriodText.SettingLabel(field))));
        return 0;
    }
}
