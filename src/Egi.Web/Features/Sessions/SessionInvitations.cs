using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Process;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Notifications;
using Egi.Web.Notifications.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Sessions;

/// <summary>A row of the attendance register as the pages and the .xlsx show it.</summary>
public sealed record InviteeRow(long Id, int ServantId, string Document, string Name, string Email, string Dependency, bool Attended, int? InvitedSequence);

/// <summary>Resolves who is invited to a session, sends the invitations with their .ics, and reads the register.</summary>
public static class SessionInvitations
{
    public const string AuditEntity = "Sesión";

    /// <summary>The session as its e-mails describe it; <paramref name="when"/> is its date and hours in words.</summary>
    public static SessionNotice Notice(Session session, string when, string link) =>
        new(session.Kind.Label(), session.Topic, session.Date, when, session.Place, session.Link, session.Description, link);

    /// <summary>«martes, 10/03/2027, de 09:00 a 11:00 (hora de Bogotá)».</summary>
    public static string When(Session session) =>
        $"{ProcessText.LongDate(session.Date)}, de {ProcessPeriod.Time(session.StartTime)} a {ProcessPeriod.Time(session.EndTime)} (hora de Bogotá)";

    /// <summary>
    /// Brings the invitees in line with the audience: adds who is missing and removes who no longer belongs,
    /// unless their attendance was recorded (the register is never lost).
    /// </summary>
    public static async Task<(int Added, int Removed)> SyncInviteesAsync(EgiDbContext db, Session session, CancellationToken ct)
    {
        var servants = await db.Servants.AsNoTracking()
            .Select(s => new AudienceServant(s.Id, s.DependencyId, s.BossId, s.EmploymentType, s.IsPublicManager, s.RetirementDate))
            .ToListAsync(ct);
        var evaluations = (await db.Evaluations.AsNoTracking()
                .Where(e => e.PeriodId == session.PeriodId)
                .Select(e => new { e.EvaluadoId, e.EvaluatorId, e.CommitteeMemberIds, e.State })
                .ToListAsync(ct))
            .Select(e => new AudienceEvaluation(e.EvaluadoId, [e.EvaluatorId, .. e.CommitteeMemberIds],
                e.State.IsClosed()))
            .ToList();
        var parents = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.ParentId, ct);
        var audience = SessionRules.ResolveAudience(session.Audience, session.DependencyId, session.Date, servants, evaluations, parents);
        return session.SyncInvitees(audience);
    }

    public static async Task<IReadOnlyList<InviteeRow>> RegisterAsync(EgiDbContext db, int sessionId, CancellationToken ct) =>
        await (from i in db.Set<SessionInvitee>().AsNoTracking()
               where i.SessionId == sessionId
               join s in db.Servants on i.ServantId equals s.Id
               join d in db.Dependencies on s.DependencyId equals d.Id
               orderby s.LastNames, s.FirstNames
               select new InviteeRow(i.Id, s.Id, s.DocumentNumber, s.FirstNames + " " + s.LastNames, s.Email, d.Name, i.Attended, i.InvitedSequence))
            .ToListAsync(ct);

    /// <summary>The calendar invitation of the session for the given invitees.</summary>
    public static CalendarEvent CalendarEventOf(Session session, IReadOnlyList<InviteeRow> invitees, string detailsUrl) => new(
        Uid: session.Uid,
        Summary: $"{session.Kind.Label()}: {session.Topic}",
        Description: string.Join("\n", new[]
        {
            $"Sesión de {session.Kind.Label().ToLowerInvariant()} del Sistema de Evaluación de la Gestión Institucional (P-TH-10, actividad {session.Kind.Activity()}).",
            session.Description,
            session.Link is null ? null : $"Enlace de la reunión: {session.Link}",
        }.Where(s => !string.IsNullOrWhiteSpace(s))),
        Location: session.Place ?? session.Link,
        Url: session.Link ?? detailsUrl,
        Start: session.StartsAt,
        End: session.EndsAt,
        Organizer: new CalendarPerson(session.OrganizerEmail, session.OrganizerName),
        Attendees: invitees.Where(i => i.Email.Contains('@')).Select(i => new CalendarPerson(i.Email, i.Name)).ToList(),
        Sequence: session.Sequence);

    /// <summary>
    /// Queues one e-mail per invitee who has not received the current version of the session, each with the
    /// .ics (same UID for every send, SEQUENCE of the current version: a resend after a change updates the
    /// entry already in the calendar). Returns how many were queued.
    /// </summary>
    public static async Task<(Outcome Outcome, int Sent)> SendAsync(EgiDbContext db, Notifier notifier, EmailTemplates templates, Session session,
        Period period, SessionEditor editor, DateTimeOffset now, CancellationToken ct)
    {
        var register = await RegisterAsync(db, session.Id, ct);
        var pending = session.NotInvitedYet.Select(i => i.ServantId).ToHashSet();
        var reached = register.Where(r => pending.Contains(r.ServantId) && r.Email.Contains('@')).ToList();
        var update = session.SentSequence is not null;
        // The aggregate decides first (who may send, a session without invitees): nothing is queued when it refuses.
        var outcome = session.RecordInvitationsSent(period, editor, reached.Select(r => r.ServantId), now.UtcDateTime);
        if (!outcome.Succeeded) return (outcome, 0);
        var users = await db.Users.AsNoTracking().Where(u => u.ServantId != null && pending.Contains(u.ServantId.Value))
            .ToDictionaryAsync(u => u.ServantId!.Value, u => u.Id, ct);
        var home = templates.Url("/");
        var ics = IcsWriter.WriteUtf8(CalendarEventOf(session, register, home), now);
        var contentType = IcsWriter.ContentType(CalendarEventOf(session, register, home));
        var when = When(session);
        var sent = 0;
        foreach (var person in reached)
        {
            var email = templates.SessionInvitation(person.Name, Notice(session, when, home), update);
            var queued = await notifier.QueueAsync(new Recipient(person.Email, person.Name, users.GetValueOrDefault(person.ServantId)), email, MailKind.SessionInvitation,
                deduplicationKey: $"sesion:{session.Id}:v{session.Sequence}:s{person.ServantId}",
                attachments: [new MailAttachment("sesion.ics", contentType, ics)], ct: ct);
            if (queued) sent++;
        }
        return (Outcome.Ok, sent);
    }
}

public static class SessionCancellation
{
    /// <summary>
    /// Queues the cancellation (METHOD:CANCEL, same UID, next SEQUENCE) to every invitee who received a citation,
    /// so the entry disappears from their calendars. Returns how many were queued.
    /// </summary>
    public static async Task<(Outcome Outcome, int Sent)> SendAsync(EgiDbContext db, Notifier notifier, EmailTemplates templates, Session session,
        Period period, SessionEditor editor, DateTimeOffset now, CancellationToken ct)
    {
        // The aggregate refuses a session with attendance recorded, and gives the cancellation its next SEQUENCE.
        var outcome = session.Cancel(period, editor);
        if (!outcome.Succeeded) return (outcome, 0);
        var register = await SessionInvitations.RegisterAsync(db, session.Id, ct);
        var invited = register.Where(r => r.InvitedSequence is not null && r.Email.Contains('@')).ToList();
        if (invited.Count == 0) return (Outcome.Ok, 0);
        var home = templates.Url("/");
        var calendarEvent = SessionInvitations.CalendarEventOf(session, invited, home) with { Cancelled = true };
        var ics = IcsWriter.WriteUtf8(calendarEvent, now);
        var users = await db.Users.AsNoTracking().Where(u => u.ServantId != null)
            .Select(u => new { ServantId = u.ServantId!.Value, u.Id }).ToListAsync(ct);
        var when = SessionInvitations.When(session);
        var sent = 0;
        foreach (var person in invited)
        {
            var email = templates.SessionCancelled(person.Name, SessionInvitations.Notice(session, when, home));
            if (await notifier.QueueAsync(new Recipient(person.Email, person.Name, users.FirstOrDefault(u => u.ServantId == person.ServantId)?.Id), email,
                    MailKind.SessionInvitation, deduplicationKey: $"sesion:{session.Id}:cancelada:s{person.ServantId}",
                    attachments: [new MailAttachment("sesion.ics", IcsWriter.ContentType(calendarEvent), ics)], ct: ct))
                sent++;
        }
        return (Outcome.Ok, sent);
    }
}

public static class ProcessText
{
    private static readonly System.Globalization.CultureInfo Es = Infrastructure.ServiceRegistration.Culture;

    /// <summary>"martes, 10/03/2027".</summary>
    public static string LongDate(DateOnly d) => d.ToString("dddd", Es) + ", " + ProcessPeriod.Date(d);
}
