using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Egi.Domain.Evaluations;
using Egi.Web.Notifications;
using Egi.Web.Tests.Api;
using Egi.Web.Tests.Directory;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// A servant who stays in the entity but is no longer evaluated by EGI — a provisional named in carrera administrativa
/// after a concurso — during an open period (24/11/2026, Vigencia 2026, goals agreed): for EGI it is the retiro of the
/// appointment it evaluated. Their evaluation closes «Cerrada por retiro» that day, the jefe owes the partial up to it and
/// is told, and — unlike a retiro — the account stays open. The directory's synchronization does the same.
/// </summary>
public abstract class NoLongerEvaluatedTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private static readonly DateOnly Today = new(2026, 11, 24);

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        foreach (var document in new[] { EvaluationScenario.Camila, EvaluationScenario.Santiago })
        {
            await scenario.ActAsync(document, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
            await scenario.ActAsync(document, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
            await scenario.ActAsync(document, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Named_in_carrera_her_evaluation_closes_today_with_the_partial_owed_and_her_account_stays_open()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var camilaId = await scenario.ServantIdAsync(EvaluationScenario.Camila);
        var response = await hr.PostFormAsync($"/Directory/Servants/Edit/{camilaId}", await ServantForms.EditFormAsync(app, camilaId, ("EmploymentType", "Career")));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await Ap.ReadAsync(response));
        Assert.Contains("Ya no es evaluable (Carrera administrativa: no se evalúa en la Evaluación de la Gestión Institucional): su evaluación de la "
            + "«Vigencia 2026» quedó «Cerrada por retiro» desde hoy; si sus metas estaban concertadas, el evaluador debe registrar la evaluación parcial hasta hoy.",
            await Ap.HtmlAsync(hr, response.Headers.Location!.OriginalString));

        var e = await scenario.EvaluationAsync(EvaluationScenario.Camila);
        Assert.Equal(EvaluationState.ClosedByRetirement, e.State);
        Assert.StartsWith("Deja de evaluarse en EGI desde el 24/11/2026. Carrera administrativa", e.History[^1].Comment);
        var partial = e.Partials.Single();
        var felipe = await scenario.ServantIdAsync(EvaluationScenario.Felipe);
        Assert.Equal((felipe, Today, PartialCause.NoLongerEvaluated, PartialStatus.Pending), (partial.EvaluatorId, partial.To, partial.Cause, partial.Status));
        var told = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == nameof(MailKind.PartialOwed) && m.ToAddress == Accounts.Jefe));
        Assert.Contains("por: El evaluado deja de evaluarse en EGI (cambio de vinculación)", told.TextBody, StringComparison.Ordinal);
        // She still works in the entity: her account is not locked (a retiro would lock it), and Santiago's evaluation goes on.
        await app.SignedInAsync(Accounts.Evaluado);
        Assert.Equal(EvaluationState.SelfEvaluationI, (await scenario.EvaluationAsync(EvaluationScenario.Santiago)).State);

        // Saving her again changes nothing more.
        response = await hr.PostFormAsync($"/Directory/Servants/Edit/{camilaId}", await ServantForms.EditFormAsync(app, camilaId));
        Assert.DoesNotContain("Ya no es evaluable", await Ap.HtmlAsync(hr, response.Headers.Location!.OriginalString));
        Assert.Single((await scenario.EvaluationAsync(EvaluationScenario.Camila)).Partials);
    }

    [Fact]
    public async Task The_directory_synchronization_that_names_him_in_carrera_closes_his_evaluation()
    {
        var row = await app.WithDbAsync(async d =>
        {
            var s = await d.Servants.AsNoTracking().SingleAsync(x => x.DocumentNumber == EvaluationScenario.Santiago);
            return new Dictionary<string, object?>
            {
                ["documentNumber"] = s.DocumentNumber,
                ["firstNames"] = s.FirstNames,
                ["lastNames"] = s.LastNames,
                ["email"] = s.Email,
                ["jobTitle"] = s.JobTitle,
                ["jobCode"] = s.JobCode,
                ["jobGrade"] = s.JobGrade,
                ["level"] = s.Level.ToString(),
                ["dependency"] = await d.Dependencies.Where(x => x.Id == s.DependencyId).Select(x => x.Code).SingleAsync(),
                ["employmentType"] = "Career",
                ["hireDate"] = s.HireDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["retirementDate"] = null,
                ["bossDocumentNumber"] = EvaluationScenario.Felipe,
                ["hasStaff"] = s.HasStaff,
                ["isPublicManager"] = s.IsPublicManager,
            };
        });
        var writer = app.KeyClient(await app.KeyAsync("Nómina", null, Egi.Web.Infrastructure.Api.ApiScopes.DirectoryWrite));
        var synced = await writer.PostAsJsonAsync("/api/v1/directory/sync", new { servants = new[] { row } });
        Assert.True(synced.StatusCode == HttpStatusCode.OK, await synced.Content.ReadAsStringAsync());

        var e = await scenario.EvaluationAsync(EvaluationScenario.Santiago);
        Assert.Equal(EvaluationState.ClosedByRetirement, e.State);
        Assert.Equal((Today, PartialCause.NoLongerEvaluated), (e.Partials.Single().To, e.Partials.Single().Cause));
        Assert.Equal(EvaluationState.SelfEvaluationI, (await scenario.EvaluationAsync(EvaluationScenario.Camila)).State);
    }
}

public sealed class NoLongerEvaluatedTestsSqlite(SqliteHost host) : NoLongerEvaluatedTests(host), IClassFixture<SqliteHost>;

public sealed class NoLongerEvaluatedTestsPostgres(PostgresHost host) : NoLongerEvaluatedTests(host), IClassFixture<PostgresHost>;
