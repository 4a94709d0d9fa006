using Egi.Domain.Calendar;
using Egi.Domain.Process;

namespace Egi.Domain.Tests.Process;

/// <summary>The session aggregate: who schedules it, its iCalendar sequence, its invitees and its attendance register.</summary>
public class SessionTests
{
    private static readonly SessionEditor TalentoHumano = new(IsTalentoHumano: true, IsPlaneacion: false);
    private static readonly SessionEditor Planeacion = new(IsTalentoHumano: false, IsPlaneacion: true);
    private static readonly SessionEditor Nobody = new(IsTalentoHumano: false, IsPlaneacion: false);
    private static readonly DateTime Created = new(2027, 1, 5, 15, 0, 0, DateTimeKind.Utc);

    /// <summary>The sessions' period (id 3), open.</summary>
    private static readonly Period Vigencia = OpenPeriod();

    private static Period OpenPeriod()
    {
        var period = Period.CreateWithDefaults(2027);
        period.Id = 3;
        Assert.True(period.Open().Succeeded);
        return period;
    }

    private static readonly SessionInput Input = new(SessionKind.Socialization, "  Uso de EGI  ", new(2027, 1, 20), new(9, 0), new(11, 0),
        " Auditorio ", null, SessionAudience.Everyone, null, null);

    /// <summary>20/01/2027 09:00–11:00 in Bogotá is 14:00–16:00 UTC.</summary>
    private static readonly DateTimeOffset During = new(2027, 1, 20, 15, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset After = new(2027, 1, 20, 16, 0, 0, TimeSpan.Zero);

    private static Session Scheduled(SessionInput? input = null, params int[] invitees)
    {
        var (session, outcome) = Session.Schedule(Vigencia, TalentoHumano, input ?? Input, "th@egi.gov.co", "Talento Humano", Created);
        Assert.True(outcome.Succeeded, outcome.ToString());
        session!.SyncInvitees(invitees.Length == 0 ? new HashSet<int> { 10, 11, 12 } : invitees.ToHashSet());
        return session;
    }

    private static void Ok(Egi.Domain.Common.Outcome outcome) => Assert.True(outcome.Succeeded, outcome.ToString());

    private static void Refused(Egi.Domain.Common.Outcome outcome, string message)
    {
        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Scheduling_trims_the_input_and_starts_at_sequence_zero_with_nothing_sent()
    {
        var s = Scheduled();
        Assert.Equal(("Uso de EGI", "Auditorio", 0, (int?)null, 3), (s.Topic, s.Place, s.Sequence, s.SentSequence, s.PeriodId));
        Assert.Equal(new DateTimeOffset(2027, 1, 20, 14, 0, 0, TimeSpan.Zero), s.StartsAt.ToUniversalTime());
        Assert.False(s.InvitationsOutdated);
    }

    [Fact]
    public void Planeacion_schedules_divulgation_only_and_bad_input_schedules_nothing()
    {
        var (refused, outcome) = Session.Schedule(Vigencia, Planeacion, Input, "p@egi.gov.co", "Planeación", Created);
        Assert.Null(refused);
        Refused(outcome, "Planeación programa solo sesiones de «Divulgación»");
        var (divulgation, ok) = Session.Schedule(Vigencia, Planeacion, Input with { Kind = SessionKind.Divulgation }, "p@egi.gov.co", "Planeación", Created);
        Ok(ok);
        Assert.NotNull(divulgation);
        var (none, bad) = Session.Schedule(Vigencia, TalentoHumano, Input with { EndTime = new(8, 0), Place = null }, "th@egi.gov.co", "TH", Created);
        Assert.Null(none);
        Assert.Equal(["EndTime", "Place"], bad.Errors.Select(e => e.Field));
        Refused(Session.Schedule(Vigencia, Nobody, Input, "x@egi.gov.co", "X", Created).Outcome, "Solo Talento Humano y Planeación");
    }

    [Fact]
    public void Before_anything_is_sent_a_change_keeps_the_sequence()
    {
        var s = Scheduled();
        Ok(s.Change(Vigencia, TalentoHumano, Input with { Date = new DateOnly(2027, 1, 21) }));
        Assert.Equal(0, s.Sequence);
        Assert.Equal(new DateOnly(2027, 1, 21), s.Date);
    }

    [Fact]
    public void Once_sent_each_change_of_date_time_place_link_or_topic_gives_the_next_sequence()
    {
        var s = Scheduled();
        Ok(s.RecordInvitationsSent(Vigencia, TalentoHumano, [10, 11, 12], Created));
        Assert.Equal((0, (int?)0, Created), (s.Sequence, s.SentSequence, s.InvitationsSentAt!.Value));
        Assert.All(s.Invitees, i => Assert.Equal(0, i.InvitedSequence));

        Ok(s.Change(Vigencia, TalentoHumano, Input with { Date = new DateOnly(2027, 1, 22) }));
        Assert.Equal(1, s.Sequence);
        Assert.True(s.InvitationsOutdated);
        Assert.Equal(3, s.NotInvitedYet.Count);
        Ok(s.Change(Vigencia, TalentoHumano, Input with { Date = new DateOnly(2027, 1, 22), Place = "Sala 2" }));
        Ok(s.Change(Vigencia, TalentoHumano, Input with { Date = new DateOnly(2027, 1, 22), Place = "Sala 2", StartTime = new(8, 0) }));
        Ok(s.Change(Vigencia, TalentoHumano, Input with { Date = new DateOnly(2027, 1, 22), Place = "Sala 2", StartTime = new(8, 0), Link = "https://meet.example.org/x" }));
        Assert.Equal(4, s.Sequence);
        // A description or the same data again is nothing the calendars show: same sequence.
        Ok(s.Change(Vigencia, TalentoHumano, Input with { Date = new DateOnly(2027, 1, 22), Place = "Sala 2", StartTime = new(8, 0), Link = "https://meet.example.org/x", Description = "Traiga su equipo" }));
        Assert.Equal(4, s.Sequence);

        Ok(s.RecordInvitationsSent(Vigencia, TalentoHumano, [10, 11], Created.AddDays(1)));
        Assert.Equal(4, s.SentSequence);
        Assert.Equal([12], s.NotInvitedYet.Select(i => i.ServantId));
        Assert.True(s.InvitationsOutdated);
    }

    [Fact]
    public void A_refused_change_changes_nothing()
    {
        var s = Scheduled();
        Ok(s.RecordInvitationsSent(Vigencia, TalentoHumano, [10], Created));
        Refused(s.Change(Vigencia, TalentoHumano, Input with { Topic = "", Date = new DateOnly(2027, 2, 1) }), "Tema");
        Assert.Equal((new DateOnly(2027, 1, 20), 0), (s.Date, s.Sequence));
        Refused(s.Change(Vigencia, Planeacion, Input with { Date = new DateOnly(2027, 2, 1) }), "las gestiona Talento Humano");
        Assert.Equal(0, s.Sequence);
    }

    [Fact]
    public void Cancelling_gives_the_next_sequence_when_someone_was_invited_and_is_refused_once_attendance_exists()
    {
        var quiet = Scheduled();
        Ok(quiet.Cancel(Vigencia, TalentoHumano));
        Assert.Equal(0, quiet.Sequence);

        var sent = Scheduled();
        Ok(sent.RecordInvitationsSent(Vigencia, TalentoHumano, [10, 11, 12], Created));
        Refused(sent.Cancel(Vigencia, Planeacion), "las gestiona Talento Humano");
        Ok(sent.Cancel(Vigencia, TalentoHumano));
        Assert.Equal(1, sent.Sequence);

        var held = Scheduled();
        Ok(held.RecordAttendance(Vigencia, TalentoHumano, new HashSet<int> { 11 }, After, out _));
        Refused(held.Cancel(Vigencia, TalentoHumano), "ya tiene asistencia registrada");
    }

    [Fact]
    public void Invitations_need_invitees()
    {
        var (s, _) = Session.Schedule(Vigencia, TalentoHumano, Input, "th@egi.gov.co", "TH", Created);
        Refused(s!.RecordInvitationsSent(Vigencia, TalentoHumano, [], Created), "no tiene invitados");
        Assert.Null(s.SentSequence);
    }

    [Fact]
    public void The_invitees_follow_the_audience_but_whoever_attended_stays()
    {
        var s = Scheduled(null, 10, 11, 12);
        Ok(s.RecordAttendance(Vigencia, TalentoHumano, new HashSet<int> { 12 }, After, out _));
        var (added, removed) = s.SyncInvitees(new HashSet<int> { 10, 13 });
        Assert.Equal((1, 1), (added, removed));
        Assert.Equal([10, 12, 13], s.Invitees.Select(i => i.ServantId).Order());
    }

    [Fact]
    public void Attendance_is_recorded_once_the_session_ended_on_screen_exactly_and_from_a_list_only_adding()
    {
        var s = Scheduled();
        Refused(s.RecordAttendance(Vigencia, TalentoHumano, new HashSet<int> { 10 }, During, out var none), "la asistencia se registra cuando termine");
        Assert.Equal(0, none);
        Assert.Equal(0, s.AttendedCount);

        Ok(s.RecordAttendance(Vigencia, TalentoHumano, new HashSet<int> { 10, 11 }, After, out var changed));
        Assert.Equal(2, changed);
        Assert.All(s.Invitees.Where(i => i.Attended), i => Assert.Equal((AttendanceSource.OnScreen, After.UtcDateTime), (i.AttendanceSource, i.AttendanceRecordedAt!.Value)));

        Ok(s.ImportAttendance(Vigencia, TalentoHumano, new HashSet<int> { 12 }, After.AddHours(1), out changed));
        Assert.Equal(1, changed);
        Assert.Equal(3, s.AttendedCount);
        Assert.Equal(AttendanceSource.ImportedList, s.Invitees.Single(i => i.ServantId == 12).AttendanceSource);

        Ok(s.RecordAttendance(Vigencia, TalentoHumano, new HashSet<int> { 10 }, After.AddHours(2), out changed));
        Assert.Equal(2, changed);
        Assert.Equal([10], s.Invitees.Where(i => i.Attended).Select(i => i.ServantId));
    }

    [Fact]
    public void A_list_naming_someone_not_invited_or_a_person_who_may_not_edit_records_nothing()
    {
        var s = Scheduled();
        Refused(s.ImportAttendance(Vigencia, TalentoHumano, new HashSet<int> { 10, 99 }, After, out _), "Solo se registra la asistencia de los invitados");
        Refused(s.ImportAttendance(Vigencia, Planeacion, new HashSet<int> { 10 }, After, out _), "las gestiona Talento Humano");
        Assert.Equal(0, s.AttendedCount);
    }

    /// <summary>
    /// SPEC §3: a closed period is read-only, its sessions and their attendance too. Scheduling, changing, sending,
    /// cancelling and recording attendance are refused first, with the period's message, and leave the session as it
    /// was; reopened, the period's sessions change again.
    /// </summary>
    [Fact]
    public void Every_change_to_a_session_of_a_closed_period_is_refused_and_the_session_stays_as_it_was()
    {
        var period = OpenPeriod();
        var session = Scheduled();
        Ok(session.RecordInvitationsSent(period, TalentoHumano, [10, 11, 12], Created));
        Assert.True(period.Close().Succeeded);
        var message = $"La «{period.Name}» está cerrada: es de solo lectura y no admite cambios. Talento Humano puede reabrirla con un motivo.";

        var (none, scheduled) = Session.Schedule(period, TalentoHumano, Input, "th@egi.gov.co", "Talento Humano", Created);
        Assert.Null(none);
        Assert.Equal(message, Assert.Single(scheduled.Errors).Message);
        var attempts = new (string What, Func<Egi.Domain.Common.Outcome> Change)[]
        {
            ("change", () => session.Change(period, TalentoHumano, Input with { Topic = "Otro tema" })),
            ("send", () => session.RecordInvitationsSent(period, TalentoHumano, [10], Created)),
            ("cancel", () => session.Cancel(period, TalentoHumano)),
            ("record attendance", () => session.RecordAttendance(period, TalentoHumano, new HashSet<int> { 10 }, After, out _)),
            ("import attendance", () => session.ImportAttendance(period, TalentoHumano, new HashSet<int> { 11 }, After, out _)),
        };
        foreach (var (what, change) in attempts)
        {
            var outcome = change();
            Assert.False(outcome.Succeeded, what);
            Assert.Equal(message, Assert.Single(outcome.Errors).Message);
            Assert.Equal(("Uso de EGI", 0, 0), (session.Topic, session.Sequence, session.AttendedCount));
        }

        Assert.True(period.Reopen("Asistencia pendiente", "Talento Humano", Created).Succeeded);
        Ok(session.RecordAttendance(period, TalentoHumano, new HashSet<int> { 10 }, After, out var changed));
        Assert.Equal(1, changed);
        var other = Period.CreateWithDefaults(2028);
        other.Id = 4;
        Assert.Throws<ArgumentException>(() => session.Cancel(other, TalentoHumano));
    }
}
