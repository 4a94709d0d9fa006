using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Process;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Sessions;

/// <summary>
/// A divulgation (activity 1) or socialization (activity 2) session of a period: when and where, who is
/// invited, the invitations sent (an .ics whose UID stays the same, so a resend updates the calendar entry)
/// and the attendance register.
/// </summary>
public sealed class Session
{
    public int Id { get; set; }
    public int PeriodId { get; set; }
    public SessionKind Kind { get; set; }
    public string Topic { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>Date and times in Bogotá.</summary>
    public DateOnly Date { get; set; }

    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public string? Place { get; set; }
    public string? Link { get; set; }
    public SessionAudience Audience { get; set; }
    public int? DependencyId { get; set; }

    /// <summary>iCalendar SEQUENCE: grows with every change the invitees must see in their calendar.</summary>
    public int Sequence { get; set; }

    /// <summary>The invitations sent carry this sequence (null: never sent).</summary>
    public int? SentSequence { get; set; }

    public DateTime? InvitationsSentAt { get; set; }
    public string OrganizerEmail { get; set; } = "";
    public string OrganizerName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<SessionInvitee> Invitees { get; set; } = [];

    public string Uid => $"egi-sesion-{Id}@egi";

    public DateTimeOffset StartsAt => At(StartTime);
    public DateTimeOffset EndsAt => At(EndTime);

    private DateTimeOffset At(TimeOnly time) => new(Date.ToDateTime(time), TimeSpan.FromHours(-5));

    /// <summary>Whether the session already took place (its end has passed in Bogotá).</summary>
    public bool IsHeld(DateTimeOffset now) => EndsAt <= now;

    public SessionInput ToInput() => new(Kind, Topic, Date, StartTime, EndTime, Place, Link, Audience, DependencyId, Description);

    /// <summary>Copies a valid input; returns whether the invitees must be told (date, time or place changed).</summary>
    public bool Apply(SessionInput input)
    {
        var place = Clean(input.Place);
        var link = Clean(input.Link);
        var changed = Date != input.Date || StartTime != input.StartTime || EndTime != input.EndTime || Place != place || Link != link
            || Topic != input.Topic!.Trim();
        Kind = input.Kind!.Value;
        Topic = input.Topic!.Trim();
        Description = Clean(input.Description);
        Date = input.Date!.Value;
        StartTime = input.StartTime!.Value;
        EndTime = input.EndTime!.Value;
        Place = place;
        Link = link;
        Audience = input.Audience!.Value;
        DependencyId = input.Audience == SessionAudience.Dependency ? input.DependencyId : null;
        return changed;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>One invited servant and whether they attended (the attendance register).</summary>
public sealed class SessionInvitee
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public int ServantId { get; set; }
    public bool Attended { get; set; }

    /// <summary>When the attendance was last recorded, and how (on screen or by importing the list).</summary>
    public DateTime? AttendanceRecordedAt { get; set; }

    public string? AttendanceSource { get; set; }

    /// <summary>Sequence of the last invitation sent to this person (null: not invited by e-mail yet).</summary>
    public int? InvitedSequence { get; set; }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> e)
    {
        e.ToTable("Sessions");
        e.HasIndex(s => new { s.PeriodId, s.Date });
        e.Property(s => s.Topic).HasMaxLength(SessionRules.TopicMax);
        e.Property(s => s.Description).HasMaxLength(SessionRules.DescriptionMax);
        e.Property(s => s.Place).HasMaxLength(SessionRules.PlaceMax);
        e.Property(s => s.Link).HasMaxLength(SessionRules.LinkMax);
        e.Property(s => s.OrganizerEmail).HasMaxLength(254);
        e.Property(s => s.OrganizerName).HasMaxLength(200);
        e.Ignore(s => s.Uid);
        e.Ignore(s => s.StartsAt);
        e.Ignore(s => s.EndsAt);
        e.HasOne<Period>().WithMany().HasForeignKey(s => s.PeriodId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Dependency>().WithMany().HasForeignKey(s => s.DependencyId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.Invitees).WithOne().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionInviteeConfiguration : IEntityTypeConfiguration<SessionInvitee>
{
    public void Configure(EntityTypeBuilder<SessionInvitee> e)
    {
        e.ToTable("SessionInvitees");
        e.HasIndex(i => new { i.SessionId, i.ServantId }).IsUnique();
        e.Property(i => i.AttendanceSource).HasMaxLength(40);
        e.HasOne<Servant>().WithMany().HasForeignKey(i => i.ServantId).OnDelete(DeleteBehavior.Restrict);
    }
}
