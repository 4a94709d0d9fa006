namespace Egi.Domain.Calendar;

/// <summary>The stages of a period's calendar (SPEC §3), named after the procedure's activities.</summary>
public enum Stage
{
    /// <summary>Activities 4–6: formulación y concertación de metas.</summary>
    GoalSetting = 1,

    /// <summary>Activity 7: consolidación etapa 1.</summary>
    Stage1Consolidation = 2,

    /// <summary>Activities 8–10: primer seguimiento (autoevaluación I).</summary>
    FirstFollowUp = 3,

    /// <summary>Activity 11: consolidación etapa 2.</summary>
    Stage2Consolidation = 4,

    /// <summary>Activities 12–15: segundo seguimiento (autoevaluación II) y competencias.</summary>
    SecondFollowUp = 5,

    /// <summary>Activity 16: consolidación anual.</summary>
    AnnualConsolidation = 6,

    /// <summary>Activities 18–20: mejoramiento individual.</summary>
    Improvement = 7,
}

public static class StageInfo
{
    public static IReadOnlyList<Stage> All { get; } = Enum.GetValues<Stage>();

    public static string Label(this Stage stage) => stage switch
    {
        Stage.GoalSetting => "Formulación y concertación de metas",
        Stage.Stage1Consolidation => "Consolidación etapa 1",
        Stage.FirstFollowUp => "Primer seguimiento (autoevaluación I)",
        Stage.Stage2Consolidation => "Consolidación etapa 2",
        Stage.SecondFollowUp => "Segundo seguimiento (autoevaluación II) y competencias",
        Stage.AnnualConsolidation => "Consolidación anual",
        Stage.Improvement => "Mejoramiento individual",
        _ => stage.ToString(),
    };

    public static string Activities(this Stage stage) => stage switch
    {
        Stage.GoalSetting => "4–6",
        Stage.Stage1Consolidation => "7",
        Stage.FirstFollowUp => "8–10",
        Stage.Stage2Consolidation => "11",
        Stage.SecondFollowUp => "12–15",
        Stage.AnnualConsolidation => "16",
        Stage.Improvement => "18–20",
        _ => "",
    };

    /// <summary>The default window of each stage for a period of <paramref name="year"/> (SPEC §3, "Frecuencia" of P-TH-10).</summary>
    public static StageWindow DefaultWindow(this Stage stage, int year) => stage switch
    {
        Stage.GoalSetting => new(stage, new(year, 1, 1), new(year, 3, 31)),
        Stage.Stage1Consolidation => new(stage, new(year, 1, 1), new(year, 6, 30)),
        Stage.FirstFollowUp => new(stage, new(year, 1, 1), new(year, 6, 30)),
        Stage.Stage2Consolidation => new(stage, new(year, 7, 1), new(year, 12, 31)),
        Stage.SecondFollowUp => new(stage, new(year + 1, 1, 1), new DateOnly(year + 1, 3, 1).AddDays(-1)),
        Stage.AnnualConsolidation => new(stage, new(year + 1, 1, 1), new(year + 1, 6, 30)),
        Stage.Improvement => new(stage, new(year + 1, 1, 1), new(year + 1, 6, 30)),
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static string DefaultSource(this Stage stage) => stage switch
    {
        Stage.GoalSetting => "P-TH-10, actividades 4–6: «Anual (primer trimestre)»",
        Stage.Stage1Consolidation => "P-TH-10, actividad 7: «Anualmente (primer semestre)»",
        Stage.FirstFollowUp => "P-TH-10, actividades 8–10: «Anual (primer semestre)»",
        Stage.Stage2Consolidation => "P-TH-10, actividad 11: «Anualmente (segundo semestre)»",
        Stage.SecondFollowUp => "P-TH-10, actividades 12–15: «primer bimestre vigencia siguiente»",
        Stage.AnnualConsolidation => "P-TH-10, actividad 16: «primer semestre vigencia siguiente»",
        Stage.Improvement => "P-TH-10, actividades 18–20: «primer semestre vigencia siguiente»",
        _ => "",
    };
}
