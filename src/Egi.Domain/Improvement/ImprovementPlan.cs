using Egi.Domain.Calendar;
using Egi.Domain.Common;

namespace Egi.Domain.Improvement;

/// <summary>The life of an individual improvement plan (activities 18–20 of P-TH-10).</summary>
public enum PlanStatus
{
    /// <summary>The servant requires a plan; the format has not been sent yet.</summary>
    Required = 0,

    /// <summary>Activity 18: the format went to the jefe and the servant.</summary>
    FormatSent = 1,

    /// <summary>Activity 19: someone started filling the aspects.</summary>
    Filling = 2,

    /// <summary>Jefe and servant both confirmed the plan.</summary>
    Agreed = 3,

    /// <summary>Activity 20: follow-up entries are being recorded.</summary>
    FollowUp = 4,

    Closed = 5,
}

public static class PlanStatusInfo
{
    public static string Label(this PlanStatus s) => s switch
    {
        PlanStatus.Required => "Requerido",
        PlanStatus.FormatSent => "Formato enviado",
        PlanStatus.Filling => "En diligenciamiento",
        PlanStatus.Agreed => "Concertado",
        PlanStatus.FollowUp => "En seguimiento",
        PlanStatus.Closed => "Cerrado",
        _ => s.ToString(),
    };
}

/// <summary>Whether a plan's steps are open on a day (SPEC §3: outside its window a step is closed).</summary>
public enum PlanWindowState
{
    /// <summary>Inside the period's «Mejoramiento individual» window.</summary>
    Open = 0,

    /// <summary>Outside the window, open for this person until the day Talento Humano reopened it until.</summary>
    ReopenedForPerson = 1,

    /// <summary>Outside the window and not reopened for this person.</summary>
    Closed = 2,
}

/// <summary>Who acts on a plan: a servant of the directory and/or Talento Humano.</summary>
public sealed record PlanActor(int? ServantId, string Name, bool IsTalentoHumano = false);

/// <summary>One aspect to improve (activity 19), linked to a goal of the evaluation or to a rated competency.</summary>
public sealed record PlanAspect
{
    public int Number { get; init; }

    /// <summary>The goal number of the evaluation this aspect improves, or null when it is linked to a competency.</summary>
    public int? GoalNumber { get; init; }

    /// <summary>The competency (as rated in the evaluation), or null when it is linked to a goal.</summary>
    public string? Competency { get; init; }

    public string Aspect { get; init; } = "";
    public string Actions { get; init; } = "";
    public string ExpectedResult { get; init; } = "";
    public string Responsible { get; init; } = "";
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public string Resources { get; init; } = "";

    public const int TextMax = 2000;
    public const int ShortMax = 200;

    public bool IsEmpty =>
        GoalNumber is null && string.IsNullOrWhiteSpace(Competency) && string.IsNullOrWhiteSpace(Aspect) && string.IsNullOrWhiteSpace(Actions)
        && string.IsNullOrWhiteSpace(ExpectedResult) && string.IsNullOrWhiteSpace(Responsible) && StartDate is null && EndDate is null
        && string.IsNullOrWhiteSpace(Resources);

    /// <summary>Overdue: its end date has passed and the plan is not at 100 %.</summary>
    public bool IsOverdue(DateOnly today, int progress) => EndDate is { } end && end < today && progress < 100;

    public static IReadOnlyList<(string Field, string Label)> Fields { get; } =
    [
        ("Link", "Meta o competencia"),
        (nameof(Aspect), "Aspecto a mejorar"),
        (nameof(Actions), "Acciones"),
        (nameof(ExpectedResult), "Resultado esperado"),
        (nameof(Responsible), "Responsable"),
        (nameof(StartDate), "Fecha de inicio"),
        (nameof(EndDate), "Fecha de fin"),
        (nameof(Resources), "Recursos"),
    ];

    public static string FieldLabel(string field) => Fields.FirstOrDefault(f => f.Field == field).Label ?? field;

    /// <summary>Errors keyed "Aspects[i].Field" with a message naming the aspect and the field.</summary>
    public IEnumerable<FieldError> Validate(int index, IReadOnlyCollection<int> goalNumbers, IReadOnlyCollection<string> competencies)
    {
        var n = index + 1;
        string Key(string f) => $"Aspects[{index}].{f}";
        FieldError Required(string f) => new(Key(f), $"Aspecto {n}: escriba «{FieldLabel(f)}».");

        if (GoalNumber is null && string.IsNullOrWhiteSpace(Competency))
            yield return new(Key("Link"), $"Aspecto {n}: elija la meta o la competencia de la evaluación a la que se refiere.");
        else if (GoalNumber is { } g && !goalNumbers.Contains(g))
            yield return new(Key("Link"), $"Aspecto {n}: la meta {g} no existe en la evaluación; elija una meta o competencia de la lista.");
        else if (GoalNumber is null && !competencies.Contains(Competency!))
            yield return new(Key("Link"), $"Aspecto {n}: la competencia «{Competency}» no fue calificada en la evaluación; elija una de la lista.");
        if (string.IsNullOrWhiteSpace(Aspect)) yield return Required(nameof(Aspect));
        if (string.IsNullOrWhiteSpace(Actions)) yield return Required(nameof(Actions));
        if (string.IsNullOrWhiteSpace(ExpectedResult)) yield return Required(nameof(ExpectedResult));
        if (string.IsNullOrWhiteSpace(Responsible)) yield return Required(nameof(Responsible));
        foreach (var (f, v, max) in new[]
                 {
                     (nameof(Aspect), Aspect, TextMax), (nameof(Actions), Actions, TextMax), (nameof(ExpectedResult), ExpectedResult, TextMax),
                     (nameof(Responsible), Responsible, ShortMax), (nameof(Resources), Resources, TextMax),
                 })
            if ((v?.Trim().Length ?? 0) > max) yield return new(Key(f), $"Aspecto {n}: «{FieldLabel(f)}» admite máximo {max} caracteres.");
        if (StartDate is null) yield return new(Key(nameof(StartDate)), $"Aspecto {n}: indique la «Fecha de inicio» (dd/mm/aaaa).");
        if (EndDate is null) yield return new(Key(nameof(EndDate)), $"Aspecto {n}: indique la «Fecha de fin» (dd/mm/aaaa).");
        if (StartDate is { } s && EndDate is { } e && e < s)
            yield return new(Key(nameof(EndDate)), $"Aspecto {n}: la «Fecha de fin» ({e:dd/MM/yyyy}) debe ser igual o posterior a la «Fecha de inicio» ({s:dd/MM/yyyy}).");
    }
}

/// <summary>One follow-up entry (activity 20): date, cumulative % of progress of the plan, observations, who.</summary>
public sealed record PlanFollowUp
{
    public int Sequence { get; init; }
    public DateOnly Date { get; init; }
    public int ProgressPercent { get; init; }
    public string Observations { get; init; } = "";
    public string By { get; init; } = "";
    public DateTime At { get; init; }

    public const int ObservationsMax = 2000;
}

/// <summary>
/// An individual improvement plan of one servant in one period (SPEC §6, activities 18–20): the aspects agreed by the
/// jefe (the evaluator of that evaluation at the time) and the servant, then dated follow-up entries until closed.
/// <para>
/// Decisions: the jefe, the servant and Talento Humano may edit the aspects while the plan is not agreed; any edit
/// withdraws the confirmations already given (the other party must confirm what was changed). Once both confirmed
/// (<see cref="PlanStatus.Agreed"/>) the aspects are the record and can no longer be edited: later changes are written
/// in the follow-up observations. Closing requires a follow-up at 100 %. The steps (format, aspects, confirmations,
/// follow-ups, closing) are open inside the period's «Mejoramiento individual» window, or until the day Talento Humano
/// reopened them for the person (<see cref="ReopenWindow"/>); every change is refused while the period is closed.
/// </para>
/// </summary>
public sealed class ImprovementPlan
{
    public long Id { get; set; }
    public int PeriodId { get; set; }
    public int ServantId { get; set; }
    public int? EvaluationId { get; set; }

    /// <summary>The evaluator of the evaluation when the plan was created: the jefe who fills and confirms it.</summary>
    public int? EvaluatorId { get; set; }

    public PlanStatus Status { get; private set; } = PlanStatus.Required;

    /// <summary>Why the plan is required (the rule's reasons, or Talento Humano's reason for adding the person).</summary>
    public List<string> Reasons { get; set; } = [];

    /// <summary>Talento Humano added the person by hand (not required by the rule).</summary>
    public bool AddedManually { get; set; }

    /// <summary>Talento Humano removed the person from the plans of the period.</summary>
    public bool Excluded { get; set; }

    /// <summary>The reason of the last manual inclusion or exclusion, who and when.</summary>
    public string? ManualReason { get; set; }
    public string? ManualBy { get; set; }
    public DateTime? ManualAt { get; set; }

    public DateTime? FormatSentAt { get; set; }
    public DateTime? BossConfirmedAt { get; set; }
    public string? BossConfirmedBy { get; set; }
    public DateTime? ServantConfirmedAt { get; set; }
    public string? ServantConfirmedBy { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>
    /// The last day this plan's steps stay open after Talento Humano reopened them for the person outside the stage's
    /// window (SPEC §3), with the reason, who and when; null while never reopened.
    /// </summary>
    public DateOnly? ReopenedUntil { get; private set; }
    public string? ReopenReason { get; private set; }
    public string? ReopenedBy { get; private set; }
    public DateTime? ReopenedAt { get; private set; }

    public const int ReopenReasonMax = 2000;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token: changes on every save, so a stale save is refused.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<PlanAspect> Aspects { get; set; } = [];
    public List<PlanFollowUp> FollowUps { get; set; } = [];

    /// <summary>
    /// The plan (status Requerido) of a servant in <paramref name="period"/>; null with the reason while the period is
    /// closed (SPEC §3: read-only, its improvement plans too).
    /// </summary>
    public static (ImprovementPlan? Plan, Outcome Outcome) Create(Period period, int servantId, int? evaluationId, int? evaluatorId, IEnumerable<string> reasons,
        DateTime now)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.ReadOnlyRefusal() is { } closed) return (null, closed);
        return (new()
        {
            PeriodId = period.Id,
            ServantId = servantId,
            EvaluationId = evaluationId,
            EvaluatorId = evaluatorId,
            Reasons = reasons.ToList(),
            CreatedAt = now,
            UpdatedAt = now,
        }, Outcome.Ok);
    }

    /// <summary>Cumulative progress: the % of the latest follow-up entry (0 before any).</summary>
    public int Progress => FollowUps.OrderBy(f => f.Date).ThenBy(f => f.Sequence).LastOrDefault()?.ProgressPercent ?? 0;

    public IReadOnlyList<PlanAspect> OverdueAspects(DateOnly today) =>
        Status == PlanStatus.Closed ? [] : Aspects.Where(a => a.IsOverdue(today, Progress)).ToList();

    /// <summary>
    /// Late on <paramref name="today"/> (activity 20: Talento Humano reminds the late ones): an action past its end date
    /// below 100 %, or the plan not agreed yet once its format was sent.
    /// </summary>
    public bool IsLate(DateOnly today) => Status is PlanStatus.FormatSent or PlanStatus.Filling || OverdueAspects(today).Count > 0;

    public bool IsServant(PlanActor a) => a.ServantId is { } s && s == ServantId;
    public bool IsBoss(PlanActor a) => a.ServantId is { } s && s == EvaluatorId && s != ServantId;
    public bool CanView(PlanActor a) => a.IsTalentoHumano || IsServant(a) || IsBoss(a);
    public bool CanEdit(PlanActor a) => !Excluded && (a.IsTalentoHumano || IsServant(a) || IsBoss(a));
    public bool IsEditable => Status is PlanStatus.Required or PlanStatus.FormatSent or PlanStatus.Filling;

    // ------------------------------------------------------------ activity 18

    public Outcome MarkFormatSent(Period period, PlanActor actor, DateTime now)
    {
        if (ReadOnly(period) is { } closed) return closed;
        if (WindowClosed(period, now) is { } outside) return outside;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano envía el formato de mejoramiento individual.");
        if (Excluded) return Outcome.Refused("La persona fue retirada de los planes de mejoramiento de la vigencia.");
        if (Status != PlanStatus.Required) return Outcome.Refused($"El formato ya fue enviado (el plan está «{Status.Label()}»).");
        Status = PlanStatus.FormatSent;
        FormatSentAt = now;
        return Touch(now);
    }

    // ------------------------------------------------------------ activity 19

    /// <summary>Saves the aspects (empty rows ignored; at least one); withdraws the confirmations already given.</summary>
    public Outcome SaveAspects(Period period, PlanActor actor, IReadOnlyList<PlanAspect> aspects, IReadOnlyCollection<int> goalNumbers, IReadOnlyCollection<string> competencies, DateTime now)
    {
        if (ReadOnly(period) is { } closed) return closed;
        if (WindowClosed(period, now) is { } outside) return outside;
        if (!CanEdit(actor)) return Outcome.Refused("Solo el servidor, su jefe (evaluador) o Talento Humano pueden diligenciar este plan.");
        if (!IsEditable) return Outcome.Refused($"El plan está «{Status.Label()}»: las acciones concertadas ya no se modifican; registre los cambios en las observaciones del seguimiento.");
        var errors = new List<FieldError>();
        var kept = new List<PlanAspect>();
        for (var i = 0; i < aspects.Count; i++)
        {
            if (aspects[i].IsEmpty) continue;
            errors.AddRange(aspects[i].Validate(i, goalNumbers, competencies));
            kept.Add(Trimmed(aspects[i]) with { Number = kept.Count + 1 });
        }
        if (kept.Count == 0) errors.Insert(0, new FieldError("Aspects", "Agregue al menos un aspecto a mejorar, con su meta o competencia, acciones, resultado esperado, responsable y fechas."));
        if (errors.Count > 0) return Outcome.From(errors);
        Aspects = kept;
        Status = PlanStatus.Filling;
        BossConfirmedAt = ServantConfirmedAt = null;
        BossConfirmedBy = ServantConfirmedBy = null;
        return Touch(now);
    }

    /// <summary>The jefe or the servant confirms the plan as it is; when both have, it is agreed (Concertado).</summary>
    public Outcome Confirm(Period period, PlanActor actor, DateTime now)
    {
        if (ReadOnly(period) is { } closed) return closed;
        if (WindowClosed(period, now) is { } outside) return outside;
        var asBoss = IsBoss(actor);
        var asServant = IsServant(actor);
        if (Excluded || (!asBoss && !asServant)) return Outcome.Refused("Solo el jefe (evaluador) y el servidor confirman el plan.");
        if (Status != PlanStatus.Filling) return Outcome.Refused($"El plan está «{Status.Label()}»: solo se confirma un plan diligenciado y aún no concertado.");
        if (Aspects.Count == 0) return Outcome.Refused("Agregue al menos un aspecto a mejorar antes de confirmar.");
        if (asBoss)
        {
            if (BossConfirmedAt is not null) return Outcome.Refused("Usted ya confirmó este plan como jefe.");
            BossConfirmedAt = now;
            BossConfirmedBy = actor.Name;
        }
        else
        {
            if (ServantConfirmedAt is not null) return Outcome.Refused("Usted ya confirmó este plan.");
            ServantConfirmedAt = now;
            ServantConfirmedBy = actor.Name;
        }
        if (BossConfirmedAt is not null && ServantConfirmedAt is not null) Status = PlanStatus.Agreed;
        return Touch(now);
    }

    // ------------------------------------------------------------ activity 20

    public Outcome AddFollowUp(Period period, PlanActor actor, DateOnly? date, int? percent, string? observations, DateOnly today, DateTime now)
    {
        if (ReadOnly(period) is { } closed) return closed;
        if (WindowClosed(period, now) is { } outside) return outside;
        if (!CanEdit(actor)) return Outcome.Refused("Solo el servidor, su jefe (evaluador) o Talento Humano registran el seguimiento de este plan.");
        if (Status is not (PlanStatus.Agreed or PlanStatus.FollowUp))
            return Outcome.Refused($"El plan está «{Status.Label()}»: el seguimiento se registra cuando el plan está concertado y hasta que se cierre.");
        var errors = new List<FieldError>();
        if (date is null) errors.Add(new("Date", "Indique la «Fecha» del seguimiento (dd/mm/aaaa)."));
        else if (date > today) errors.Add(new("Date", $"La «Fecha» del seguimiento no puede ser posterior a hoy ({today:dd/MM/yyyy})."));
        if (percent is null) errors.Add(new("Percent", "Indique el «Avance (%)», un número entero entre 0 y 100."));
        else if (percent is < 0 or > 100) errors.Add(new("Percent", "El «Avance (%)» debe estar entre 0 y 100."));
        if (string.IsNullOrWhiteSpace(observations)) errors.Add(new("Observations", "Escriba las «Observaciones» del seguimiento."));
        else if (observations.Trim().Length > PlanFollowUp.ObservationsMax) errors.Add(new("Observations", $"Las «Observaciones» admiten máximo {PlanFollowUp.ObservationsMax} caracteres."));
        if (errors.Count > 0) return Outcome.From(errors);
        FollowUps.Add(new PlanFollowUp
        {
            Sequence = FollowUps.Count + 1,
            Date = date!.Value,
            ProgressPercent = percent!.Value,
            Observations = observations!.Trim(),
            By = actor.Name,
            At = now,
        });
        Status = PlanStatus.FollowUp;
        return Touch(now);
    }

    /// <summary>The jefe or Talento Humano closes the plan once a follow-up reached 100 %.</summary>
    public Outcome Close(Period period, PlanActor actor, DateTime now)
    {
        if (ReadOnly(period) is { } closed) return closed;
        if (WindowClosed(period, now) is { } outside) return outside;
        if (Excluded || !(actor.IsTalentoHumano || IsBoss(actor))) return Outcome.Refused("Solo el jefe (evaluador) o Talento Humano cierran el plan.");
        if (Status != PlanStatus.FollowUp) return Outcome.Refused($"El plan está «{Status.Label()}»: se cierra cuando está en seguimiento.");
        if (Progress < 100) return Outcome.Refused($"Para cerrar el plan registre un seguimiento con avance del 100 % (el avance actual es {Progress} %).");
        Status = PlanStatus.Closed;
        ClosedAt = now;
        return Touch(now);
    }

    // ------------------------------------------------------------ inclusion / exclusion (Talento Humano)

    public Outcome Exclude(Period period, PlanActor actor, string? reason, DateTime now)
    {
        if (ReadOnly(period) is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano retira a una persona de los planes de mejoramiento.");
        if (ReasonError(reason) is { } refused) return refused;
        if (Excluded) return Outcome.Refused("La persona ya fue retirada de los planes de la vigencia.");
        if (Status is PlanStatus.Agreed or PlanStatus.FollowUp or PlanStatus.Closed)
            return Outcome.Refused($"El plan ya está «{Status.Label()}»: no se puede retirar.");
        Excluded = true;
        SetManual(actor, reason!, now);
        return Touch(now);
    }

    public Outcome Include(Period period, PlanActor actor, string? reason, DateTime now)
    {
        if (ReadOnly(period) is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano agrega personas a los planes de mejoramiento.");
        if (ReasonError(reason) is { } refused) return refused;
        if (!Excluded && (AddedManually || Reasons.Count > 0)) return Outcome.Refused("La persona ya está en la lista de quienes requieren plan.");
        Excluded = false;
        if (Reasons.Count == 0) AddedManually = true;
        if (AddedManually) Reasons = [$"Incluido por Talento Humano: {reason!.Trim()}"];
        SetManual(actor, reason!, now);
        return Touch(now);
    }

    private void SetManual(PlanActor actor, string reason, DateTime now)
    {
        ManualReason = reason.Trim();
        ManualBy = actor.Name;
        ManualAt = now;
    }

    private static Outcome? ReasonError(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? Outcome.Refused("Escriba el «Motivo».", "Reason")
        : reason.Trim().Length > 500 ? Outcome.Refused("El «Motivo» admite máximo 500 caracteres.", "Reason") : null;

    // ------------------------------------------------------------ the stage's window (SPEC §3)

    /// <summary>
    /// Whether the plan's steps (activities 18–20: the format sent, the aspects, the confirmations, the follow-ups, the
    /// closing) are open on <paramref name="today"/>: inside the period's «Mejoramiento individual» window, or until the
    /// day Talento Humano reopened them until for this person.
    /// </summary>
    public bool IsWindowOpen(Period period, DateOnly today) => WindowState(period, today) != PlanWindowState.Closed;

    /// <summary>
    /// The plan's steps on <paramref name="today"/>: open in the stage's window, open for this person only (Talento Humano
    /// reopened them until <see cref="ReopenedUntil"/>), or closed.
    /// </summary>
    public PlanWindowState WindowState(Period period, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.IsOpen(Stage.Improvement, today) ? PlanWindowState.Open
            : ReopenedUntil >= today ? PlanWindowState.ReopenedForPerson
            : PlanWindowState.Closed;
    }

    /// <summary>
    /// Whether Talento Humano's reminder (activity 20) reaches this plan on <paramref name="today"/>: not removed, not
    /// closed, and its steps open — nobody is reminded of a step they cannot take.
    /// </summary>
    public bool CanBeReminded(Period period, DateOnly today) =>
        !Excluded && Status != PlanStatus.Closed && IsWindowOpen(period, today);

    /// <summary>Why the plan's steps are closed on <paramref name="today"/> (outside the stage's window); null while open.</summary>
    public string? WindowClosedReason(Period period, DateOnly today)
    {
        if (IsWindowOpen(period, today)) return null;
        var w = period.Window(Stage.Improvement);
        var reopened = ReopenedUntil is { } until ? $" La reapertura para esta persona venció el {until:dd/MM/yyyy}." : "";
        return $"La etapa «{Stage.Improvement.Label()}» está cerrada (ventana del {w.Start:dd/MM/yyyy} al {w.End:dd/MM/yyyy}).{reopened} "
            + "Solo Talento Humano puede reabrirla para esta persona, con un motivo.";
    }

    /// <summary>
    /// Talento Humano reopens the plan's steps for this person until <paramref name="until"/> (today or later), with a
    /// reason (SPEC §3: «Outside its window a step is closed; Talento Humano can reopen it for one person with a reason»).
    /// A later reopening replaces the earlier one; each is also in the audit log.
    /// </summary>
    public Outcome ReopenWindow(Period period, PlanActor actor, string? reason, DateOnly? until, DateOnly today, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (ReadOnly(period) is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano reabre la etapa de mejoramiento para una persona.");
        if (Status == PlanStatus.Closed) return Outcome.Refused("El plan está «Cerrado»: no hay pasos que reabrir.");
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(reason)) errors.Add(new("Reason", "Escriba el «Motivo» de la reapertura."));
        else if (reason.Trim().Length > ReopenReasonMax) errors.Add(new("Reason", $"El «Motivo» admite máximo {ReopenReasonMax} caracteres."));
        if (until is null) errors.Add(new("Until", "Indique «Abierta hasta» (dd/mm/aaaa)."));
        else if (until < today) errors.Add(new("Until", $"«Abierta hasta» no puede ser anterior a hoy ({today:dd/MM/yyyy})."));
        if (errors.Count > 0) return Outcome.From(errors);
        ReopenedUntil = until;
        ReopenReason = reason!.Trim();
        ReopenedBy = actor.Name;
        ReopenedAt = now;
        return Touch(now);
    }

    private Outcome? WindowClosed(Period period, DateTime now) =>
        WindowClosedReason(period, BogotaTime.Day(now)) is { } reason ? Outcome.Refused(reason) : null;

    /// <summary>
    /// SPEC §3: a closed period is read-only, its improvement plans too — every change to a plan is refused, first, while
    /// its period is closed (Talento Humano may reopen the period with a reason). <paramref name="period"/> is the plan's own.
    /// </summary>
    private Outcome? ReadOnly(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.ReadOnlyRefusalOf(PeriodId, "improvement plan");
    }

    private Outcome Touch(DateTime now)
    {
        UpdatedAt = now;
        return Outcome.Ok;
    }

    private static PlanAspect Trimmed(PlanAspect a) => a with
    {
        Competency = string.IsNullOrWhiteSpace(a.Competency) ? null : a.Competency.Trim(),
        Aspect = (a.Aspect ?? "").Trim(),
        Actions = (a.Actions ?? "").Trim(),
        ExpectedResult = (a.ExpectedResult ?? "").Trim(),
        Responsible = (a.Responsible ?? "").Trim(),
        Resources = (a.Resources ?? "").Trim(),
    };
}
