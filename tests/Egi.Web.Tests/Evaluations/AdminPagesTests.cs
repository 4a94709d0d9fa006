using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Shared;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// Talento Humano's tools on one evaluation (reassign the evaluator, assign a Comisión Evaluadora, reopen a step,
/// escalate a disagreement) and the committee recorder's decision, through the real pages.
/// </summary>
public abstract class AdminPagesTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    private const string Camila = EvaluationScenario.Camila;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Admin(int id) => $"/Evaluations/Admin/{id}";

    private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

    private Task SubmitAsync(params int[] weights) =>
        scenario.ActAsync(Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(weights), p.Context));

    [Fact]
    public async Task Only_Talento_Humano_opens_the_page_or_posts_any_of_its_forms()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var carlos = await scenario.ServantIdAsync(EvaluationScenario.Carlos);
        var laura = await scenario.ServantIdAsync(EvaluationScenario.Laura);
        var before = await scenario.EvaluationAsync(Camila);

        var anonymous = await app.NewClient().GetAsync(Admin(id));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString);

        var forms = new Dictionary<string, Dictionary<string, string>>
        {
            ["Reassign"] = new() { ["Reassign.EvaluatorId"] = S(carlos), ["Reassign.Reason"] = "Delegación." },
            ["Committee"] = new() { ["Committee.Members"] = S(carlos), ["Committee.RecorderId"] = S(carlos), ["Committee.Reason"] = "Comisión." },
            ["Reopen"] = new() { ["Reopen.Step"] = "Goals", ["Reopen.Until"] = "2026-12-10", ["Reopen.Reason"] = "Incapacidad." },
            ["Escalate"] = new() { ["Escalate.Members"] = S(laura), ["Escalate.RecorderId"] = S(carlos), ["Escalate.Reason"] = "Desacuerdo." },
        };
        foreach (var account in new[] { Accounts.Jefe, Accounts.Evaluado, Accounts.Consulta, Accounts.Planeacion })
        {
            var client = await app.SignedInAsync(account);
            var get = await client.GetAsync(Admin(id));
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
            Assert.DoesNotContain("Reasignar el evaluador", await Ap.ReadAsync(get));
            foreach (var (handler, fields) in forms)
            {
                var form = new Dictionary<string, string>(fields) { ["Version"] = before.Version.ToString() };
                var post = await client.PostFormAsync($"{Admin(id)}?handler={handler}", form, getUrl: "/");
                Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
            }
        }
        var after = await scenario.EvaluationAsync(Camila);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.EvaluatorId, after.EvaluatorId);
        Assert.Empty(after.History);
        Assert.Empty(after.Reopenings);

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var page = await Ap.HtmlAsync(hr, Admin(id));
        Assert.Contains("Camila Andrea Salazar Nieto", page);
        Assert.Contains("Reasignar el evaluador", page);
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync(Admin(999_999))).StatusCode);

        // Talento Humano never administers their own evaluation (Sandra López made evaluable for the test).
        var sandra = await app.WithDbAsync(async d =>
        {
            var s = await d.Servants.SingleAsync(x => x.Email == Accounts.TalentoHumano);
            s.EmploymentType = Egi.Domain.Directory.EmploymentType.Provisional;
            await d.SaveChangesAsync();
            await new EvaluationOpening(d, app.Clock).OpenAllAsync(await d.Periods.SingleAsync(p => p.Id == scenario.PeriodId));
            return await d.Evaluations.Where(e => e.EvaluadoId == s.Id).Select(e => e.Id).SingleAsync();
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync(Admin(sandra))).StatusCode);
        var own = await hr.PostFormAsync($"{Admin(sandra)}?handler=Reassign",
            new() { ["Reassign.EvaluatorId"] = S(carlos), ["Reassign.Reason"] = "Prefiero otro evaluador.", ["Version"] = Guid.Empty.ToString() }, getUrl: "/");
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
    }

    [Fact]
    public async Task Reassigning_the_evaluator_to_Carlos_moves_the_evaluation_and_keeps_its_history()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var carlos = await scenario.ServantIdAsync(EvaluationScenario.Carlos);
        await SubmitAsync(50, 50);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);

        // A reason is required; an unknown person is refused by field; nothing changes.
        var noReason = await Ap.ReadAsync(await Ap.PostAsync(hr, Admin(id), "Reassign", new() { ["Reassign.EvaluatorId"] = S(carlos), ["Reassign.Reason"] = "" }));
        Assert.Contains("Escriba el motivo de la reasignación.", noReason);
        Assert.Contains("id=\"reassign-reason-error\"", noReason);
        var unknown = await Ap.ReadAsync(await Ap.PostAsync(hr, Admin(id), "Reassign", new() { ["Reassign.EvaluatorId"] = "abc", ["Reassign.Reason"] = "Delegación." }));
        Assert.Contains("Elija el nuevo evaluador de la lista de servidores activos.", unknown);
        Assert.Contains("Delegación.", unknown); // what was typed is kept
        var self = await Ap.ReadAsync(await Ap.PostAsync(hr, Admin(id), "Reassign", new() { ["Reassign.EvaluatorId"] = S(await scenario.ServantIdAsync(Camila)), ["Reassign.Reason"] = "x" }));
        Assert.Contains("El evaluado no puede ser su propio evaluador", self);
        Assert.Equal(await scenario.ServantIdAsync(EvaluationScenario.Felipe), (await scenario.EvaluationAsync(Camila)).EvaluatorId);

        var moved = await Ap.PostAsync(hr, Admin(id), "Reassign", new() { ["Reassign.EvaluatorId"] = S(carlos), ["Reassign.Reason"] = "Felipe Navarro en vacaciones: delega en Carlos Suárez." });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(carlos, e.EvaluatorId);
        Assert.Equal([EvaluationAction.Submit, EvaluationAction.ReassignEvaluator], e.History.OrderBy(h => h.Sequence).Select(h => h.Action));
        Assert.Equal("Felipe Navarro en vacaciones: delega en Carlos Suárez.", e.History[^1].Comment);
        Assert.Contains("Felipe Navarro en vacaciones", await Ap.HtmlAsync(hr, Admin(id)));

        // Felipe no longer sees it; Carlos does, and can approve.
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        Assert.Equal(HttpStatusCode.NotFound, (await felipe.GetAsync($"/Evaluations/Approval/{id}")).StatusCode);
        Assert.DoesNotContain("Camila Andrea Salazar Nieto", Ap.Section(await Ap.HtmlAsync(felipe, "/Evaluations/ToApprove"), "<main", "</main>"));
        var planeacion = await app.SignedInAsync(Accounts.Planeacion);
        Assert.Contains("Camila Andrea Salazar Nieto", await Ap.HtmlAsync(planeacion, "/Evaluations/ToApprove"));
        var approved = await Ap.PostAsync(planeacion, $"/Evaluations/Approval/{id}", "Approve", new() { ["Comment"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var agreed = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.GoalAcceptance, agreed.State);
        Assert.Equal("Carlos Alberto Suárez Pinto", agreed.History[^1].ActorName);
        Assert.Single(agreed.Versions); // the proposal made under Felipe is still there
    }

    [Fact]
    public async Task A_committee_needs_two_or_more_members_and_its_recorder_becomes_the_evaluator()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var carlos = await scenario.ServantIdAsync(EvaluationScenario.Carlos);
        var ana = await app.WithDbAsync(d => d.Servants.Where(s => s.DocumentNumber == "1016789012").Select(s => s.Id).SingleAsync());
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);

        var one = await Ap.ReadAsync(await Ap.PostAsync(hr, Admin(id), "Committee", new()
        {
            ["Committee.Members"] = S(carlos),
            ["Committee.RecorderId"] = S(carlos),
            ["Committee.Reason"] = "Conflicto de interés del jefe.",
        }));
        Assert.Contains("La Comisión Evaluadora necesita al menos dos integrantes.", one);
        Assert.Contains("id=\"committee-members-error\"", one);
        Assert.Empty((await scenario.EvaluationAsync(Camila)).CommitteeMemberIds);

        var content = new List<KeyValuePair<string, string>>
        {
            new("Committee.Members", S(carlos)), new("Committee.Members", S(ana)),
            new("Committee.RecorderId", S(ana)), new("Committee.Reason", "Conflicto de interés del jefe."),
        };
        var assigned = await PostPairsAsync(hr, Admin(id), "Committee", content);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal([carlos, ana], e.CommitteeMemberIds.Order());
        Assert.Equal(ana, e.EvaluatorId);
        Assert.Equal(EvaluationAction.AssignCommittee, e.History[^1].Action);
        var page = await Ap.HtmlAsync(hr, Admin(id));
        Assert.Contains("Comisión Evaluadora: ", page);
        Assert.Contains("registra Ana María Vélez Arango", page);
    }

    [Fact]
    public async Task Reopening_the_closed_goal_step_lets_Camila_formulate()
    {
        // The goal window back to the first quarter: closed on 24/11/2026.
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Year == 2026);
            p.SetWindows(p.Windows.Select(w => w.Stage == Stage.GoalSetting ? w with { Start = new(2026, 1, 1), End = new(2026, 3, 31) } : w).ToList());
            await d.SaveChangesAsync();
        });
        var id = await scenario.EvaluationIdAsync(Camila);
        var closed = await scenario.TryActAsync(Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(100), p.Context));
        Assert.Contains("está cerrada", closed.ToString());

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var noStep = await Ap.ReadAsync(await Ap.PostAsync(hr, Admin(id), "Reopen", new() { ["Reopen.Step"] = "", ["Reopen.Until"] = "2026-12-05", ["Reopen.Reason"] = "Licencia." }));
        Assert.Contains("Elija el paso que se reabre.", noStep);
        var past = await Ap.ReadAsync(await Ap.PostAsync(hr, Admin(id), "Reopen", new() { ["Reopen.Step"] = "Goals", ["Reopen.Until"] = "2026-11-01", ["Reopen.Reason"] = "Licencia." }));
        Assert.Contains("no puede ser anterior a hoy", past);
        var badDate = await Ap.ReadAsync(await Ap.PostAsync(hr, Admin(id), "Reopen", new() { ["Reopen.Step"] = "Goals", ["Reopen.Until"] = "31/31/2026", ["Reopen.Reason"] = "Licencia." }));
        Assert.Contains("La fecha «hasta» no es válida", badDate);
        Assert.Empty((await scenario.EvaluationAsync(Camila)).Reopenings);

        var reopened = await Ap.PostAsync(hr, Admin(id), "Reopen", new() { ["Reopen.Step"] = "Goals", ["Reopen.Until"] = "05/12/2026", ["Reopen.Reason"] = "Licencia de maternidad durante el primer trimestre." });
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(new DateOnly(2026, 12, 5), Assert.Single(e.Reopenings).Until);
        Assert.Contains("Licencia de maternidad", e.History[^1].Comment);

        var submitted = await scenario.TryActAsync(Camila, (ev, p) => ev.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(100), p.Context));
        Assert.True(submitted.Succeeded, submitted.ToString());
        Assert.Equal(EvaluationState.GoalApproval, (await scenario.EvaluationAsync(Camila)).State);
    }

    [Fact]
    public async Task Escalation_is_refused_before_two_no_aceptar_and_the_committee_recorder_then_decides_the_goals()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var carlos = await scenario.ServantIdAsync(EvaluationScenario.Carlos);
        var laura = await scenario.ServantIdAsync(EvaluationScenario.Laura);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var escalation = new List<KeyValuePair<string, string>>
        {
            new("Escalate.Members", S(carlos)), new("Escalate.Members", S(laura)),
            new("Escalate.RecorderId", S(carlos)), new("Escalate.Reason", "Dos rondas sin acuerdo sobre los pesos."),
        };

        async Task DisagreeAsync()
        {
            await SubmitAsync(50, 50);
            await scenario.ActAsync(Camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
            await scenario.ActAsync(Camila, (e, p) => e.NotAcceptGoals(p.Evaluado, "No estoy de acuerdo con los pesos.", p.Context));
        }

        await DisagreeAsync();
        var early = await Ap.ReadAsync(await PostPairsAsync(hr, Admin(id), "Escalate", escalation));
        Assert.Contains("Solo se escala tras 2 «no aceptar» en el mismo paso (van 1).", early);
        Assert.DoesNotContain("Escalar a la comisión", early); // the form is not offered yet
        Assert.Null((await scenario.EvaluationAsync(Camila)).EscalatedStep);

        await DisagreeAsync();
        var page = await Ap.HtmlAsync(hr, Admin(id));
        Assert.Contains("Desacuerdo:", page);
        Assert.Contains("Escalar a la comisión", page);
        var escalated = await PostPairsAsync(hr, Admin(id), "Escalate", escalation);
        Assert.Equal(HttpStatusCode.Redirect, escalated.StatusCode);
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationStep.Goals, e.EscalatedStep);
        Assert.Equal(carlos, e.EscalationRecorderId);

        // Only the recorder opens the decision page; Felipe (the evaluator) and Camila get 404.
        foreach (var account in new[] { Accounts.Jefe, Accounts.Evaluado, Accounts.Consulta })
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync(account)).GetAsync($"/Evaluations/Committee/{id}")).StatusCode);
        var recorder = await app.SignedInAsync(Accounts.Planeacion);
        Assert.Contains($"/Evaluations/Committee/{id}", await Ap.HtmlAsync(recorder, "/Evaluations/ToApprove"));
        var decisionPage = await Ap.HtmlAsync(recorder, $"/Evaluations/Committee/{id}");
        Assert.Contains("Laura Marcela Herrera Ortiz", decisionPage);

        var decided = EvaluationScenario.Goals(65, 35);
        var noDecision = await Ap.ReadAsync(await Ap.PostAsync(recorder, $"/Evaluations/Committee/{id}", "", Ap.GoalFields(decided, new() { ["Decision"] = "" })));
        Assert.Contains("Escriba el motivo de la decisión.", noDecision);
        Assert.Contains("name=\"Goals[0].Weight\" value=\"65\"", noDecision);
        Assert.Equal(EvaluationState.GoalFormulation, (await scenario.EvaluationAsync(Camila)).State);

        var recorded = await Ap.PostAsync(recorder, $"/Evaluations/Committee/{id}", "", Ap.GoalFields(decided, new() { ["Decision"] = "La comisión fija los pesos en 65 y 35." }));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var final = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.SelfEvaluationI, final.State);
        Assert.Null(final.EscalatedStep);
        Assert.Equal([65, 35], final.OrderedGoals.Select(g => g.Weight));
        Assert.Equal(VersionKind.CommitteeDecision, final.Versions.OrderBy(v => v.Sequence).Last().Kind);
        Assert.Equal(EvaluationAction.CommitteeDecision, final.History[^1].Action);
        Assert.Equal(HttpStatusCode.NotFound, (await recorder.GetAsync($"/Evaluations/Committee/{id}")).StatusCode);
    }

    /// <summary>A servant of another dependencia than Camila's, active: (id, document, "Apellidos, Nombres").</summary>
    private Task<(int Id, string Document, string SortName)> OutsiderAsync(int camila) => app.WithDbAsync(async d =>
    {
        var dependency = await d.Servants.Where(s => s.Id == camila).Select(s => s.DependencyId).SingleAsync();
        var o = await d.Servants.Where(s => s.DependencyId != dependency && s.RetirementDate == null && s.Email != Accounts.TalentoHumano)
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.DocumentNumber, s.FirstNames, s.LastNames }).FirstAsync();
        return (o.Id, o.DocumentNumber, $"{o.LastNames}, {o.FirstNames}");
    });

    [Fact]
    public async Task The_pickers_suggest_the_evaluados_dependencia_and_find_anyone_else_by_search()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var camila = await scenario.ServantIdAsync(Camila);
        var outsider = await OutsiderAsync(camila);
        var colleague = await app.WithDbAsync(async d =>
        {
            var dependency = await d.Servants.Where(s => s.Id == camila).Select(s => s.DependencyId).SingleAsync();
            return await d.Servants.Where(s => s.DependencyId == dependency && s.Id != camila && s.RetirementDate == null).Select(s => s.Id).FirstAsync();
        });
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);

        // The lists hold the evaluado's dependencia, not the whole directory; every list has its search box.
        var page = await Ap.HtmlAsync(hr, Admin(id));
        Assert.Contains($"<option value=\"{colleague}\"", page);
        Assert.DoesNotContain($"<option value=\"{outsider.Id}\"", page);
        Assert.DoesNotContain($"<option value=\"{camila}\"", page);
        foreach (var search in new[] { "Reassign.EvaluatorSearch", "Committee.MembersSearch", "Committee.RecorderSearch" })
            Assert.Contains($"name=\"{search}\"", page);
        Assert.Contains("data-servant-search=\"/Directory/ServantSearch\"", page);

        // The search finds anyone active by document or name, never the evaluado excluded, never someone retired; not kept by a cache.
        var found = await hr.GetAsync($"/Directory/ServantSearch?q={outsider.Document}&excluir={camila}");
        Assert.True(found.Headers.CacheControl?.NoStore);
        var results = (await found.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("results");
        Assert.Equal(outsider.Id, results[0].GetProperty("id").GetInt32());
        Assert.StartsWith(outsider.SortName, results[0].GetProperty("text").GetString());
        var byName = await hr.GetFromJsonAsync<System.Text.Json.JsonElement>($"/Directory/ServantSearch?q={Uri.EscapeDataString(outsider.SortName.Split(',')[0].ToUpperInvariant())}");
        Assert.Contains(byName.GetProperty("results").EnumerateArray(), r => r.GetProperty("id").GetInt32() == outsider.Id);
        var self = await hr.GetFromJsonAsync<System.Text.Json.JsonElement>($"/Directory/ServantSearch?q={Camila}&excluir={camila}");
        Assert.Equal(0, self.GetProperty("results").GetArrayLength());

        // Typed without choosing (no JavaScript): the document names the new evaluator.
        var moved = await Ap.PostAsync(hr, Admin(id), "Reassign",
            new() { ["Reassign.EvaluatorId"] = "", ["Reassign.EvaluatorSearch"] = $" {outsider.Document} ", ["Reassign.Reason"] = "Delegación en otra dependencia." });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(outsider.Id, (await scenario.EvaluationAsync(Camila)).EvaluatorId);

        await app.WithDbAsync(async d =>
        {
            var s = await d.Servants.SingleAsync(x => x.Id == outsider.Id);
            s.RetirementDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-2);
            await d.SaveChangesAsync();
        });
        var retired = await hr.GetFromJsonAsync<System.Text.Json.JsonElement>($"/Directory/ServantSearch?q={outsider.Document}");
        Assert.Equal(0, retired.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task A_search_typed_without_choosing_that_matches_nobody_or_several_is_refused_by_field_and_lists_the_matches()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var camila = await scenario.ServantIdAsync(Camila);
        var carlos = await scenario.ServantIdAsync(EvaluationScenario.Carlos);
        var outsider = await OutsiderAsync(camila);
        var before = await scenario.EvaluationAsync(Camila);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);

        var nobody = await Ap.ReadAsync(await Ap.PostAsync(hr, Admin(id), "Reassign",
            new() { ["Reassign.EvaluatorSearch"] = "zzqx nadie", ["Reassign.Reason"] = "Delegación." }));
        Assert.Contains("Ningún servidor activo coincide con «zzqx nadie» en «Nuevo evaluador».", nobody);
        Assert.Contains("id=\"reassign-evaluatorid-error\"", nobody);
        Assert.Contains("Delegación.", nobody);

        // Every e-mail of the entity shares its domain: the search matches more than the list shows.
        var domain = Accounts.TalentoHumano.Split('@')[1];
        var several = await Ap.ReadAsync(await Ap.PostAsync(hr, Admin(id), "Reassign",
            new() { ["Reassign.EvaluatorSearch"] = domain, ["Reassign.Reason"] = "Delegación." }));
        Assert.Contains($"«{domain}» coincide con más de 20 servidores en «Nuevo evaluador»", several);
        Assert.Contains($"<optgroup label=\"Resultados de «{domain}»\" data-group=\"resultados\">", several);
        Assert.Equal(before.EvaluatorId, (await scenario.EvaluationAsync(Camila)).EvaluatorId);

        // A committee member typed in the search box is added to those chosen in the list; the recorder by document.
        var assigned = await PostPairsAsync(hr, Admin(id), "Committee",
        [
            new("Committee.Members", S(carlos)), new("Committee.MembersSearch", outsider.Document),
            new("Committee.RecorderSearch", EvaluationScenario.Carlos), new("Committee.Reason", "Comisión con otra dependencia."),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(new[] { carlos, outsider.Id }.Order(), e.CommitteeMemberIds.Order());
        Assert.Equal(carlos, e.EvaluatorId);
    }

    /// <summary>POSTs repeated fields (a multi-select) with the current Version and the antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostPairsAsync(HttpClient client, string page, string handler, List<KeyValuePair<string, string>> fields)
    {
        var html = await Ap.HtmlAsync(client, page);
        var token = HttpClientFormExtensions.AntiforgeryToken(html);
        var form = new List<KeyValuePair<string, string>>(fields) { new("Version", Ap.Version(html)), new("__RequestVerificationToken", token) };
        return await client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(form));
    }
}

public sealed class AdminPagesTestsSqlite(SqliteHost host) : AdminPagesTests(host), IClassFixture<SqliteHost>;

public sealed class AdminPagesTestsPostgres(PostgresHost host) : AdminPagesTests(host), IClassFixture<PostgresHost>;
