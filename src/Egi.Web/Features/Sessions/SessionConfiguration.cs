using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Process;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Sessions;

/// <summary>The sessions (aggregate <see cref="Session"/> in Egi.Domain) and their attendance register.</summary>
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
        e.Property(s => s.OrganizerEmail).HasMaxLength(Session.OrganizerEmailMax);
        e.Property(s => s.OrganizerName).HasMaxLength(Session.OrganizerNameMax);
        e.Ignore(s => s.Uid);
        e.Ignore(s => s.StartsAt);
        e.Ignore(s => s.EndsAt);
        e.Ignore(s => s.InvitationsOutdated);
        e.Ignore(s => s.NotInvitedYet);
        e.Ignore(s => s.AttendedCount);
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
        e.Property(i => i.AttendanceSource).HasConversion<string>().HasMaxLength(40);
        e.HasOne<Servant>().WithMany().HasForeignKey(i => i.ServantId).OnDelete(DeleteBehavior.Restrict);
    }
}
