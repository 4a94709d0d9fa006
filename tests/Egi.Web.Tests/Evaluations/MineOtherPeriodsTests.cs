using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// «Mi evaluación» of a servant without an evaluation in the open period lists their evaluations of other periods,
/// newest year first — by the period's year, not by its name (a period may be named anything).
/// </summary>
public sealed class MineOtherPeriodsTests : IAsyncLifetime
{
    private readonly EgiAppFactory app = new(Db.Sqlite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Other_periods_are_listed_newest_year_first_whatever_their_names()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        await app.WithDbAsync(async d =>
        {
            var me = await d.Users.AsNoTracking().SingleAsync(u => u.Email == Accounts.TalentoHumano);
            var servantId = me.ServantId!.Value;
            var evaluator = await d.Servants.Where(s => s.Id != servantId).Select(s => s.Id).FirstAsync();
            foreach (var (year, name) in new[] { (2024, "Vigencia 2024"), (2025, "Evaluación 2025") })
            {
                var period = Period.CreateWithDefaults(year);
                period.Name = name;
                period.Status = PeriodStatus.Closed;
                d.Periods.Add(period);
                await d.SaveChangesAsync();
                d.Evaluations.Add(Evaluation.Open(period.Id, servantId, evaluator, new DateTime(year, 2, 1, 15, 0, 0, DateTimeKind.Utc)));
                await d.SaveChangesAsync();
            }
        });

        var html = await (await client.GetAsync("/Evaluations/Mine")).Content.ReadAsStringAsync();
        var newer = html.IndexOf("Evaluación 2025", StringComparison.Ordinal);
        var older = html.IndexOf("Vigencia 2024", StringComparison.Ordinal);
        Assert.True(newer >= 0 && older >= 0, "both periods are listed");
        Assert.True(newer < older, "the 2025 period comes before the 2024 one");
    }
}
