using Egi.Domain.Process;

namespace Egi.Domain.Tests.Process;

/// <summary>The session aggregate: who schedules it, its iCalendar sequence, its invitees and its attendance register.</summary>
public class SessionTests
{
    private static readonly SessionEditor TalentoHumano = new(IsTalentoHumano: true, IsPlaneacion: false);
    private static readonly SessionEditor Planeacion = new(IsTalentoHumano: false, IsPlaneacion: true);
    private static readonly SessionEditor Nobody = new(IsTalentoHumano: false, IsPlaneacion: false);
    private static readonly DateTime Created = new(2027, 1, 5, 15, 0, 0, DateTimeKind.Utc);

    private static readonly SessionInput Input = new(SessionKind.Socialization, "  Uso de EGI  ", new(2027, 1, 20), new(9, 0), new(11, 0),
        " Auditorio ", null, SessionAudience.Everyone, null, null);

    /// <summary>20/01/2027 09:00–11:00 in Bogotá is 14:00–16:00 UTC.</summary>
    private static readonly DateTimeOffset During = new(2027, 1, 20, 15, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset After = new(2027, 1, 20, 16, 0, 0, TimeSpan.Zero);

    private static Session Scheduled(SessionInput? input = null, params int[] invitees)
    {
        var (session, outcome) = Session.Schedule(TalentoHumano, 3, input ?? Input, "th@egi.gov.co", "Talento Humano", Created);
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
        var (refused, outcome) = Session.Schedule(Planeacion, 3, Input, "p@egi.gov.co", "Planeación", Created);
        Assert.Null(refused);
        Refused(outcome, "Planeación programa solo sesiones de «Divulgación»");
        var (divulgation, ok) = Session.Schedule(Planeacion, 3, Input with { Kind = SessionKind.Divulgation }, "p@egi.gov.co", "Planeación", Created);
        Ok(ok);
        Assert.NotNull(divulgation);
        var (none, bad) = Session.Schedule(TalentoHumano, 3, Input with { EndTime = new(8, 0), Place = null }, "th@egi.gov.co", "TH", Created);
        Assert.Null(none);
        Assert.Equal(["EndTime", "Place"], bad.Errors.Select(e => e.Field));
        Refused(Session.Schedule(Nobody, 3, Input, "x@egi.gov.co", "X", Created).Outcome, "Solo Talento Humano y Planeación");
    }

    [Fact]
    public void Before_anything_is_sent_a_change_keeps_the_sequence()
    {
        var s = Scheduled();
        Ok(s.Change(TalentoHumano, Input with { Date = new DateOnly(2027, 1, 21) }));
        Assert.Equal(0, s.Sequence);
        Assert.Equal(new DateOnly(2027, 1, 21), s.Date);
    }

    [Fact]
    public void Once_sent_each_change_of_date_time_place_link_or_topic_gives_the_next_sequence()
    {
        var s = Scheduled();
        Ok(s.RecordInvitationsSent(TalentoHumano, [10, 11, 12], Created));
        Assert.Equal((0, (int?)0, Created), (s.Sequence, s.SentSequence, s.InvitationsSentAt!.Value));
        Assert.All(s.Invitees, i => Assert.Equal(0, i.InvitedSequence));

        Ok(s.Change(TalentoHumano, Input with { Date = new DateOnly(2027, 1, 22) }));
        Assert.Equal(1, s.Sequence);
        Assert.True(s.InvitationsOutdated);
        Assert.Equal(3, s.NotInvitedYet.Count);
        Ok(s.Change(TalentoHumano, Input with { Date = new DateOnly(2027, 1, 22), Place = "Sala 2" }));
        Ok(s.Change(TalentoHumano, Input with { Date = new DateOnly(2027, 1, 22), Place = "Sala 2", StartTime = new(8, 0) }));
        Ok(s.Change(TalentoHumano, Input with { Date = new DateOnly(2027, 1, 22), Place = "Sala 2", StartTime = new(8, 0), Link = "https://meet.example.org/x" }));
        Assert.Equal(4, s.Sequence);
        // A description or the same data again is nothing the calendars show: same sequence.
        Ok(s.Change(TalentoHumano, Input with { Date = new DateOnly(2027, 1, 22), Place = "Sala 2", StartTime = new(8, 0), Link = "https://meet.example.org/x", Description = "Traiga su equipo" }));
        Assert.Equal(4, s.Sequence);

        Ok(s.RecordInvitationsSent(TalentoHumano, [10, 11], Created.AddDays(1)));
        Assert.Equal(4, s.SentSequence);
        Assert.Equal([12], s.NotInvitedYet.Select(i => i.ServantId));
        Assert.True(s.InvitationsOutdated);
    }

    [Fact]
    public void A_refused_change_changes_nothing()
    {
        var s = Scheduled();
        Ok(s.RecordInvitationsSent(TalentoHumano, [10], Created));
        Refused(s.Change(TalentoHumano, Input with { Topic = "", Date = new DateOnly(2027, 2, 1) }), "Tema");
        Assert.Equal((new DateOnly(2027, 1, 20), 0), (s.Date, s.Sequence));
        Refused(s.Change(Planeacion, Input with { Date = new DateOnly(2027, 2, 1) }), "las gestiona Talento Humano");
        Assert.Equal(0, s.Sequence);
    }

    [Fact]
    public void Cancelling_gives_the_next_sequence_when_someone_was_invited_and_is_refused_once_attendance_exists()
    {
        var quiet = Scheduled();
        Ok(quiet.Cancel(TalentoHumano));
        Assert.Equal(0, quiet.Sequence);

        var sent = Scheduled();
        Ok(sent.RecordInvitationsSent(TalentoHumano, [10, 11, 12], Created));
        Refused(sent.Cancel(Planeacion), "las gestiona Talento Humano");
        Ok(sent.Cancel(TalentoHumano));
        Assert.Equal(1, sent.Sequence);

        var held = Scheduled();
        Ok(held.RecordAttendance(TalentoHumano, new HashSet<int> { 11 }, After, out _));
        Refused(held.Cancel(TalentoHumano), "ya tiene asistencia registrada");
    }

    [Fact]
    public void Invitations_need_invitees()
    {
        var (s, _) = Session.Schedule(TalentoHumano, 3, Input, "th@egi.gov.co", "TH", Created);
        Refused(s!.RecordInvitationsSent(TalentoHumano, [], Created), "no tiene invitados");
        Assert.Null(s.SentSequence);
    }

    [Fact]
    public void The_invitees_follow_the_audience_but_whoever_attended_stays()
    {
        var s = Scheduled(null, 10, 11, 12);
        Ok(s.RecordAttendance(TalentoHumano, new HashSet<int> { 12 }, After, out _));
        var (added, removed) = s.SyncInvitees(new HashSet<int> { 10, 13 });
        Assert.Equal((1, 1), (added, removed));
        Assert.Equal([10, 12, 13], s.Invitees.Select(i => i.ServantId).Order());
    }

    [Fact]
    public void Attendance_is_recorded_once_the_session_ended_on_screen_exactly_and_from_a_list_only_adding()
    {
        var s = Scheduled();
        Refused(s.RecordAttendance(TalentoHumano, new HashSet<int> { 10 }, During, out var none), "la asistencia se registra cuando termine");
        Assert.Equal(0, none);
        Assert.Equal(0, s.AttendedCount);

        Ok(s.RecordAttendance(TalentoHumano, new HashSet<int> { 10, 11 }, After, out var changed));
        Assert.Equal(2, changed);
        Assert.All(s.Invitees.Where(i => i.Attended), i => Assert.Equal((AttendanceSource.OnScreen, After.UtcDateTime), (i.AttendanceSource, i.AttendanceRecordedAt!.Value)));

        Ok(s.ImportAttendance(TalentoHumano, new HashSet<int> { 12 }, After.AddHours(1), out changed));
        Assert.Equal(1, changed);
        Assert.Equal(3, s.AttendedCount);
        Assert.Equal(AttendanceSource.ImportedList, s.Invitees.Single(i => i.ServantId == 12).AttendanceSource);

        Ok(s.RecordAttendance(TalentoHumano, new HashSet<int> { 10 }, After.AddHours(2), out changed));
        Assert.Equal(2, changed);
        Assert.Equal([10], s.Invitees.Where(i => i.Attended).Select(i => i.ServantId));
    }

    [Fact]
    public void A_list_naming_someone_not_invited_or_a_person_who_may_not_edit_records_nothing()
    {
        var s = Scheduled();
        Refused(s.ImportAttendance(TalentoHumano, new HashSet<int> { 10, 99 }, After, out _), "Solo se registra la asistencia de los invitados");
        Refused(s.ImportAttendance(Planeacion, new HashSet<int> { 10 }, After, out _), "las gestiona Talento Humano");
        Assert.Equal(0, s.AttendedCount);
    }
}
