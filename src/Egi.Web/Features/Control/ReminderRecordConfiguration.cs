using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Control;

/// <summary>The register of reminders sent (aggregate <see cref="ReminderRecord"/> in Egi.Domain).</summary>
internal sealed class ReminderRecordConfiguration : IEntityTypeConfiguration<ReminderRecord>
{
    public void Configure(EntityTypeBuilder<ReminderRecord> e)
    {
        e.ToTable("ReminderRecords");
        e.HasIndex(r => new { r.PeriodId, r.SentAt });
        e.HasIndex(r => r.EvaluationId);
        e.Property(r => r.RecipientName).HasMaxLength(ReminderRecord.NameMax);
        e.Property(r => r.RecipientEmail).HasMaxLength(ReminderRecord.EmailMax);
        e.Property(r => r.RecipientRole).HasConversion<string>().HasMaxLength(ReminderRecord.RoleMax);
        e.Property(r => r.SentBy).HasMaxLength(ReminderRecord.SentByMax);
        e.Property(r => r.Subject).HasMaxLength(ReminderRecord.SubjectMax);
        e.HasOne<Period>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Restrict);
    }
}
