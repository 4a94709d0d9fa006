using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;

namespace Egi.Domain.Process;

/// <summary>How the work plan measures an activity's progress from the system's own data.</summary>
public enum LiveMeasure
{
    /// <summary>No data in the system: Talento Humano records the % by hand.</summary>
    None = 0,

    /// <summary>Divulgation sessions held (activity 1).</summary>
    DivulgationSessions = 1,

    /// <summary>Socialization sessions held (activity 2).</summary>
    SocializationSessions = 2,

    /// <summary>% of the period's evaluations past the step (activities 4–16).</summary>
    EvaluationsPast = 3,

    /// <summary>Reminders sent by the control points (activity 17).</summary>
    Reminders = 4,

    /// <summary>Individual improvement plans (activities 18–20).</summary>
    ImprovementPlans = 5,
}

/// <summary>
/// One of the 20 activities of procedure P-TH-10 (§6 "Desarrollo del procedimiento"): its number, what it
/// asks, who does it, its record and frequency as the procedure writes them, and the stage of the period's
/// calendar whose window gives its dates.
/// </summary>
public sealed record ProcedureActivity(
    int Number,
    string Name,
    string Responsible,
    string Record,
    string Frequency,
    Stage? Stage,
    LiveMeasure Measure);

/// <summary>The catalogue of the procedure's activities and the dates each one gets in a period's work plan.</summary>
public static class ProcedureActivities
{
    private const string Th = "Profesional Especializado 2028-19 del Grupo Interno de Trabajo de Gestión del Talento Humano";
    private const string Excel = "Reporte Excel del sistema";

    public static IReadOnlyList<ProcedureActivity> All { get; } =
    [
        new(1, "Establecer estrategias que permitan la divulgación entre los servidores públicos de la Entidad: el plan nacional de desarrollo, el plan estratégico institucional y los planes de acción, los cuales serán el insumo para la fijación de las metas y objetivos.",
            "Coordinación de Planeación", "Citación (correo electrónico, pieza comunicacional). Registro de asistencia",
            "Anual (primer bimestre) o cuando se presenten cambios", null, LiveMeasure.DivulgationSessions),
        new(2, "Desarrollar jornadas de socialización cuando se requieran, dirigidas a evaluadores y evaluados sobre el diligenciamiento de la evaluación de la gestión institucional en el sistema.",
            Th, "Citación a las jornadas (correo electrónico, pieza comunicacional). Registro de asistencia",
            "Cuando se requiera", null, LiveMeasure.SocializationSessions),
        new(3, "Elaborar el plan anual de trabajo del Sistema de Evaluación de la Gestión Institucional.",
            Th, "Plan de trabajo", "Anualmente (primer trimestre)", null, LiveMeasure.None),
        new(4, "Formular las metas y objetivos y enviarlas para aprobación del jefe inmediato.",
            "Evaluado", Excel, "Anual (primer trimestre) y cuando ingrese un nuevo servidor", Calendar.Stage.GoalSetting, LiveMeasure.EvaluationsPast),
        new(5, "Aprobar, rechazar o modificar las metas y objetivos del colaborador.",
            "Jefe inmediato", Excel, "Anual (primer trimestre) y cuando ingrese un nuevo servidor", Calendar.Stage.GoalSetting, LiveMeasure.EvaluationsPast),
        new(6, "Aceptar la aprobación o modificación de metas y objetivos remitida por el jefe inmediato.",
            "Evaluado", Excel, "Anual (primer trimestre) y cuando ingrese un nuevo servidor", Calendar.Stage.GoalSetting, LiveMeasure.EvaluationsPast),
        new(7, "Consolidar información de la primera etapa denominada formulación de metas y objetivos y elaborar informe o reporte de avance.",
            Th, "Informe o reporte en Excel del sistema", "Anualmente (primer semestre)", Calendar.Stage.Stage1Consolidation, LiveMeasure.EvaluationsPast),
        new(8, "Autoevaluar la gestión institucional, de acuerdo al porcentaje de cumplimiento pactado para el primer seguimiento, y enviar al jefe inmediato la autoevaluación para aprobación.",
            "Evaluado", Excel, "Anual (primer semestre)", Calendar.Stage.FirstFollowUp, LiveMeasure.EvaluationsPast),
        new(9, "Aprobar, rechazar o modificar la autoevaluación del primer seguimiento del colaborador.",
            "Jefe inmediato", Excel, "Anual (primer semestre)", Calendar.Stage.FirstFollowUp, LiveMeasure.EvaluationsPast),
        new(10, "Aceptar la aprobación o modificación de la autoevaluación del primer seguimiento remitida por el jefe inmediato.",
            "Evaluado", Excel, "Anual (primer semestre)", Calendar.Stage.FirstFollowUp, LiveMeasure.EvaluationsPast),
        new(11, "Consolidar información de la segunda etapa denominada autoevaluación del primer seguimiento y elaborar informe o reporte de avance.",
            Th, "Informe o reporte en Excel del sistema", "Anualmente (segundo semestre)", Calendar.Stage.Stage2Consolidation, LiveMeasure.EvaluationsPast),
        new(12, "Autoevaluar la gestión institucional, de acuerdo al porcentaje de cumplimiento pactado para el segundo seguimiento, y enviar al jefe inmediato la autoevaluación para aprobación.",
            "Evaluado", Excel, "Anual (primer bimestre vigencia siguiente al periodo inicial)", Calendar.Stage.SecondFollowUp, LiveMeasure.EvaluationsPast),
        new(13, "Aprobar, rechazar o modificar la autoevaluación del segundo seguimiento del colaborador.",
            "Jefe inmediato", Excel, "Anual (primer bimestre vigencia siguiente al periodo inicial)", Calendar.Stage.SecondFollowUp, LiveMeasure.EvaluationsPast),
        new(14, "Calificar competencias comportamentales.",
            "Jefe inmediato", Excel, "Anual (primer bimestre vigencia siguiente al periodo inicial)", Calendar.Stage.SecondFollowUp, LiveMeasure.EvaluationsPast),
        new(15, "Aceptar la aprobación o modificación de la autoevaluación del segundo seguimiento remitida por el jefe inmediato.",
            "Evaluado", Excel, "Anual (primer bimestre vigencia siguiente al periodo inicial)", Calendar.Stage.SecondFollowUp, LiveMeasure.EvaluationsPast),
        new(16, "Consolidar resultados del período anual y elaborar informe o reporte final.",
            Th, "Informe o reporte de evaluación del periodo", "Anual (primer semestre vigencia siguiente al periodo inicial)", Calendar.Stage.AnnualConsolidation, LiveMeasure.EvaluationsPast),
        new(17, "Punto de control: realizar seguimiento al cumplimiento del sistema de evaluación de la gestión institucional, en cada una de sus etapas.",
            Th, "Correos electrónicos", "Semestral", null, LiveMeasure.Reminders),
        new(18, "Enviar formatos de mejoramiento individual a los jefes inmediatos y servidores que lo requieran, de acuerdo a los resultados obtenidos de la evaluación.",
            Th + ", jefes inmediatos y evaluados", "Correo electrónico con formato de mejoramiento individual adjunto",
            "Anual (primer semestre vigencia siguiente al periodo inicial)", Calendar.Stage.Improvement, LiveMeasure.ImprovementPlans),
        new(19, "Diligenciar formatos de mejoramiento individual por parte de los evaluadores a los servidores que lo requieran.",
            "Jefe inmediato / Evaluados", "Formato de mejoramiento individual",
            "Anual (primer semestre vigencia siguiente al periodo inicial)", Calendar.Stage.Improvement, LiveMeasure.ImprovementPlans),
        new(20, "Punto de control: realizar seguimiento al cumplimiento de implementación del formato de mejoramiento individual en los servidores que lo requieran.",
            Th + ", jefes inmediatos y evaluados", "Correo electrónico con formato de mejoramiento individual adjunto",
            "Anual (primer semestre vigencia siguiente al periodo inicial)", Calendar.Stage.Improvement, LiveMeasure.ImprovementPlans),
    ];

    public static ProcedureActivity Of(int number) =>
        number is >= 1 and <= 20 ? All[number - 1] : throw new ArgumentOutOfRangeException(nameof(number), number, "P-TH-10 has activities 1 to 20.");

    /// <summary>
    /// The dates of an activity in a period's work plan. Activities 4–16 and 18–20 take the window of their
    /// stage; the others follow the procedure's frequency: 1 the first two months of the year («primer
    /// bimestre»), 2 and 3 the first month of goal setting (the plan and the training come before the goals),
    /// 17 (the semestral control point) from the first window's start to the last window's end.
    /// </summary>
    public static (DateOnly Start, DateOnly End) DatesIn(ProcedureActivity activity, Period period)
    {
        if (activity.Stage is { } stage)
        {
            var w = period.Window(stage);
            return (w.Start, w.End);
        }
        var goals = period.Window(Calendar.Stage.GoalSetting);
        var firstMonthOfGoals = (goals.Start, Min(goals.Start.AddMonths(1).AddDays(-1), goals.End));
        return activity.Number switch
        {
            1 => (new DateOnly(period.Year, 1, 1), new DateOnly(period.Year, 3, 1).AddDays(-1)),
            2 or 3 => firstMonthOfGoals,
            17 => (StageInfo.All.Min(s => period.Window(s).Start), StageInfo.All.Max(s => period.Window(s).End)),
            _ => throw new ArgumentOutOfRangeException(nameof(activity), activity.Number, "Activity without a stage and without a rule."),
        };
    }

    /// <summary>The role of the product that is responsible (Spanish UI names of §1 of the spec).</summary>
    public static string ProductRole(ProcedureActivity activity) => activity.Number switch
    {
        1 => "Planeación",
        4 or 6 or 8 or 10 or 12 or 15 => "Evaluado",
        5 or 9 or 13 or 14 => "Jefe inmediato",
        18 or 20 => "Talento Humano, jefes y evaluados",
        19 => "Jefe inmediato y evaluado",
        _ => "Talento Humano",
    };

    /// <summary>
    /// For activities measured on the evaluations, the activity an evaluation must have gone past: 7 and 11
    /// (the stage reports) count the evaluations past the end of their stage (6 and 10), 16 the finalized ones.
    /// </summary>
    public static int? EvaluationThreshold(int number) => number switch
    {
        4 or 5 or 6 or 8 or 9 or 10 or 12 or 13 or 14 or 15 => number,
        7 => 6,
        11 => 10,
        16 => 15,
        _ => null,
    };

    /// <summary>
    /// Live progress of an activity measured on the evaluations: the % (one decimal, half-up) of the period's
    /// evaluations whose state is past the activity. Evaluations closed by retirement are left out; null when
    /// there is no evaluation to count or the activity is not measured on them.
    /// </summary>
    public static decimal? PercentPast(int number, IEnumerable<EvaluationState> states) =>
        CountPast(number, states) is { } c ? Percent(c.Past, c.Counted) : null;

    /// <summary>How many of the counted evaluations (all but those closed by retirement) are past the activity; null when the activity is not measured on them.</summary>
    public static (int Past, int Counted)? CountPast(int number, IEnumerable<EvaluationState> states) =>
        CountPast(number, states.CountBy(s => s).Select(c => (c.Key, c.Value)));

    /// <summary>
    /// The same count from a tally of the period's evaluations per state (how many are in each), as the database
    /// groups them: the pages never read the period's evaluations one by one to count them.
    /// </summary>
    public static (int Past, int Counted)? CountPast(int number, IEnumerable<(EvaluationState State, int Count)> tally)
    {
        if (EvaluationThreshold(number) is not { } threshold) return null;
        var counted = tally.Where(t => t.State != EvaluationState.ClosedByRetirement).ToList();
        return (counted.Where(t => (int)t.State > threshold).Sum(t => t.Count), counted.Sum(t => t.Count));
    }

    /// <summary>
    /// Live progress of activities 18–20 on the individual improvement plans that are required (not excluded):
    /// 18 the % whose format was sent, 19 the % agreed (filled and confirmed by jefe and servant), 20 the % closed.
    /// </summary>
    public static decimal? PercentOfPlans(int number, IEnumerable<PlanStatus> statuses) =>
        CountPlans(number, statuses.CountBy(s => s).Select(c => (c.Key, c.Value))) is { } c ? Percent(c.Reached, c.Required) : null;

    /// <summary>
    /// How many of the required improvement plans reached activity 18–20's status (format sent, agreed, closed), from a
    /// tally per status; null for any other activity.
    /// </summary>
    public static (int Reached, int Required)? CountPlans(int number, IEnumerable<(PlanStatus Status, int Count)> tally)
    {
        var threshold = number switch
        {
            18 => PlanStatus.FormatSent,
            19 => PlanStatus.Agreed,
            20 => PlanStatus.Closed,
            _ => (PlanStatus?)null,
        };
        if (threshold is null) return null;
        var all = tally.ToList();
        return (all.Where(t => t.Status >= threshold).Sum(t => t.Count), all.Sum(t => t.Count));
    }

    /// <summary>part / whole as a % with one decimal, rounded half-up; null when whole is 0.</summary>
    public static decimal? Percent(int part, int whole) =>
        whole <= 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
