using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Notifications;
using Egi.Web.Tests.Api;
using Egi.Web.Tests.Directory;
using Egi.Web.Tests.Infrastructure;
using Egi.Web.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// A servant of earlier years who enters EGI after the period opened (SPEC §3: «a servant is never late for a step they
/// could not take»), with the default calendar (goals until 31/03/2026). Camila, hired in 2021, had no jefe in the
/// directory when Vigencia 2026 opened, so she got no evaluation; on 01/09/2026 Talento Humano gives her Felipe as jefe
/// and her evaluation opens as a late entry: her own 15 working days for the goals run from that day (until 22/09), she
/// is not late on the goals nor on the first follow-up, the evaluation page and the reminder say why, she agrees her
/// goals on 22/09 and the first follow-up does not apply to her. A servant added by the directory's synchronization is
/// a late entry too; the evaluations opened with the period are not.
/// </summary>
public abstract class LateEntryTests(LateHireHost host) : IAsyncLifetime
{
    // The host starts on 01/09/2026 10:00 in Bogotá (the clock only moves forward).
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    private const string Camila = EvaluationScenario.Camila;
    private const string CamilaName = "Camila Andrea Salazar Nieto";
    private const string SantiagoName = "Santiago Bermúdez Gil";
    private static readonly DateOnly EnteredOn = new(2026, 9, 1);

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        // When the period opens Camila has no jefe in the directory: she gets no evaluation.
        await app.WithDbAsync(async d =>
        {
            var camila = await d.Servants.SingleAsync(s => s.DocumentNumber == Camila);
            camila.BossId = null;
            await d.SaveChangesAsync();
        });
        scenario = await EvaluationScenario.OpenAsync(app);
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            Assert.Empty(p.SetWindows(StageInfo.All.Select(s => s.DefaultWindow(2026)).ToList()));
            await d.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>10:00 in Bogotá on that day.</summary>
    private void Today(int year, int month, int day) => app.Clock.SetUtcNow(new DateTimeOffset(year, month, day, 15, 0, 0, TimeSpan.Zero));

    private static async Task RedirectedAsync(HttpResponseMessage response, string what) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: {(int)response.StatusCode} {await Ap.ReadAsync(response)}");

    /// <summary>The rows of the «Atrasados» table of /Control for one stage, as text.</summary>
    private static async Task<string> LateAsync(HttpClient hr, Stage stage)
    {
        var html = await Ap.HtmlAsync(hr, $"/Control?etapa={(int)stage}");
        return HtmlTables.HasTable(html, "tabla-atrasados") ? string.Join(" | ", HtmlTables.Rows(html, "tabla-atrasados").Select(r => string.Join(" ", r))) : "";
    }

    [Fact]
    public async Task Given_her_jefe_in_September_she_gets_her_own_goals_window_from_that_day_and_the_first_follow_up_does_not_apply()
    {
        var camilaId = await scenario.ServantIdAsync(Camila);
        Assert.False(await app.WithDbAsync(d => d.Evaluations.AnyAsync(e => e.PeriodId == scenario.PeriodId && e.EvaluadoId == camilaId)));
        // Opened with the period: no late entry.
        Assert.Null((await scenario.EvaluationAsync(EvaluationScenario.Santiago)).EnteredOn);

        // 01/09: Talento Humano gives her a jefe; her evaluation opens.
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var felipeId = await scenario.ServantIdAsync(EvaluationScenario.Felipe);
        await RedirectedAsync(await hr.PostFormAsync($"/Directory/Servants/Edit/{camilaId}",
            await ServantForms.EditFormAsync(app, camilaId, ("BossId", felipeId.ToString(CultureInfo.InvariantCulture)))), "edit");
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal((EnteredOn, new DateOnly(2026, 9, 22), false), (e.EnteredOn, e.Facts.GoalsDeadline, e.Facts.FollowUpIApplies));
        var id = e.Id;

        // 10/09: neither the goals nor the first follow-up count her late; Santiago, whose evaluation opened with the
        // period and who still formulates, is late on both.
        Today(2026, 9, 10);
        hr = await app.SignedInAsync(Accounts.TalentoHumano);
        foreach (var stage in new[] { Stage.GoalSetting, Stage.FirstFollowUp })
        {
            var late = await LateAsync(hr, stage);
            Assert.DoesNotContain(CamilaName, late);
            Assert.Contains(SantiagoName, late);
        }
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        Assert.Contains("Esta evaluación se abrió el 01/09/2026, cuando el servidor entró a EGI con la vigencia ya abierta: tiene 15 días hábiles "
            + "para concertar sus metas, hasta el 22/09/2026.", await Ap.HtmlAsync(camila, $"/Evaluations/Details/{id}"));

        // 15/09 07:00: five working days before her own last day, the reminder says where that day comes from.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 15, 7, 0, 0, TimeSpan.FromHours(-5)));
        await app.Services.GetRequiredService<Scheduler>().RunDueAsync(default);
        var reminder = Assert.Single(await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == nameof(MailKind.DeadlineReminder) && m.ToAddress == Accounts.Evaluado).ToListAsync()));
        Assert.Equal("EGI — su plazo para «Formulación y concertación de metas» vence el 22/09/2026", reminder.Subject);
        Assert.Contains("Su evaluación de la Vigencia 2026 se abrió cuando usted entró a EGI, con la vigencia ya en curso: tiene un plazo propio "
            + "para concertar sus metas, que vence el 22/09/2026 (en 5 días hábiles), 15 días hábiles después de esa apertura.", reminder.TextBody, StringComparison.Ordinal);

        // 22/09, her last day: she formulates, Felipe approves, she accepts; the first follow-up (closed 30/06) does not apply.
        Today(2026, 9, 22);
        camila = await app.SignedInAsync(Accounts.Evaluado);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        await RedirectedAsync(await Ap.PostAsync(camila, $"/Evaluations/Goals/{id}", "Submit", Ap.GoalFields(EvaluationScenario.Goals(60, 40))), "submit goals");
        await RedirectedAsync(await Ap.PostAsync(felipe, $"/Evaluations/Approval/{id}", "Approve", []), "approve goals");
        await RedirectedAsync(await Ap.PostAsync(camila, $"/Evaluations/Acceptance/{id}", "Accept", []), "accept goals");
        e = await scenario.EvaluationAsync(Camila);
        Assert.Equal((EvaluationState.SelfEvaluationII, FollowUpExemption.LateHire), (e.State, e.FollowUpIExemption));
        Assert.Contains("(evaluación abierta en EGI el 01/09/2026, con la vigencia en curso)", e.History[^1].Comment);
        Assert.Contains("No aplica (ingreso posterior): la evaluación se abrió en EGI el 01/09/2026, con la vigencia en curso, y las metas se "
            + "concertaron cuando el primer seguimiento ya había cerrado.", await Ap.HtmlAsync(camila, $"/Evaluations/Details/{id}"));

        // 23/09: late nowhere.
        Today(2026, 9, 23);
        hr = await app.SignedInAsync(Accounts.TalentoHumano);
        foreach (var stage in new[] { Stage.GoalSetting, Stage.FirstFollowUp, Stage.SecondFollowUp })
            Assert.DoesNotContain(CamilaName, await LateAsync(hr, stage));
    }

    [Fact]
    public async Task In_January_with_two_periods_open_a_new_servant_is_evaluated_in_each_year_they_worked_in()
    {
        // 12/01/2027: Vigencia 2026 is still open (its second follow-up runs until 28/02) and Vigencia 2027 is open too.
        Today(2027, 1, 12);
        var period2027 = await app.WithDbAsync(async d =>
        {
            var p = Period.CreateWithDefaults(2027);
            p.Open();
            d.Periods.Add(p);
            await d.SaveChangesAsync();
            return p.Id;
        });
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var felipe = await app.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(s => s.DocumentNumber == EvaluationScenario.Felipe));
        async Task<(string Message, List<(int PeriodId, DateOnly? EnteredOn, DateOnly GoalsDeadline)> Evaluations)> CreateAsync(string document, string hired)
        {
            var response = await hr.PostFormAsync("/Directory/Servants/Create", new()
            {
                ["Input.DocumentNumber"] = document,
                ["Input.FirstNames"] = "Lina María",
                ["Input.LastNames"] = "Acevedo Rincón",
                ["Input.Email"] = $"lina.{document}@egi-demo.gov.co",
                ["Input.JobTitle"] = "Profesional Universitario",
                ["Input.JobCode"] = "2044",
                ["Input.JobGrade"] = "11",
                ["Input.Level"] = "Profesional",
                ["Input.DependencyId"] = felipe.DependencyId.ToString(CultureInfo.InvariantCulture),
                ["Input.EmploymentType"] = "Provisional",
                ["Input.HireDate"] = hired,
                ["Input.BossId"] = felipe.Id.ToString(CultureInfo.InvariantCulture),
            });
            await RedirectedAsync(response, "create " + document);
            var message = await Ap.HtmlAsync(hr, response.Headers.Location!.OriginalString);
            var evaluations = await app.WithDbAsync(d => d.Evaluations.AsNoTracking().Where(e => d.Servants.Any(s => s.Id == e.EvaluadoId && s.DocumentNumber == document))
                .OrderBy(e => e.PeriodId).Select(e => new { e.PeriodId, e.EnteredOn, e.Facts.GoalsDeadline }).ToListAsync());
            return (message, evaluations.Select(e => (e.PeriodId, e.EnteredOn, e.GoalsDeadline)).ToList());
        }
        var today = new DateOnly(2027, 1, 12);

        // Hired on 01/10/2026: she worked part of 2026, so she is evaluated in both; her 2026 goals are due 15 working days
        // from today (02/02/2027), her 2027 goals with everyone's (31/03/2027).
        var (message, evaluations) = await CreateAsync("1098000101", "2026-10-01");
        Assert.Contains("Se abrieron sus evaluaciones de la «Vigencia 2026» y la «Vigencia 2027».", message);
        Assert.Equal([(scenario.PeriodId, today, new DateOnly(2027, 2, 2)), (period2027, today, new DateOnly(2027, 3, 31))], evaluations);

        // Hired today: nothing of 2026 is hers.
        (message, evaluations) = await CreateAsync("1098000102", "2027-01-12");
        Assert.Contains("Se abrió su evaluación de la «Vigencia 2027».", message);
        Assert.Equal([(period2027, today, new DateOnly(2027, 3, 31))], evaluations);

        // The directory's synchronization does the same: one hired in October 2026 in both periods, one hired today in 2027's.
        var october = ApiKit.Servant(2);
        october["hireDate"] = "2026-10-01";
        var january = ApiKit.Servant(3);
        january["hireDate"] = "2027-01-12";
        var writer = app.KeyClient(await app.KeyAsync("Nómina", null, Egi.Web.Infrastructure.Api.ApiScopes.DirectoryWrite));
        var synced = await writer.PostAsJsonAsync("/api/v1/directory/sync", new { servants = new[] { october, january } });
        Assert.True(synced.StatusCode == HttpStatusCode.OK, await synced.Content.ReadAsStringAsync());
        var periods = await app.WithDbAsync(d => d.Evaluations.AsNoTracking()
            .Join(d.Servants, e => e.EvaluadoId, x => x.Id, (e, x) => new { x.DocumentNumber, e.PeriodId, e.EnteredOn })
            .Where(x => x.DocumentNumber == "5000000002" || x.DocumentNumber == "5000000003")
            .OrderBy(x => x.DocumentNumber).ThenBy(x => x.PeriodId).Select(x => new { x.DocumentNumber, x.PeriodId, x.EnteredOn }).ToListAsync());
        Assert.Equal([("5000000002", scenario.PeriodId), ("5000000002", period2027), ("5000000003", period2027)], periods.Select(x => (x.DocumentNumber, x.PeriodId)));
        Assert.All(periods, x => Assert.Equal(today, x.EnteredOn));
    }

    [Fact]
    public async Task A_servant_retired_before_the_period_opened_and_reinstated_now_gets_an_evaluation_as_a_late_entry()
    {
        var felipe = await app.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(s => s.DocumentNumber == EvaluationScenario.Felipe));
        var id = await app.WithDbAsync(async d =>
        {
            var s = new Egi.Domain.Directory.Servant
            {
                DocumentNumber = "1098000103",
                FirstNames = "Wilmer",
                LastNames = "Rozo Peña",
                Email = "wilmer.rozo@egi-demo.gov.co",
                JobTitle = "Técnico Administrativo",
                Level = Egi.Domain.Directory.HierarchyLevel.Tecnico,
                DependencyId = felipe.DependencyId,
                EmploymentType = Egi.Domain.Directory.EmploymentType.Provisional,
                HireDate = new DateOnly(2019, 4, 1),
                RetirementDate = new DateOnly(2025, 12, 31),
                BossId = felipe.Id,
            };
            d.Servants.Add(s);
            await d.SaveChangesAsync();
            return s.Id;
        });
        Assert.False(await app.WithDbAsync(d => d.Evaluations.AnyAsync(e => e.EvaluadoId == id)));

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var response = await hr.PostFormAsync($"/Directory/Servants/Reinstate/{id}", []);
        await RedirectedAsync(response, "reinstate");
        Assert.Contains("Se abrió su evaluación de la «Vigencia 2026».", await Ap.HtmlAsync(hr, response.Headers.Location!.OriginalString));
        var e = await app.WithDbAsync(d => d.Evaluations.AsNoTracking().SingleAsync(x => x.EvaluadoId == id));
        Assert.Equal((scenario.PeriodId, felipe.Id, EnteredOn, new DateOnly(2026, 9, 22)), (e.PeriodId, e.EvaluatorId, e.EnteredOn, e.Facts.GoalsDeadline));
    }

    [Fact]
    public async Task A_servant_the_directory_synchronization_adds_after_the_period_opened_is_a_late_entry()
    {
        var writer = app.KeyClient(await app.KeyAsync("Nómina", null, Egi.Web.Infrastructure.Api.ApiScopes.DirectoryWrite));
        var response = await writer.PostAsJsonAsync("/api/v1/directory/sync", new { servants = new[] { ApiKit.Servant(1) } });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var e = await scenario.EvaluationAsync((5_000_000_001L).ToString(CultureInfo.InvariantCulture));
        // Hired in 2020: the own window runs from the day the synchronization opened the evaluation.
        Assert.Equal((EnteredOn, new DateOnly(2026, 9, 22), false), (e.EnteredOn, e.Facts.GoalsDeadline, e.Facts.FollowUpIApplies));
    }
}

public sealed class LateEntryTestsSqlite(LateHireSqliteHost host) : LateEntryTests(host), IClassFixture<LateHireSqliteHost>;

public sealed class LateEntryTestsPostgres(LateHirePostgresHost host) : LateEntryTests(host), IClassFixture<LateHirePostgresHost>;
