using Egi.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Periods;

/// <summary>A period (vigencia): its stage windows as rows, its reopenings and settings as JSON.</summary>
internal sealed class PeriodConfiguration : IEntityTypeConfiguration<Period>
{
    public void Configure(EntityTypeBuilder<Period> e)
    {
        e.HasIndex(p => p.Year).IsUnique();
        e.Property(p => p.Name).HasMaxLength(100);
        e.OwnsMany(p => p.Windows, w =>
        {
            w.ToTable("PeriodWindows");
            w.WithOwner().HasForeignKey("PeriodId");
            w.HasKey("PeriodId", nameof(StageWindow.Stage));
        });
        e.OwnsMany(p => p.Reopenings, r => r.ToJson());
        e.OwnsOne(p => p.Settings, s =>
        {
            s.ToJson();
            s.OwnsMany(x => x.CompetencyScale);
            s.Ignore(x => x.EvidenceTypes);
        });
    }
}
