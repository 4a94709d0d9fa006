using Egi.Domain.Calendar;
using Egi.Domain.Common;

namespace Egi.Domain.Process;

/// <summary>Who changes a session: Talento Humano (every session) or Planeación (its divulgation sessions).</summary>
public sealed record SessionEditor(bool IsTalentoHumano, bool IsPlaneacion)
{
    public bool MayEdit(SessionKind kind) => SessionRules.MayEdit(kind, IsTalentoHumano, IsPlaneacion);
}

/// <summary>How the attendance of an invitee was recorded (persisted by name: keep the names).</summary>
public enum AttendanceSource
{
    /// <summary>Marked on the session's page.</summary>
    OnScreen = 0,

    /// <summary>From an imported attendance list.</summary>
    ImportedList = 1,

    /// <summary>Written by the demonstration data.</summary>
    Demonstration = 2,
}

/// <summary>
/// A divulgation (activity 1) or socialization (activity 2) session of a period: when and where, who is invited, the
/// invitations sent (an .ics whose UID stays the same, so a resend updates the calendar entry) and the attendance
/// register.
/// <para>
/// Rules: only an editor of its kind schedules or changes it (<see cref="SessionRules.MayEdit"/>). The iCalendar
/// <see cref="Sequence"/> grows with every change the invitees must see once invitations went out (date, times, place,
/// link or topic) and with the cancellation, so calendars replace the entry. Attendance is recorded once the session
/// ended; a session with attendance recorded is never cancelled, and an invitee whose attendance is recorded is never
/// dropped from the register.
/// </para>
/// </summary>
public sealed class Session
{
    public const int OrganizerEmailMax = 254;
    public const int OrganizerNameMax = 200;

    private Session()
    {
    }

    public int Id { get; private set; }
    public int PeriodId { get; private set; }
    public SessionKind Kind { get; private set; }
    public string Topic { get; private set; } = "";
    public string? Description { get; private set; }

    /// <summary>Date and times in Bogotá.</summary>
    public DateOnly Date { get; private set; }

    public TimeOnly StartTime { get; private set; }
    public TimeOnly EndTime { get; private set; }
    public string? Place { get; private set; }
    public string? Link { get; private set; }
    public SessionAudience Audience { get; private set; }
    public int? DependencyId { get; private set; }

    /// <summary>iCalendar SEQUENCE: grows with every change the invitees must see in their calendar.</summary>
    public int Sequence { get; private set; }

    /// <summary>The invitations sent carry this sequence (null: never sent).</summary>
    public int? SentSequence { get; private set; }

    public DateTime? InvitationsSentAt { get; private set; }
    public string OrganizerEmail { get; private set; } = "";
    public string OrganizerName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public List<SessionInvitee> Invitees { get; private set; } = [];

    public string Uid => $"egi-sesion-{Id}@egi";

    public DateTimeOffset StartsAt => At(StartTime);
    public DateTimeOffset EndsAt => At(EndTime);

    private DateTimeOffset At(TimeOnly time) => new(Date.ToDateTime(time), TimeSpan.FromHours(-5));

    /// <summary>Whether the session already took place (its end has passed in Bogotá).</summary>
    public bool IsHeld(DateTimeOffset now) => EndsAt <= now;

    /// <summary>Invitations went out and something changed since (or someone was invited after): they must be sent again.</summary>
    public bool InvitationsOutdated => SentSequence is not null && (SentSequence != Sequence || Invitees.Any(i => i.InvitedSequence != Sequence));

    /// <summary>The invitees who have not received the current version of the session.</summary>
    public IReadOnlyList<SessionInvitee> NotInvitedYet => Invitees.Where(i => i.InvitedSequence != Sequence).ToList();

    public int AttendedCount => Invitees.Count(i => i.Attended);

    public SessionInput ToInput() => new(Kind, Topic, Date, StartTime, EndTime, Place, Link, Audience, DependencyId, Description);

    /// <summary>Schedules a session of the period; null with the reasons when the input or the editor is refused.</summary>
    public static (Session? Session, Outcome Outcome) Schedule(Period period, SessionEditor editor, SessionInput input, string organizerEmail,
        string organizerName, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(input);
        if (period.ReadOnlyRefusal() is { } closed) return (null, closed);
        if (Refusal(editor, input) is { } refused) return (null, refused);
        var session = new Session
        {
            PeriodId = period.Id,
            CreatedAt = now,
            OrganizerEmail = Cut(organizerEmail.Trim(), OrganizerEmailMax),
            OrganizerName = Cut(organizerName.Trim(), OrganizerNameMax),
        };
        session.Copy(input);
        return (session, Outcome.Ok);
    }

    /// <summary>
    /// Changes the session. Once invitations went out, a change the invitees must see in their calendar (date, times,
    /// place, link or topic) gives the next <see cref="Sequence"/>, so the resend updates the entry they already have.
    /// </summary>
    public Outcome Change(Period period, SessionEditor editor, SessionInput input)
    {
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(input);
        if (ReadOnly(period) is { } closed) return closed;
        if (!editor.MayEdit(Kind)) return KindRefused(Kind);
        if (Refusal(editor, input) is { } refused) return refused;
        var before = ToInput();
        Copy(input);
        var seen = Date != before.Date || StartTime != before.StartTime || EndTime != before.EndTime || Place != before.Place
            || Link != before.Link || Topic != before.Topic;
        if (seen && SentSequence is not null) Sequence++;
        return Outcome.Ok;
    }

    /// <summary>
    /// Brings the invitees in line with the audience resolved for the session (<see cref="SessionRules.ResolveAudience"/>):
    /// adds who is missing and removes who no longer belongs, unless their attendance was recorded.
    /// </summary>
    public (int Added, int Removed) SyncInvitees(IReadOnlySet<int> audience)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var removed = Invitees.Where(i => !audience.Contains(i.ServantId) && !i.Attended).ToList();
        foreach (var i in removed) Invitees.Remove(i);
        var present = Invitees.Select(i => i.ServantId).ToHashSet();
        var added = audience.Where(id => !present.Contains(id)).Order().ToList();
        foreach (var id in added) Invitees.Add(new SessionInvitee(id));
        return (added.Count, removed.Count);
    }

    /// <summary>
    /// Records that the invitations of the current version went out to <paramref name="reached"/> (those with an e-mail
    /// address): each carries the current <see cref="Sequence"/>.
    /// </summary>
    public Outcome RecordInvitationsSent(Period period, SessionEditor editor, IEnumerable<int> reached, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(reached);
        if (ReadOnly(period) is { } closed) return closed;
        if (!editor.MayEdit(Kind)) return KindRefused(Kind);
        if (Invitees.Count == 0) return Outcome.Refused("La sesión no tiene invitados: revise los «Invitados» de la sesión.");
        var ids = reached.ToHashSet();
        foreach (var i in Invitees.Where(i => ids.Contains(i.ServantId))) i.InvitedSequence = Sequence;
        SentSequence = Sequence;
        InvitationsSentAt = now;
        return Outcome.Ok;
    }

    /// <summary>
    /// Cancels a session without attendance recorded. When someone had received a citation, the cancellation goes out
    /// with the next <see cref="Sequence"/> (METHOD:CANCEL, same UID), so their calendars drop the entry.
    /// </summary>
    public Outcome Cancel(Period period, SessionEditor editor)
    {
        ArgumentNullException.ThrowIfNull(editor);
        if (ReadOnly(period) is { } closed) return closed;
        if (!editor.MayEdit(Kind)) return KindRefused(Kind);
        if (Invitees.Any(i => i.Attended))
            return Outcome.Refused("La sesión ya tiene asistencia registrada: no se puede cancelar (el registro de asistencia se conserva).");
        if (Invitees.Any(i => i.InvitedSequence is not null)) Sequence++;
        return Outcome.Ok;
    }

    /// <summary>
    /// The register as marked on screen: exactly the invitees in <paramref name="attended"/> (servant ids) attended.
    /// Only once the session ended; <paramref name="changed"/> counts the invitees whose mark changed.
    /// </summary>
    public Outcome RecordAttendance(Period period, SessionEditor editor, IReadOnlySet<int> attended, DateTimeOffset now, out int changed) =>
        Mark(period, editor, attended, additive: false, AttendanceSource.OnScreen, now, out changed);

    /// <summary>
    /// An attendance list imported: the invitees in it are added to those already marked (nobody is unmarked). Every
    /// person of the list must be an invitee, or nothing is recorded.
    /// </summary>
    public Outcome ImportAttendance(Period period, SessionEditor editor, IReadOnlySet<int> attended, DateTimeOffset now, out int changed) =>
        Mark(period, editor, attended, additive: true, AttendanceSource.ImportedList, now, out changed);

    /// <summary>For the demonstration data only: records attendance as <see cref="AttendanceSource.Demonstration"/>.</summary>
    public Outcome RecordDemonstrationAttendance(Period period, SessionEditor editor, IReadOnlySet<int> attended, DateTimeOffset now, out int changed) =>
        Mark(period, editor, attended, additive: false, AttendanceSource.Demonstration, now, out changed);

    private Outcome Mark(Period period, SessionEditor editor, IReadOnlySet<int> attended, bool additive, AttendanceSource source, DateTimeOffset now, out int changed)
    {
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(attended);
        changed = 0;
        if (ReadOnly(period) is { } closed) return closed;
        if (!editor.MayEdit(Kind)) return KindRefused(Kind);
        if (!IsHeld(now))
            return Outcome.Refused($"La sesión es el {Date:dd/MM/yyyy} y termina a las {EndTime:HH\\:mm}: la asistencia se registra cuando termine.");
        var invited = Invitees.Select(i => i.ServantId).ToHashSet();
        if (attended.Any(id => !invited.Contains(id)))
            return Outcome.Refused("Solo se registra la asistencia de los invitados de la sesión: alguien de la lista no está invitado. No se registró nada.");
        foreach (var i in Invitees)
        {
            var value = attended.Contains(i.ServantId) || (additive && i.Attended);
            if (value == i.Attended) continue;
            i.Attended = value;
            i.AttendanceRecordedAt = now.UtcDateTime;
            i.AttendanceSource = source;
            changed++;
        }
        return Outcome.Ok;
    }

    /// <summary>
    /// SPEC §3: a closed period is read-only, its sessions and their attendance too — every change is refused first while
    /// the session's period is closed (Talento Humano may reopen the period). <paramref name="period"/> is the session's own.
    /// </summary>
    private Outcome? ReadOnly(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.ReadOnlyRefusalOf(PeriodId, "session");
    }

    private static Outcome? Refusal(SessionEditor editor, SessionInput input)
    {
        var errors = SessionRules.Validate(input).ToList();
        if (input.Kind is { } kind && Enum.IsDefined(kind) && !editor.MayEdit(kind))
            errors.Add(new(nameof(input.Kind), editor.IsPlaneacion
                ? "Planeación programa solo sesiones de «Divulgación»; las de socialización son de Talento Humano."
                : "Solo Talento Humano y Planeación programan sesiones."));
        return errors.Count > 0 ? Outcome.From(errors) : null;
    }

    private static Outcome KindRefused(SessionKind kind) =>
        Outcome.Refused($"Las sesiones de «{kind.Label()}» las gestiona {(kind == SessionKind.Divulgation ? "Planeación o Talento Humano" : "Talento Humano")}.");

    private void Copy(SessionInput input)
    {
        Kind = input.Kind!.Value;
        Topic = input.Topic!.Trim();
        Description = Clean(input.Description);
        Date = input.Date!.Value;
        StartTime = input.StartTime!.Value;
        EndTime = input.EndTime!.Value;
        Place = Clean(input.Place);
        Link = Clean(input.Link);
        Audience = input.Audience!.Value;
        DependencyId = input.Audience == SessionAudience.Dependency ? input.DependencyId : null;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>One invited servant and whether they attended (the attendance register). Changed only through its <see cref="Session"/>.</summary>
public sealed class SessionInvitee
{
    private SessionInvitee()
    {
    }

    internal SessionInvitee(int servantId) => ServantId = servantId;

    public long Id { get; private set; }
    public int SessionId { get; private set; }
    public int ServantId { get; private set; }
    public bool Attended { get; internal set; }

    /// <summary>When the attendance was last recorded, and how (<see cref="AttendanceSource"/>).</summary>
    public DateTime? AttendanceRecordedAt { get; internal set; }

    public AttendanceSource? AttendanceSource { get; internal set; }

    /// <summary>Sequence of the last invitation sent to this person (null: not invited by e-mail yet).</summary>
    public int? InvitedSequence { get; internal set; }
}
