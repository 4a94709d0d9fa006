using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory;

/// <summary>
/// Every day just after midnight (Bogotá): the retiros whose date has come take effect — the evaluation closes, the
/// evaluator owes the partial evaluation, the account is locked and its sessions end — and reinstatements whose lock
/// is still set are lifted (<see cref="EvaluatorChanges.SyncRetirementAsync"/>). One indexed query finds
/// them (<see cref="Servant.RetirementChangeDueOn"/>), so a day the application was down is caught up at the next run.
/// </summary>
public sealed class RetirementJob : IScheduledJob
{
    public const string JobCode = "ScheduledRetirements";

    public string Code => JobCode;
    public string Name => "Retiros programados";
    public TimeOnly TimeOfDay => new(0, 5);

    public async Task<string> RunAsync(IServiceProvider services, DateTime dueAt, CancellationToken ct)
    {
        var db = services.GetRequiredService<EgiDbContext>();
        var changes = services.GetRequiredService<EvaluatorChanges>();
        var today = services.GetRequiredService<CurrentUser>().Today;
        var due = await db.Servants.AsNoTracking().Where(Servant.RetirementChangeDueOn(today))
            .OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in due) await changes.SyncRetirementAsync(id, ct);
        return $"{due.Count} retiro(s) o reintegro(s) aplicados";
    }
}
