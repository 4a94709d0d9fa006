using System.Globalization;
using System.Net;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Evaluations;
using Egi.Web.Features.Shared;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>Activity 4's start: opening a period opens every eligible servant's evaluation; later eligibility opens one then.</summary>
public abstract class OpeningTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string S(int v) => v.ToString(CultureInfo.InvariantCulture);

    private async Task<int> OpenPeriodThroughThePageAsync()
    {
        var id = await app.WithDbAsync(d => d.Periods.Where(p => p.Year == 2026).Select(p => p.Id).SingleAsync());
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var response = await hr.PostFormAsync($"/Periods/Details/{id}?handler=Open", new() { ["Confirm"] = "true" }, getUrl: $"/Periods/Details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return id;
    }

    [Fact]
    public async Task Opening_the_period_opens_one_evaluation_per_eligible_servant_with_the_current_jefe_as_evaluator()
    {
        var periodId = await OpenPeriodThroughThePageAsync();
        var evaluations = await app.WithDbAsync(d => d.Evaluations.Where(e => e.PeriodId == periodId).ToListAsync());
        var servants = await app.WithDbAsync(d => d.Servants.ToListAsync());
        var today = new DateOnly(2026, 11, 24);
        var eligible = servants.Where(s => s.EligibilityOn(today).IsEligible).Select(s => s.Id).Order().ToList();
        Assert.Equal(eligible, evaluations.Select(e => e.EvaluadoId).Order().ToList());
        Assert.All(evaluations, e => Assert.Equal(EvaluationState.GoalFormulation, e.State));
        Assert.All(evaluations, e => Assert.Equal(servants.Single(s => s.Id == e.EvaluadoId).BossId, e.EvaluatorId));
        // Not evaluated here: the gerente público, career servants, the temporary one, the retired one.
        Assert.DoesNotContain(evaluations, e => e.EvaluadoId == servants.Single(s => s.DocumentNumber == "79512340").Id);
        Assert.DoesNotContain(evaluations, e => e.EvaluadoId == servants.Single(s => s.DocumentNumber == "52678901").Id);

        // Opening again (idempotent) creates nothing new.
        await app.WithDbAsync(async d => await new EvaluationOpening(d, app.Clock).OpenAllAsync(await d.Periods.SingleAsync(p => p.Id == periodId)));
        Assert.Equal(evaluations.Count, await app.WithDbAsync(d => d.Evaluations.CountAsync()));
    }

    [Fact]
    public async Task A_servant_who_becomes_eligible_later_gets_an_evaluation_at_that_moment()
    {
        await OpenPeriodThroughThePageAsync();
        var diana = await app.WithDbAsync(d => d.Servants.SingleAsync(s => s.DocumentNumber == "52876123")); // carrera administrativa
        Assert.False(await app.WithDbAsync(d => d.Evaluations.AnyAsync(e => e.EvaluadoId == diana.Id)));

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var form = new Dictionary<string, string>
        {
            ["Input.DocumentNumber"] = diana.DocumentNumber,
            ["Input.FirstNames"] = diana.FirstNames,
            ["Input.LastNames"] = diana.LastNames,
            ["Input.Email"] = diana.Email,
            ["Input.JobTitle"] = diana.JobTitle,
            ["Input.JobCode"] = diana.JobCode,
            ["Input.JobGrade"] = diana.JobGrade,
            ["Input.Level"] = diana.Level.ToString(),
            ["Input.DependencyId"] = S(diana.DependencyId),
            ["Input.EmploymentType"] = "Provisional",
            ["Input.HireDate"] = diana.HireDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.RetirementDate"] = "",
            ["Input.BossId"] = S(diana.BossId!.Value),
        };
        var saved = await hr.PostFormAsync($"/Directory/Servants/Edit/{diana.Id}", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var evaluation = await app.WithDbAsync(d => d.Evaluations.SingleAsync(e => e.EvaluadoId == diana.Id));
        Assert.Equal(diana.BossId, evaluation.EvaluatorId);
        Assert.Equal(EvaluationState.GoalFormulation, evaluation.State);
    }

    [Fact]
    public async Task A_new_eligible_servant_imported_while_the_period_is_open_gets_an_evaluation()
    {
        await OpenPeriodThroughThePageAsync();
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        string[] row =
        [
            "1.055.666.777", "Mónica", "Ibáñez Pérez", "monica.ibanez@egi-demo.gov.co", "Profesional Universitario", "2044", "08",
            "Profesional", "300", "Provisional", "20/11/2026", "", "80123987", "No", "No",
        ];
        var file = Directory.ImportFiles.ImportFile.Csv([row], Directory.ImportFiles.ImportFile.Windows1252);
        var preview = WebUtility.HtmlDecode(await (await hr.PostFileAsync("/Directory/Import", "/Directory/Import", "Upload", "nuevos.csv", file)).Content.ReadAsStringAsync());
        Assert.Contains("Confirmar importación", preview);
        string Field(string name) => System.Text.RegularExpressions.Regex.Match(preview, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;
        var confirmed = await hr.PostFormAsync("/Directory/Import?handler=Confirm",
            new() { ["Token"] = Field("Token"), ["Fingerprint"] = Field("Fingerprint") }, getUrl: "/Directory/Import");
        Assert.True(confirmed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);

        var monica = await app.WithDbAsync(d => d.Servants.SingleAsync(s => s.DocumentNumber == "1055666777"));
        var evaluation = await app.WithDbAsync(d => d.Evaluations.SingleAsync(e => e.EvaluadoId == monica.Id));
        Assert.Equal(monica.BossId, evaluation.EvaluatorId);
    }

    [Fact]
    public async Task Nothing_is_opened_while_the_period_is_in_preparation()
    {
        Assert.Equal(PeriodStatus.Preparation, await app.WithDbAsync(d => d.Periods.Select(p => p.Status).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Evaluations.CountAsync()));
    }
}

public sealed class OpeningTestsSqlite(SqliteHost host) : OpeningTests(host), IClassFixture<SqliteHost>;

public sealed class OpeningTestsPostgres(PostgresHost host) : OpeningTests(host), IClassFixture<PostgresHost>;
