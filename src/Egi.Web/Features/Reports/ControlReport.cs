using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports;

/// <summary>A half-year: 1 = 1 Jan–30 Jun, 2 = 1 Jul–31 Dec.</summary>
public sealed record Semester(int Year, int Half)
{
    public DateOnly Start => new(Year, Half == 1 ? 1 : 7, 1);
    public DateOnly End => Half == 1 ? new(Year, 6, 30) : new(Year, 12, 31);
    public string Key => $"{Year.ToString(CultureInfo.InvariantCulture)}-{Half.ToString(CultureInfo.InvariantCulture)}";
    public string Label => $"{(Half == 1 ? "Primer" : "Segundo")} semestre de {Year.ToString(CultureInfo.InvariantCulture)} ({Start:dd/MM/yyyy} – {End:dd/MM/yyyy})";

    /// <summary>The semesters a period's control points span: its year and the next (improvement plans, SPEC §3).</summary>
    public static IReadOnlyList<Semester> Of(Period p) => [new(p.Year, 1), new(p.Year, 2), new(p.Year + 1, 1), new(p.Year + 1, 2)];

    public static Semester? Parse(string? key, Period p) => Of(p).FirstOrDefault(s => s.Key == (key ?? "").Trim());

    public static Semester Default(Period p, DateOnly today) =>
        Of(p).FirstOrDefault(s => s.Start <= today && today <= s.End) ?? (today < new DateOnly(p.Year, 1, 1) ? Of(p)[0] : Of(p)[^1]);
}

public sealed record ReminderCount(string Topic, int Manual, int Automatic)
{
    public int Total => Manual + Automatic;
}

public sealed record LateCount(Stage Stage, DateOnly WindowEnd, int OnEvaluado, int OnEvaluator)
{
    public int Total => OnEvaluado + OnEvaluator;
}

public sealed record PlanStatusCount(PlanStatus Status, int Count);

/// <summary>
/// The semestral control report of activities 17 and 20 (P-TH-10, «Punto de control»): the reminders sent in the
/// semester (by stage and origin, from <see cref="ReminderRecord"/>), the evaluations late in each stage at the date of
/// the report (past the person's own deadline for the step — the stage window, a new servant's days or a reopening —,
/// split by whom they wait on), and the improvement plans of the
/// period (count per status, average progress, overdue actions). The screen and the .xlsx read this.
/// </summary>
public sealed class ControlReport
{
    public const string AuditEntity = "Informe semestral de control";
    public const string ImprovementTopic = "Mejoramiento individual (planes)";

    public required Period Period { get; init; }
    public required Semester Semester { get; init; }
    public required DateOnly AsOf { get; init; }
    public required IReadOnlyList<ReminderCount> Reminders { get; init; }
    public required IReadOnlyList<LateCount> Late { get; init; }
    public required IReadOnlyList<PlanStatusCount> Plans { get; init; }
    public required int PlansTotal { get; init; }
    public required decimal? AverageProgress { get; init; }
    public required int OverdueActions { get; init; }
    public required int PlansWithOverdue { get; init; }

    public int RemindersTotal => Reminders.Sum(r => r.Total);
    public int ImprovementReminders => Reminders.Where(r => r.Topic == ImprovementTopic).Sum(r => r.Total);

    public static async Task<ControlReport> BuildAsync(EgiDbContext db, Period period, Semester semester, DateOnly today, CancellationToken ct = default)
    {
        var from = BogotaTime.StartOfDayUtc(semester.Start);
        var to = BogotaTime.StartOfDayUtc(semester.End.AddDays(1));
        var records = await db.Set<ReminderRecord>().AsNoTracking()
            .Where(r => r.PeriodId == period.Id && r.SentAt >= from && r.SentAt < to)
            .Select(r => new { r.Topic, r.Stage, r.Origin }).ToListAsync(ct);
        var reminders = new List<ReminderCount>();
        foreach (var stage in StageInfo.All.Where(s => s is Stage.GoalSetting or Stage.FirstFollowUp or Stage.SecondFollowUp))
        {
            var of = records.Where(r => r.Topic == ReminderTopic.EvaluationStep && r.Stage == stage).ToList();
            reminders.Add(new(stage.Label(), of.Count(r => r.Origin == ReminderOrigin.Manual), of.Count(r => r.Origin == ReminderOrigin.Automatic)));
        }
        var other = records.Where(r => r.Topic == ReminderTopic.EvaluationStep && r.Stage is not (Stage.GoalSetting or Stage.FirstFollowUp or Stage.SecondFollowUp)).ToList();
        if (other.Count > 0)
            reminders.Add(new("Otras etapas", other.Count(r => r.Origin == ReminderOrigin.Manual), other.Count(r => r.Origin == ReminderOrigin.Automatic)));
        var plansReminders = records.Where(r => r.Topic == ReminderTopic.ImprovementPlan).ToList();
        reminders.Add(new(ImprovementTopic, plansReminders.Count(r => r.Origin == ReminderOrigin.Manual), plansReminders.Count(r => r.Origin == ReminderOrigin.Automatic)));

        // Late: in the step after the person's own deadline for it (stage window, new servant's days, reopenings), and the
        // step owed (never a first follow-up that does not apply to a late hire): one GROUP BY over the stored facts.
        var periodId = period.Id;
        var goalStates = EvaluationStateInfo.StatesOf(EvaluationStep.Goals);
        var firstStates = EvaluationStateInfo.StatesOf(EvaluationStep.FollowUpI);
        var secondStates = EvaluationStateInfo.StatesOf(EvaluationStep.FollowUpII);
        var lateGroups = await (
            from e in db.Evaluations.AsNoTracking()
            where e.PeriodId == periodId && e.Facts.WaitingOn != WaitingOn.Nobody
            group e by e.Facts.WaitingOn into g
            select new
            {
                WaitingOn = g.Key,
                Goals = g.Count(e => goalStates.Contains(e.State) && e.Facts.GoalsDeadline < today),
                FollowUpI = g.Count(e => firstStates.Contains(e.State) && e.Facts.FollowUpIApplies && e.Facts.FollowUpIDeadline < today),
                FollowUpII = g.Count(e => secondStates.Contains(e.State) && e.Facts.FollowUpIIDeadline < today),
            }).ToListAsync(ct);
        int LateOn(EvaluationStep step, WaitingOn on) => lateGroups.Where(g => g.WaitingOn == on)
            .Sum(g => step == EvaluationStep.Goals ? g.Goals : step == EvaluationStep.FollowUpI ? g.FollowUpI : g.FollowUpII);
        var late = new List<LateCount>();
        foreach (var step in Enum.GetValues<EvaluationStep>())
        {
            var window = period.Window(step.Stage());
            if (window.End >= today) continue; // still open (or not started): nobody is late yet
            late.Add(new(step.Stage(), window.End, LateOn(step, WaitingOn.Evaluado), LateOn(step, WaitingOn.Evaluator)));
        }

        var plans = await db.Set<ImprovementPlan>().AsNoTracking().Where(p => p.PeriodId == period.Id && !p.Excluded).ToListAsync(ct);
        var started = plans.Where(p => p.Status is PlanStatus.Agreed or PlanStatus.FollowUp or PlanStatus.Closed).ToList();
        return new ControlReport
        {
            Period = period,
            Semester = semester,
            AsOf = today,
            Reminders = reminders,
            Late = late,
            Plans = Enum.GetValues<PlanStatus>().Select(s => new PlanStatusCount(s, plans.Count(p => p.Status == s))).ToList(),
            PlansTotal = plans.Count,
            AverageProgress = started.Count == 0 ? null : Math.Round(started.Average(p => (decimal)p.Progress), 2, MidpointRounding.AwayFromZero),
            OverdueActions = plans.Sum(p => p.OverdueAspects(today).Count),
            PlansWithOverdue = plans.Count(p => p.OverdueAspects(today).Count > 0),
        };
    }

    public static string FileName(ControlReport r) => $"control-{r.Period.Year}-semestre-{r.Semester.Key}.xlsx";

    public static byte[] Write(ControlReport r) => new XlsxWorkbook()
        .AddSheet("Recordatorios",
            [new("Tema o etapa", XlsxKind.Text, 48), new("Manuales", XlsxKind.Integer), new("Automáticos", XlsxKind.Integer), new("Total", XlsxKind.Integer)],
            r.Reminders.Select(x => (IReadOnlyList<object?>)[x.Topic, x.Manual, x.Automatic, x.Total]))
        .AddSheet("Evaluaciones atrasadas",
            [new("Etapa", XlsxKind.Text, 48), new("Cierre de la ventana", XlsxKind.Date), new("En espera del evaluado", XlsxKind.Integer), new("En espera del evaluador", XlsxKind.Integer), new("Total", XlsxKind.Integer)],
            r.Late.Select(x => (IReadOnlyList<object?>)[x.Stage.Label(), x.WindowEnd, x.OnEvaluado, x.OnEvaluator, x.Total]))
        .AddSheet("Planes de mejoramiento",
            [new("Indicador", XlsxKind.Text, 48), new("Valor", XlsxKind.Decimal)],
            r.Plans.Select(p => (IReadOnlyList<object?>)[$"Planes «{p.Status.Label()}»", p.Count])
                .Append(["Total de planes", r.PlansTotal])
                .Append(["Avance promedio de los planes concertados (%)", r.AverageProgress])
                .Append(["Acciones vencidas (fecha de fin pasada y avance < 100 %)", r.OverdueActions])
                .Append(["Planes con acciones vencidas", r.PlansWithOverdue]))
        .ToBytes();
}
