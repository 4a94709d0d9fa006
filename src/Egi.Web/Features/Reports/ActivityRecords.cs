using System.Linq.Expressions;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports;

/// <summary>The three records of the «Reporte Excel del sistema» that P-TH-10 names for activities 4–6, 8–10 and 12–15.</summary>
public enum ActivityRecord
{
    /// <summary>Activities 4–6: the goals as sent and agreed, every round and every change of the evaluator.</summary>
    Goals = 1,

    /// <summary>Activities 8–10, 12, 13 and 15: each follow-up as the evaluado sent it and as the evaluator approved or modified it.</summary>
    SelfEvaluations = 2,

    /// <summary>Activity 14: the competency ratings.</summary>
    Competencies = 3,
}

/// <summary>The JSON columns of an evaluation a record's sheet reads: the others stay unread (and unparsed).</summary>
[Flags]
public enum RecordParts
{
    /// <summary>The history of actions (rounds, reviews, answers).</summary>
    History = 1,

    /// <summary>The versions of goals and follow-ups (what was sent, modified, decided).</summary>
    Versions = 2,

    /// <summary>The competency ratings.</summary>
    Competencies = 4,
}

/// <summary>The JSON columns of one evaluation that a record's sheet reads (<see cref="RecordParts"/>; the others stay empty).</summary>
public sealed class RecordSource
{
    public int Id { get; set; }
    public List<EvaluationVersion> Versions { get; set; } = [];
    public List<EvaluationEvent> History { get; set; } = [];
    public List<CompetencyScore> Competencies { get; set; } = [];
}

/// <summary>One evaluation of a record: the report's row (servant, evaluator, state, stored dates) and what the evaluation keeps.</summary>
public sealed record RecordItem(Stage1Row Base, ReportRow Facts, RecordSource Source);

/// <summary>How many evaluations of the period each record covers (one SQL query over the stored facts).</summary>
public sealed class RecordCounts
{
    public int Evaluations { get; set; }
    public int GoalsSent { get; set; }
    public int GoalsAgreed { get; set; }
    public int FollowUpISent { get; set; }
    public int FollowUpIAccepted { get; set; }
    public int FollowUpIISent { get; set; }
    public int CompetenciesRated { get; set; }
    public int Finalized { get; set; }

    /// <summary>The evaluations a record has rows for.</summary>
    public int Of(ActivityRecord record) => record switch
    {
        ActivityRecord.Goals => GoalsSent,
        ActivityRecord.SelfEvaluations => FollowUpISent,
        _ => CompetenciesRated,
    };
}

/// <summary>
/// The «Reporte Excel del sistema» (SPEC §5): per period, one .xlsx per record — the agreed goals (activities 4–6), the
/// self-evaluations with the evaluator's answer and changes (8–10, 12–13, 15) and the competency ratings (14). The
/// servants, their order and the evaluator are those of the consolidation reports (<see cref="ReportQuery"/>); the
/// content is read from the evaluations' history and versions in the same query as the rows (<see cref="Items"/>), and
/// written while it is read. Text is written as text cells (never a formula: see <see cref="SpreadsheetText"/>).
/// </summary>
public static class ActivityRecords
{
    public const string AuditEntity = "Reporte Excel del sistema";

    public static IReadOnlyList<ActivityRecord> All { get; } = Enum.GetValues<ActivityRecord>();

    public static string Title(ActivityRecord record) => record switch
    {
        ActivityRecord.Goals => "Metas y objetivos concertados",
        ActivityRecord.SelfEvaluations => "Autoevaluaciones y su aprobación o modificación",
        _ => "Calificación de competencias comportamentales",
    };

    public static string Activities(ActivityRecord record) => record switch
    {
        ActivityRecord.Goals => "Actividades 4, 5 y 6",
        ActivityRecord.SelfEvaluations => "Actividades 8, 9, 10, 12, 13 y 15",
        _ => "Actividad 14",
    };

    public static string FileName(ActivityRecord record, Period period) => record switch
    {
        ActivityRecord.Goals => $"registro-metas-{period.Year}.xlsx",
        ActivityRecord.SelfEvaluations => $"registro-autoevaluaciones-{period.Year}.xlsx",
        _ => $"registro-competencias-{period.Year}.xlsx",
    };

    /// <summary>One query: how many evaluations of the period have reached each step (from the stored facts).</summary>
    public static async Task<RecordCounts> CountsAsync(EgiDbContext db, Period period, DateOnly today, CancellationToken ct) =>
        await EvaluationRows.Of(db, period, today).Where(r => r.EvaluationId != null)
            .GroupBy(r => 1)
            .Select(g => new RecordCounts
            {
                Evaluations = g.Count(),
                GoalsSent = g.Count(r => r.GoalsSubmittedOn != null),
                GoalsAgreed = g.Count(r => r.GoalsAgreedOn != null),
                FollowUpISent = g.Count(r => r.FollowUpISubmittedOn != null || r.FollowUpIISubmittedOn != null),
                FollowUpIAccepted = g.Count(r => r.FollowUpIAcceptedOn != null),
                FollowUpIISent = g.Count(r => r.FollowUpIISubmittedOn != null),
                CompetenciesRated = g.Count(r => r.CompetenciesRatedOn != null || r.FinalizedOn != null),
                Finalized = g.Count(r => r.FinalizedOn != null),
            })
            .FirstOrDefaultAsync(ct) ?? new RecordCounts();

    /// <summary>
    /// The evaluations a record has rows for, in the reports' order, from one query read as it goes: the report rows
    /// joined with only the JSON columns a sheet reads (<paramref name="parts"/>: the rounds need the history alone, the
    /// evaluator's changes the versions alone), after the committees' names of the whole list (two queries,
    /// as <see cref="ReportQuery.Stream"/>). Reading the ordered ids first and then the rows and their JSON columns by
    /// batches filtered and sorted the period again for every batch.
    /// </summary>
    public static IEnumerable<RecordItem> Items(EgiDbContext db, Period period, DateOnly today, IReadOnlyList<DependencyNode> tree, ActivityRecord record,
        RecordParts parts)
    {
        var rows = EvaluationRows.Of(db, period, today).Where(r => r.EvaluationId != null);
        rows = record switch
        {
            ActivityRecord.Goals => rows.Where(r => r.GoalsSubmittedOn != null),
            ActivityRecord.SelfEvaluations => rows.Where(r => r.FollowUpISubmittedOn != null || r.FollowUpIISubmittedOn != null),
            _ => rows.Where(r => r.CompetenciesRatedOn != null || r.FinalizedOn != null),
        };
        var names = tree.ToDictionary(d => d.Id, d => d.Name);
        var ordered = ReportQuery.Ordered(rows);
        var members = Members.OfAll(db, ordered);
        Expression<Func<Evaluation, RecordSource>> source = parts switch
        {
            RecordParts.History => e => new RecordSource { Id = e.Id, History = e.History },
            RecordParts.Versions => e => new RecordSource { Id = e.Id, Versions = e.Versions },
            RecordParts.History | RecordParts.Versions => e => new RecordSource { Id = e.Id, History = e.History, Versions = e.Versions },
            RecordParts.History | RecordParts.Competencies => e => new RecordSource { Id = e.Id, History = e.History, Competencies = e.Competencies },
            _ => throw new ArgumentOutOfRangeException(nameof(parts), parts, "No sheet reads these parts."),
        };
        // The join keeps the ordering of the report rows (EF Core lifts it over the join): one sort of the period. Only
        // the JSON columns the sheet reads are read (and parsed).
        var items = ordered.Join(db.Evaluations.AsNoTracking().Select(source), r => r.EvaluationId, e => (int?)e.Id,
            (r, e) => new RecordRow { Row = r, Source = e });
        foreach (var item in items.AsEnumerable())
            yield return new RecordItem(Stage1Report.RowOf(item.Row, members, names, today), item.Row, item.Source);
    }

    /// <summary>A report row with its evaluation's JSON columns, as the query reads them.</summary>
    private sealed class RecordRow
    {
        public ReportRow Row { get; set; } = null!;
        public RecordSource Source { get; set; } = null!;
    }

    /// <summary>The workbook of a record; its sheets read <paramref name="items"/> (each sheet once) while they are written.</summary>
    public static XlsxWorkbook Workbook(ActivityRecord record, Func<RecordParts, IEnumerable<RecordItem>> items, Period period) => record switch
    {
        ActivityRecord.Goals => new XlsxWorkbook()
            .AddStreamedSheet("Metas", RecordColumns.Goals, items(RecordParts.History | RecordParts.Versions).SelectMany(RecordRows.Goals))
            .AddStreamedSheet("Rondas", RecordColumns.Rounds(false), items(RecordParts.History).SelectMany(i => RecordRows.Rounds(i, EvaluationStep.Goals, false)))
            .AddStreamedSheet("Cambios del evaluador", RecordColumns.Changes(false), items(RecordParts.Versions).SelectMany(i => RecordRows.Changes(i, EvaluationStep.Goals, false))),
        ActivityRecord.SelfEvaluations => new XlsxWorkbook()
            .AddStreamedSheet("Autoevaluaciones", RecordColumns.SelfEvaluations, items(RecordParts.History | RecordParts.Versions).SelectMany(RecordRows.SelfEvaluations))
            .AddStreamedSheet("Rondas", RecordColumns.Rounds(true), items(RecordParts.History).SelectMany(i => FollowUps.SelectMany(s => RecordRows.Rounds(i, s, true))))
            .AddStreamedSheet("Cambios del evaluador", RecordColumns.Changes(true), items(RecordParts.Versions).SelectMany(i => FollowUps.SelectMany(s => RecordRows.Changes(i, s, true)))),
        _ => new XlsxWorkbook()
            .AddStreamedSheet("Competencias", RecordColumns.Competencies, items(RecordParts.History | RecordParts.Competencies).SelectMany(i => RecordRows.Competencies(i, period.Settings))),
    };

    internal static IReadOnlyList<EvaluationStep> FollowUps { get; } = [EvaluationStep.FollowUpI, EvaluationStep.FollowUpII];
}

/// <summary>The columns of the record sheets. One instance per header: MiniExcel formats a header alike in every sheet.</summary>
public static class RecordColumns
{
    private static readonly XlsxColumn Document = new("Documento", XlsxKind.Text, 14);
    private static readonly XlsxColumn Name = new("Nombre", XlsxKind.Text, 30);
    private static readonly XlsxColumn Job = new("Empleo", XlsxKind.Text, 34);
    private static readonly XlsxColumn Dependency = new("Dependencia", XlsxKind.Text, 40);
    private static readonly XlsxColumn Evaluator = new("Evaluador", XlsxKind.Text, 34);
    private static readonly XlsxColumn State = new("Estado", XlsxKind.Text, 24);
    private static readonly XlsxColumn FollowUp = new("Seguimiento", XlsxKind.Text, 20);
    private static readonly XlsxColumn GoalNumber = new("Meta n.º", XlsxKind.Integer, 8);
    private static readonly XlsxColumn Goal = new("Meta", XlsxKind.Text, 60);
    private static readonly XlsxColumn Weight = new("Peso", XlsxKind.Percent, 10);
    private static readonly XlsxColumn Agreed = new("% pactado para el primer seguimiento", XlsxKind.Percent, 14);
    private static readonly XlsxColumn Round = new("Ronda", XlsxKind.Integer, 8);
    private static readonly XlsxColumn Date = new("Fecha", XlsxKind.Date, 12);
    private static readonly XlsxColumn Who = new("Quién", XlsxKind.Text, 30);
    private static readonly XlsxColumn Review = new("Respuesta del evaluador", XlsxKind.Text, 22);
    private static readonly XlsxColumn Answer = new("Respuesta del evaluado", XlsxKind.Text, 22);
    private static readonly XlsxColumn Sent = new("Fecha de envío", XlsxKind.Date, 14);
    private static readonly XlsxColumn Reviewed = new("Fecha de aprobación o modificación", XlsxKind.Date, 14);

    /// <summary>Who the evaluation is about, as the consolidation reports write it.</summary>
    internal static IReadOnlyList<XlsxColumn> Servant { get; } = [Document, Name, Job, Dependency, Evaluator, State];

    public static IReadOnlyList<XlsxColumn> Goals { get; } =
    [
        .. Servant, GoalNumber, Goal, Weight, Agreed,
        new("Evidencia esperada", XlsxKind.Text, 40),
        new("Fecha de cumplimiento", XlsxKind.Date, 14),
        new("Ítem del plan institucional", XlsxKind.Text, 40),
        new("Versión vigente", XlsxKind.Text, 26),
        new("Rondas", XlsxKind.Integer, 8),
        Review, Answer, Sent, Reviewed,
        new("Fecha de concertación", XlsxKind.Date, 14),
    ];

    public static IReadOnlyList<XlsxColumn> SelfEvaluations { get; } =
    [
        .. Servant, FollowUp, GoalNumber, Goal, Weight, Agreed,
        new("% logrado según el evaluado", XlsxKind.Percent, 14),
        new("Relato del evaluado", XlsxKind.Text, 60),
        new("% logrado aprobado", XlsxKind.Percent, 14),
        new("Relato aprobado", XlsxKind.Text, 60),
        Review,
        new("Justificación de los cambios", XlsxKind.Text, 60),
        Answer, Sent, Reviewed,
        new("Fecha de aceptación", XlsxKind.Date, 14),
    ];

    /// <summary>Every action on the step, one per row (with the follow-up for the self-evaluations).</summary>
    public static IReadOnlyList<XlsxColumn> Rounds(bool followUp) =>
    [
        Document, Name, Dependency, .. followUp ? [FollowUp] : Array.Empty<XlsxColumn>(), Round, Date,
        new("Acción", XlsxKind.Text, 24), Who,
        new("En calidad de", XlsxKind.Text, 20),
        new("Motivo o comentario", XlsxKind.Text, 60),
    ];

    /// <summary>Every field the evaluator (or a committee) changed, with before, after and the justification.</summary>
    public static IReadOnlyList<XlsxColumn> Changes(bool followUp) =>
    [
        Document, Name, Dependency, .. followUp ? [FollowUp] : Array.Empty<XlsxColumn>(), Round, Date, Who,
        new("Tipo de versión", XlsxKind.Text, 26),
        GoalNumber,
        new("Campo", XlsxKind.Text, 30),
        new("Antes", XlsxKind.Text, 40),
        new("Después", XlsxKind.Text, 40),
        new("Justificación", XlsxKind.Text, 60),
    ];

    public static IReadOnlyList<XlsxColumn> Competencies { get; } =
    [
        .. Servant,
        new("Competencia", XlsxKind.Text, 40),
        new("Calificación", XlsxKind.Integer, 12),
        new("Nivel de la escala", XlsxKind.Text, 18),
        new("Comentario", XlsxKind.Text, 60),
        new("Calificada por", XlsxKind.Text, 30),
        new("Fecha de calificación", XlsxKind.Date, 14),
        Answer,
    ];
}

/// <summary>The rows of the record sheets for one evaluation, from its versions and history (<see cref="StepRecord"/>).</summary>
public static class RecordRows
{
    private static IEnumerable<object?> Servant(RecordItem i) =>
        [i.Base.Document, i.Base.Name, i.Base.Job, i.Base.Dependency, i.Base.Evaluator, i.Base.State];

    private static IEnumerable<object?> Short(RecordItem i, EvaluationStep? followUp) =>
        followUp is { } s ? [i.Base.Document, i.Base.Name, i.Base.Dependency, s.Label()] : [i.Base.Document, i.Base.Name, i.Base.Dependency];

    /// <summary>The goals as they stand on record (the last version sent, modified or decided), one row per goal.</summary>
    public static IEnumerable<IReadOnlyList<object?>> Goals(RecordItem i)
    {
        var versions = i.Source.Versions;
        if (StepRecord.Current(versions, EvaluationStep.Goals) is not { } current) yield break;
        var rounds = StepRecord.Versions(versions, EvaluationStep.Goals).Count(v => v.Kind == VersionKind.Proposal);
        var review = StepRecord.ReviewLabel(StepRecord.LastReview(i.Source.History, EvaluationStep.Goals));
        var answer = StepRecord.AnswerLabel(StepRecord.LastAnswer(i.Source.History, EvaluationStep.Goals));
        foreach (var g in current.Goals().OrderBy(g => g.Number))
            yield return
            [
                .. Servant(i), g.Number, g.Description, g.Weight, g.AgreedFirstFollowUpPercent, g.ExpectedEvidence, g.DueDate,
                g.ValueOf(nameof(Goal.PlanItemId)), current.Kind.Label(), rounds, review, answer,
                i.Facts.GoalsSubmittedOn, i.Facts.GoalsReviewedOn, i.Facts.GoalsAgreedOn,
            ];
    }

    /// <summary>
    /// Each follow-up the evaluado sent, one row per goal: what they reported in their last sending, what stands after
    /// the evaluator's answer (approved as sent, or modified with its justifications), the evaluado's answer and the dates.
    /// </summary>
    public static IEnumerable<IReadOnlyList<object?>> SelfEvaluations(RecordItem i)
    {
        var versions = i.Source.Versions;
        var goals = StepRecord.Current(versions, EvaluationStep.Goals)?.Goals().ToDictionary(g => g.Number) ?? [];
        foreach (var step in ActivityRecords.FollowUps)
        {
            if (StepRecord.LastProposal(versions, step) is not { } sent) continue;
            var current = StepRecord.Current(versions, step)!;
            var reported = sent.Progress().ToDictionary(p => p.GoalNumber);
            var standing = current.Progress().ToDictionary(p => p.GoalNumber);
            var why = current.Kind == VersionKind.Proposal ? [] : current.Changes().GroupBy(c => c.GoalNumber)
                .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(c => $"{c.FieldLabel}: {c.Justification}")));
            var review = StepRecord.ReviewLabel(StepRecord.LastReview(i.Source.History, step));
            var answer = StepRecord.AnswerLabel(StepRecord.LastAnswer(i.Source.History, step));
            var (sentOn, reviewedOn, acceptedOn) = step == EvaluationStep.FollowUpI
                ? (i.Facts.FollowUpISubmittedOn, i.Facts.FollowUpIReviewedOn, i.Facts.FollowUpIAcceptedOn)
                : (i.Facts.FollowUpIISubmittedOn, i.Facts.FollowUpIIReviewedOn, i.Facts.FinalizedOn);
            foreach (var n in reported.Keys.Union(standing.Keys).Order())
            {
                var goal = goals.GetValueOrDefault(n);
                var before = reported.GetValueOrDefault(n);
                var after = standing.GetValueOrDefault(n);
                yield return
                [
                    .. Servant(i), step.Label(), n, goal?.Description, goal?.Weight, goal?.AgreedFirstFollowUpPercent,
                    before?.AchievedPercent, before?.Narrative, after?.AchievedPercent, after?.Narrative,
                    review, why.GetValueOrDefault(n), answer, sentOn, reviewedOn, acceptedOn,
                ];
            }
        }
    }

    /// <summary>Every action on the step (send, approve, reject, modify, accept or not, rate, escalate, committee's decision).</summary>
    public static IEnumerable<IReadOnlyList<object?>> Rounds(RecordItem i, EvaluationStep step, bool withFollowUp) =>
        StepRecord.Events(i.Source.History, step).Select(e => (IReadOnlyList<object?>)
        [
            .. Short(i, withFollowUp ? step : null), e.Round, BogotaTime.Day(e.Event.At), e.Event.Action.Label(),
            e.Event.ActorName, e.Event.Role.Label(), e.Event.Comment,
        ]);

    /// <summary>Every change of every modification (or committee's decision) of the step, with its justification.</summary>
    public static IEnumerable<IReadOnlyList<object?>> Changes(RecordItem i, EvaluationStep step, bool withFollowUp) =>
        from v in StepRecord.Versions(i.Source.Versions, step)
        where v.Kind != VersionKind.Proposal
        from c in v.Changes()
        select (IReadOnlyList<object?>)
        [
            .. Short(i, withFollowUp ? step : null), v.Round, BogotaTime.Day(v.At), v.ActorName, v.Kind.Label(),
            c.GoalNumber, c.FieldLabel, GoalChangeText.Before(c), GoalChangeText.After(c), c.Justification,
        ];

    /// <summary>Each competency rated, with the scale's label of its value, who rated it and when, and the evaluado's answer.</summary>
    public static IEnumerable<IReadOnlyList<object?>> Competencies(RecordItem i, PeriodSettings settings)
    {
        if (i.Source.Competencies.Count == 0) yield break;
        var events = StepRecord.Events(i.Source.History, EvaluationStep.FollowUpII);
        var rated = events.LastOrDefault(e => e.Event.Action is EvaluationAction.RateCompetencies or EvaluationAction.CommitteeDecision);
        var answer = StepRecord.AnswerLabel(StepRecord.LastAnswer(i.Source.History, EvaluationStep.FollowUpII));
        var scale = settings.CompetencyScale.ToDictionary(l => l.Value, l => l.Label);
        foreach (var c in i.Source.Competencies)
            yield return
            [
                .. Servant(i), c.Competency, c.Value, scale.GetValueOrDefault(c.Value), c.Comment,
                rated?.Event.ActorName, rated is null ? i.Facts.CompetenciesRatedOn : BogotaTime.Day(rated.Event.At), answer,
            ];
    }
}
