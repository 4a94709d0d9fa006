using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Sessions;
using Egi.Web.Features.WorkPlan;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Process;

public abstract class DemoProcessTests(Db db) : IAsyncLifetime
{
    private EgiAppFactory app = null!;

    public Task InitializeAsync()
    {
        app = new EgiAppFactory(db);
        app.Settings["Scheduler:Enabled"] = "false";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_demo_gets_a_work_plan_and_two_sessions_once_without_sending_mail()
    {
        for (var i = 0; i < 2; i++)
            await app.WithDbAsync(d => DemoProcess.SeedAsync(d, app.Clock, 2026));
        Assert.Equal(20, await app.WithDbAsync(d => d.Set<WorkPlanActivity>().CountAsync()));
        var sessions = await app.WithDbAsync(d => d.Set<Session>().Include(s => s.Invitees).OrderBy(s => s.Date).ToListAsync());
        Assert.Equal([SessionKind.Divulgation, SessionKind.Socialization], sessions.Select(s => s.Kind));
        Assert.True(sessions[0].Invitees.Count > 30);
        Assert.Contains(sessions[0].Invitees, i => i.Attended);
        Assert.NotEmpty(sessions[1].Invitees);
        Assert.Equal(0, await app.WithDbAsync(d => d.OutboxMessages.CountAsync()));
        // Activity 8 (01/01–30/06/2026) is over on 24/11/2026: marked done.
        Assert.Equal(WorkPlanStatus.Done, await app.WithDbAsync(d => d.Set<WorkPlanActivity>().Where(a => a.ProcedureNumber == 8).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_run_command_demo_shows_the_plan_with_live_progress_and_the_sessions()
    {
        app.Settings["Egi:DemoScenario"] = "true";
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var plan = System.Net.WebUtility.HtmlDecode(await hr.GetStringAsync("/WorkPlan"));
        Assert.Equal(20, Reports.HtmlTables.Rows(plan, "plan").Count);
        Assert.Contains("evaluaciones pasaron este paso", plan);
        var sessions = System.Net.WebUtility.HtmlDecode(await hr.GetStringAsync("/Sessions"));
        Assert.Contains("Plan Estratégico Institucional y planes de acción de la vigencia", sessions);
        Assert.Contains("Cómo concertar metas y autoevaluarse en EGI", sessions);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await hr.GetAsync("/Sessions/Report")).StatusCode);
    }
}

public sealed class DemoProcessTestsSqlite() : DemoProcessTests(Db.Sqlite);

public sealed class DemoProcessTestsPostgres() : DemoProcessTests(Db.Postgres);
