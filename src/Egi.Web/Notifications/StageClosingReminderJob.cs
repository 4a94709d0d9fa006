using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Notifications;

/// <summary>
/// Every morning: for each open period whose stage window closes in exactly Settings.ReminderDaysBeforeClose
/// days, tells Talento Humano (SPEC §5). The workflow issues add the evaluados and evaluators with pending steps.
/// </summary>
public sealed class StageClosingReminderJob : IScheduledJob
{
    public string Name => "Recordatorio de cierre de etapa";
    public TimeOnly TimeOfDay => new(7, 0);

    public async Task<string> RunAsync(IServiceProvider services, DateTime dueAt, CancellationToken ct)
    {
        var db = services.GetRequiredService<EgiDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var notifier = services.GetRequiredService<Notifier>();
        var templates = services.GetRequiredService<EmailTemplates>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(dueAt, CurrentUser.Bogota));

        var periods = await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Open).ToListAsync(ct);
        var hr = await users.GetUsersInRoleAsync(EgiRoles.TalentoHumano);
        var queued = 0;
        foreach (var period in periods)
        {
            foreach (var window in period.Windows.Where(w => w.End == today.AddDays(period.Settings.ReminderDaysBeforeClose)))
            {
                foreach (var user in hr.Where(u => !string.IsNullOrEmpty(u.Email)))
                {
                    var email = templates.StageClosing(user.DisplayName, period.Name, window.Stage.Label(), window.End,
                        period.Settings.ReminderDaysBeforeClose, templates.Url($"/Periods/Details/{period.Id}"));
                    if (await notifier.QueueAsync(Recipient.Of(user), email, "Recordatorio de cierre",
                            $"stage-closing:{period.Id}:{window.Stage}:{window.End:yyyyMMdd}:{user.Id}", ct: ct))
                        queued++;
                }
            }
        }
        await db.SaveChangesAsync(ct);
        return $"{queued} recordatorios en cola";
    }
}
