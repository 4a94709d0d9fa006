using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// Activity 5 through the real pages: «Por aprobar» and the approval page of the current evaluator (approve, reject
/// with a reason, modify with a justification per changed field), refused to anyone else, refused when stale.
/// </summary>
public abstract class ApprovalPagesTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    private const string Camila = EvaluationScenario.Camila;
    private const string CamilaName = "Camila Andrea Salazar Nieto";

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Approval(int id) => $"/Evaluations/Approval/{id}";

    private Task SubmitAsync(string document, params int[] weights) =>
        scenario.ActAsync(document, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(weights), p.Context));

    [Fact]
    public async Task The_whole_stage_1_journey_of_Camila_through_the_approval_page()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var camila = await app.SignedInAsync(Accounts.Evaluado);

        // The evaluado's side goes through her own pages: «Mis metas» (send) and «Aceptación» (accept or not).
        async Task CamilaAsync(string page, string handler, Dictionary<string, string> fields)
        {
            var response = await Ap.PostAsync(camila, $"/Evaluations/{page}/{id}", handler, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page}/{handler}: {(int)response.StatusCode} {await Ap.ReadAsync(response)}");
        }
        Task CamilaSubmitsAsync(params int[] weights) => CamilaAsync("Goals", "Submit", Ap.GoalFields(EvaluationScenario.Goals(weights)));

        // 1. Camila sends her goals: Felipe sees her in «Por aprobar», with a link to the approval page.
        await CamilaSubmitsAsync(50, 50);
        Assert.Equal(EvaluationState.GoalApproval, (await scenario.EvaluationAsync(Camila)).State);
        var list = await Ap.HtmlAsync(felipe, "/Evaluations/ToApprove");
        Assert.Contains(CamilaName, Ap.Section(list, "Esperan su acción", "Todos sus evaluados"));
        Assert.Contains($"href=\"{Approval(id)}\"", list);

        var page = await Ap.HtmlAsync(felipe, Approval(id));
        Assert.Contains("Meta de prueba 1: elaborar el informe 1 del año", page);
        Assert.Contains("Aprobar las metas", page);
        Assert.Contains("Rechazar las metas", page);

        // 2. Rejecting needs a reason: without one nothing changes and the field says so.
        var noReason = await Ap.PostAsync(felipe, Approval(id), "Reject", new() { ["Reason"] = "  " });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Escriba el motivo del rechazo.", await Ap.ReadAsync(noReason));
        Assert.Equal(EvaluationState.GoalApproval, (await scenario.EvaluationAsync(Camila)).State);

        var rejected = await Ap.PostAsync(felipe, Approval(id), "Reject", new() { ["Reason"] = "La meta 2 no tiene un resultado medible." });
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Equal(EvaluationState.GoalFormulation, (await scenario.EvaluationAsync(Camila)).State);

        // 3. Camila fixes and sends again.
        await CamilaSubmitsAsync(60, 40);

        // 4. Felipe modifies: step (a) the form pre-filled, step (b) one justification per changed field.
        var form = await Ap.HtmlAsync(felipe, $"{Approval(id)}?handler=Modify");
        Assert.Contains("Revisar cambios", form);
        Assert.Contains("name=\"Goals[1].Weight\" value=\"40\"", form);
        var current = (await scenario.EvaluationAsync(Camila)).OrderedGoals;
        var edited = current.Select(g => g.Number == 1 ? g with { Weight = 70 } : g with { Weight = 30, Description = "Elaborar y publicar el informe 2 del año" }).ToList();
        var review = await Ap.PostAsync(felipe, Approval(id), "Review", Ap.GoalFields(edited));
        var reviewHtml = await Ap.ReadAsync(review);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Contains("paso 2 de 2", reviewHtml);
        Assert.Contains("name=\"Justifications[1.Weight]\"", reviewHtml);
        Assert.Contains("name=\"Justifications[2.Weight]\"", reviewHtml);
        Assert.Contains("name=\"Justifications[2.Description]\"", reviewHtml);
        Assert.Contains("60 %", reviewHtml);
        Assert.Contains("70 %", reviewHtml);
        Assert.DoesNotContain("name=\"Justifications[1.Description]\"", reviewHtml);

        // A missing justification is refused with the field's message; nothing is saved.
        var partial = Ap.GoalFields(edited, new()
        {
            ["Justifications[1.Weight]"] = "La meta 1 es la prioridad de la subdirección.",
            ["Justifications[2.Weight]"] = "Para que la suma siga siendo 100 %.",
        });
        var missing = await Ap.PostAsync(felipe, Approval(id), "Modify", partial);
        var missingHtml = await Ap.ReadAsync(missing);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Meta 2: justifique el cambio de «Descripción».", missingHtml);
        Assert.Contains("La meta 1 es la prioridad de la subdirección.", missingHtml); // what was typed is kept
        Assert.Equal(EvaluationState.GoalApproval, (await scenario.EvaluationAsync(Camila)).State);

        partial["Justifications[2.Description]"] = "Se precisa el resultado esperado.";
        var modified = await Ap.PostAsync(felipe, Approval(id), "Modify", partial);
        Assert.Equal(HttpStatusCode.Redirect, modified.StatusCode);
        var afterModify = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.GoalAcceptance, afterModify.State);
        Assert.Equal([70, 30], afterModify.OrderedGoals.Select(g => g.Weight));
        var changes = afterModify.LastChanges(EvaluationStep.Goals);
        Assert.Equal(3, changes.Count);
        Assert.Contains(changes, c => c.GoalNumber == 2 && c.Field == "Description" && c.Justification == "Se precisa el resultado esperado.");

        // 5. Camila does not accept (reason); 6. she sends again; 7. Felipe approves; 8. she accepts.
        await CamilaAsync("Acceptance", "NotAccept", new() { ["Reason"] = "Prefiero mantener los pesos iniciales." });
        Assert.Equal(EvaluationState.GoalFormulation, (await scenario.EvaluationAsync(Camila)).State);
        await CamilaSubmitsAsync(60, 40);
        var approved = await Ap.PostAsync(felipe, Approval(id), "Approve", new() { ["Comment"] = "De acuerdo con lo conversado." });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(EvaluationState.GoalAcceptance, (await scenario.EvaluationAsync(Camila)).State);
        await CamilaAsync("Acceptance", "Accept", []);

        var final = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.SelfEvaluationI, final.State);
        Assert.Equal(
            [EvaluationAction.Submit, EvaluationAction.Reject, EvaluationAction.Submit, EvaluationAction.Modify, EvaluationAction.NotAccept, EvaluationAction.Submit, EvaluationAction.Approve, EvaluationAction.Accept],
            final.History.OrderBy(h => h.Sequence).Select(h => h.Action));
        Assert.Equal("La meta 2 no tiene un resultado medible.", final.History.Single(h => h.Action == EvaluationAction.Reject).Comment);
        Assert.Equal("De acuerdo con lo conversado.", final.History.Single(h => h.Action == EvaluationAction.Approve).Comment);
        Assert.Equal(
            [VersionKind.Proposal, VersionKind.Proposal, VersionKind.Modification, VersionKind.Proposal],
            final.Versions.OrderBy(v => v.Sequence).Select(v => v.Kind));
        Assert.Equal(3, final.Rounds(EvaluationStep.Goals));

        // The page now shows the history and no action; «Por aprobar» no longer lists her as waiting.
        var done = await Ap.HtmlAsync(felipe, Approval(id));
        Assert.Contains("no hay metas esperando su aprobación", done);
        Assert.DoesNotContain("Aprobar las metas", done);
        Assert.Contains("La meta 2 no tiene un resultado medible.", done);
        Assert.Contains("Modificación del evaluador", done);
        var after = await Ap.HtmlAsync(felipe, "/Evaluations/ToApprove");
        Assert.DoesNotContain(CamilaName, Ap.Section(after, "Esperan su acción", "Todos sus evaluados"));
        Assert.Contains(CamilaName, Ap.Section(after, "Todos sus evaluados", "</main>"));
    }

    [Fact]
    public async Task Only_the_current_evaluator_sees_or_acts_on_the_approval_page()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        await SubmitAsync(Camila, 50, 50);

        // Anonymous: to the sign-in page.
        var anonymous = await app.NewClient().GetAsync(Approval(id));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString);

        // Another jefe, Camila herself, Consulta and Talento Humano: 404, never her goals.
        foreach (var account in new[] { Accounts.Planeacion, Accounts.Evaluado, Accounts.Consulta, Accounts.TalentoHumano })
        {
            var client = await app.SignedInAsync(account);
            var response = await client.GetAsync(Approval(id));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Meta de prueba 1", await Ap.ReadAsync(response));
        }

        // Their POSTs (with a valid antiforgery token of their own session) are refused and change nothing.
        var version = (await scenario.EvaluationAsync(Camila)).Version.ToString();
        foreach (var account in new[] { Accounts.Planeacion, Accounts.Evaluado, Accounts.Consulta })
        {
            var client = await app.SignedInAsync(account);
            var approve = await client.PostFormAsync($"{Approval(id)}?handler=Approve", new() { ["Version"] = version }, getUrl: "/");
            Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
            var reject = await client.PostFormAsync($"{Approval(id)}?handler=Reject", new() { ["Version"] = version, ["Reason"] = "No." }, getUrl: "/");
            Assert.Equal(HttpStatusCode.NotFound, reject.StatusCode);
        }
        var unchanged = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.GoalApproval, unchanged.State);
        Assert.Equal(version, unchanged.Version.ToString());

        // The domain itself refuses Camila approving her own goals.
        var refused = await scenario.TryActAsync(Camila, (e, p) => e.ApproveGoals(p.Evaluado, p.Context));
        Assert.Contains("Usted no puede aprobar", refused.ToString());
    }

    [Fact]
    public async Task A_stale_approval_or_modification_is_refused_and_nothing_is_saved()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        await SubmitAsync(Camila, 50, 50);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var page = await Ap.HtmlAsync(felipe, Approval(id));
        var seen = Ap.Version(page);

        // Meanwhile Talento Humano records something on the evaluation (a new version).
        await scenario.ActAsync(Camila, (e, p) => e.ReopenStep(Ap.TalentoHumano, EvaluationStep.Goals, new DateOnly(2026, 12, 20), "Ampliación por incapacidad.", p.Context));
        var newer = (await scenario.EvaluationAsync(Camila)).Version;

        var stale = await Ap.PostAsync(felipe, Approval(id), "Approve", new() { ["Comment"] = "Aprobadas." }, version: seen);
        var staleHtml = await Ap.ReadAsync(stale);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains(EvaluationMessages.StaleEvaluation, staleHtml);
        var unchanged = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.GoalApproval, unchanged.State);
        Assert.Equal(newer, unchanged.Version);
        Assert.DoesNotContain(unchanged.History, h => h.Action == EvaluationAction.Approve);

        var goals = unchanged.OrderedGoals.Select(g => g with { Weight = g.Number == 1 ? 70 : 30 }).ToList();
        var fields = Ap.GoalFields(goals, new() { ["Justifications[1.Weight]"] = "Prioridad.", ["Justifications[2.Weight]"] = "Suma." });
        var staleModify = await Ap.PostAsync(felipe, Approval(id), "Modify", fields, version: seen);
        Assert.Contains(EvaluationMessages.StaleEvaluation, await Ap.ReadAsync(staleModify));
        Assert.Equal([50, 50], (await scenario.EvaluationAsync(Camila)).OrderedGoals.Select(g => g.Weight));

        // With the current version it goes through.
        var fresh = await Ap.PostAsync(felipe, Approval(id), "Approve", new() { ["Comment"] = "Aprobadas." });
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal(EvaluationState.GoalAcceptance, (await scenario.EvaluationAsync(Camila)).State);
    }

    [Fact]
    public async Task Por_aprobar_lists_Camila_for_Felipe_only_and_shows_an_empty_state_to_people_without_evaluados()
    {
        await SubmitAsync(Camila, 50, 50);
        await SubmitAsync(EvaluationScenario.Laura, 100);

        var felipe = await Ap.HtmlAsync(await app.SignedInAsync(Accounts.Jefe), "/Evaluations/ToApprove");
        var waiting = Ap.Section(felipe, "Esperan su acción", "Todos sus evaluados");
        Assert.Contains(CamilaName, waiting);
        Assert.DoesNotContain("Santiago Bermúdez Gil", waiting); // still formulating: not waiting on Felipe
        Assert.DoesNotContain("Laura Marcela Herrera Ortiz", felipe);
        var all = Ap.Section(felipe, "Todos sus evaluados", "</main>");
        Assert.Contains("Santiago Bermúdez Gil", all);
        Assert.Contains("Formulación de metas", all);
        Assert.Contains("Aprobación de metas", all);
        Assert.Matches(@"<span class=""badge text-bg-warning"">1</span> esperan su acción", felipe);

        var carlos = await Ap.HtmlAsync(await app.SignedInAsync(Accounts.Planeacion), "/Evaluations/ToApprove");
        Assert.Contains("Laura Marcela Herrera Ortiz", carlos);
        Assert.DoesNotContain(CamilaName, carlos);

        foreach (var account in new[] { Accounts.Evaluado, Accounts.Consulta })
        {
            var response = await (await app.SignedInAsync(account)).GetAsync("/Evaluations/ToApprove");
            var html = await Ap.ReadAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("No tiene evaluados", html);
            var main = Ap.Section(html, "<main", "</main>"); // the menu shows Camila's own name
            Assert.DoesNotContain(CamilaName, main);
            Assert.DoesNotContain("Laura Marcela Herrera Ortiz", main);
        }

        var anonymous = await app.NewClient().GetAsync("/Evaluations/ToApprove");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Malformed_posts_get_a_page_never_an_error_and_change_nothing()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        await SubmitAsync(Camila, 50, 50);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var before = await scenario.EvaluationAsync(Camila);
        var garbage = new Dictionary<string, string>
        {
            ["Goals[0].Number"] = "uno",
            ["Goals[0].Weight"] = "1e9",
            ["Goals[0].DueDate"] = "ayer",
            ["Goals[0].PlanItemId"] = "x",
            ["Goals[7].Description"] = "fila suelta",
            ["Justifications[]"] = "sin clave",
            ["Justifications[9.Nada]"] = "campo inexistente",
        };
        foreach (var handler in new[] { "Review", "Modify", "Add", "Edit" })
        {
            var response = await Ap.PostAsync(felipe, Approval(id), handler, garbage);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var remove = await Ap.PostAsync(felipe, $"{Approval(id)}?remove=tres", "Remove", garbage);
        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        var noVersion = await felipe.PostFormAsync($"{Approval(id)}?handler=Approve", new() { ["Version"] = "no-es-un-guid" }, getUrl: Approval(id));
        Assert.Contains(EvaluationMessages.StaleEvaluation, await Ap.ReadAsync(noVersion));

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Reassign", new() { ["Reassign.EvaluatorId"] = "-1", ["Reassign.Reason"] = "x" }),
            ("Committee", new() { ["Committee.Members"] = "a", ["Committee.RecorderId"] = "99999", ["Committee.Reason"] = "x" }),
            ("Reopen", new() { ["Reopen.Step"] = "7", ["Reopen.Until"] = "mañana", ["Reopen.Reason"] = "x" }),
            ("Escalate", new() { ["Escalate.Members"] = "", ["Escalate.RecorderId"] = "", ["Escalate.Reason"] = "" }),
        })
        {
            var response = await Ap.PostAsync(hr, $"/Evaluations/Admin/{id}", handler, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("No se guardó nada.", await Ap.ReadAsync(response));
        }

        var after = await scenario.EvaluationAsync(Camila);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.EvaluatorId, after.EvaluatorId);
        Assert.Equal(EvaluationState.GoalApproval, after.State);
    }

    [Fact]
    public async Task Modifying_checks_the_goals_before_asking_for_justifications_and_keeps_what_was_typed()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        await SubmitAsync(Camila, 50, 50);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var goals = (await scenario.EvaluationAsync(Camila)).OrderedGoals;

        // Nothing changed: use «Aprobar».
        var same = await Ap.ReadAsync(await Ap.PostAsync(felipe, Approval(id), "Review", Ap.GoalFields(goals)));
        Assert.Contains("No cambió ninguna meta", same);

        // Unreadable weight, weights not adding to 100, a date outside the period: messages by field, typed text kept.
        var bad = Ap.GoalFields(goals);
        bad["Goals[0].Weight"] = "cincuenta";
        bad["Goals[1].Weight"] = "45";
        bad["Goals[1].DueDate"] = "2027-01-15";
        var badHtml = await Ap.ReadAsync(await Ap.PostAsync(felipe, Approval(id), "Review", bad));
        Assert.Contains("Meta 1: el peso debe ser un número entero entre 1 y 100", badHtml);
        Assert.Contains("Meta 2: la fecha de cumplimiento debe estar dentro de la vigencia 2026.", badHtml);
        Assert.Contains("value=\"cincuenta\"", badHtml);
        Assert.Contains("aria-invalid=\"true\"", badHtml);
        Assert.Contains("role=\"alert\"", badHtml);

        var sum = Ap.GoalFields(goals);
        sum["Goals[1].Weight"] = "45";
        Assert.Contains("La suma de los pesos debe ser 100 %", await Ap.ReadAsync(await Ap.PostAsync(felipe, Approval(id), "Review", sum)));

        // Adding a goal (up to the maximum) and removing one, without JavaScript.
        var added = await Ap.ReadAsync(await Ap.PostAsync(felipe, Approval(id), "Add", Ap.GoalFields(goals)));
        Assert.Contains("Meta 3 (nueva)", added);
        Assert.Contains("name=\"Goals[2].Number\" value=\"3\"", added);
        var five = Ap.GoalFields(EvaluationScenario.Goals(20, 20, 20, 20, 20));
        Assert.Contains("Puede registrar máximo 5 metas", await Ap.ReadAsync(await Ap.PostAsync(felipe, Approval(id), "Add", five)));

        var withNew = goals.Select(g => g with { Weight = 40 }).Append(new Goal
        {
            Number = 3,
            Description = "Socializar los resultados con la dependencia",
            Weight = 20,
            ExpectedEvidence = "Acta de socialización",
            AgreedFirstFollowUpPercent = 0,
            DueDate = new DateOnly(2026, 12, 15),
        }).ToList();
        var removed = await Ap.ReadAsync(await Ap.PostAsync(felipe, $"{Approval(id)}?remove=0", "Remove", Ap.GoalFields(withNew)));
        Assert.DoesNotContain("name=\"Goals[0].Number\" value=\"1\"", removed);
        Assert.Contains("name=\"Goals[0].Number\" value=\"2\"", removed);

        // A new goal and a removed goal are «Meta completa» changes to justify; then the modification is saved.
        var replaced = new List<Goal> { goals[0] with { Weight = 80 }, withNew[2] with { Weight = 20 } };
        var review = await Ap.ReadAsync(await Ap.PostAsync(felipe, Approval(id), "Review", Ap.GoalFields(replaced)));
        Assert.Contains("name=\"Justifications[2.Goal]\"", review);
        Assert.Contains("name=\"Justifications[3.Goal]\"", review);
        Assert.Contains("(meta eliminada)", review);
        Assert.Contains("(no existía: meta nueva)", review);
        var sent = await Ap.PostAsync(felipe, Approval(id), "Modify", Ap.GoalFields(replaced, new()
        {
            ["Justifications[1.Weight]"] = "Concentra el esfuerzo.",
            ["Justifications[2.Goal]"] = "Se retira: ya la cubre otra dependencia.",
            ["Justifications[3.Goal]"] = "Se agrega la socialización.",
        }));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var saved = await scenario.EvaluationAsync(Camila);
        Assert.Equal([1, 3], saved.OrderedGoals.Select(g => g.Number));
        Assert.Equal(EvaluationState.GoalAcceptance, saved.State);
    }
}

public sealed class ApprovalPagesTestsSqlite(SqliteHost host) : ApprovalPagesTests(host), IClassFixture<SqliteHost>;

public sealed class ApprovalPagesTestsPostgres(PostgresHost host) : ApprovalPagesTests(host), IClassFixture<PostgresHost>;

/// <summary>Small helpers of the approval and administration page tests: forms, versions, decoded HTML.</summary>
internal static class Ap
{
    private static readonly Regex VersionField = new("name=\"Version\"[^>]*value=\"([^\"]+)\"", RegexOptions.Compiled);

    /// <summary>Talento Humano as an actor of the domain (for set-up steps).</summary>
    public static Actor TalentoHumano { get; } = new("talento-humano", null, "Talento Humano", IsTalentoHumano: true);

    public static async Task<string> ReadAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    public static string Version(string html) => VersionField.Match(html).Groups[1].Value;

    /// <summary>The part of the page between two markers (a section of the page).</summary>
    public static string Section(string html, string from, string to)
    {
        var start = html.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"«{from}» is not on the page");
        var end = html.IndexOf(to, start + from.Length, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    /// <summary>
    /// POSTs a handler of <paramref name="page"/> with the Version the page shows now (or <paramref name="version"/>),
    /// after reading its antiforgery token.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields, string? version = null)
    {
        var path = page.Split('?')[0];
        var html = await HtmlAsync(client, path);
        var form = new Dictionary<string, string>(fields) { ["Version"] = version ?? Version(html) };
        var url = handler.Length == 0 ? page : $"{page}{(page.Contains('?') ? "&" : "?")}handler={handler}";
        return await client.PostFormAsync(url, form, getUrl: path);
    }

    /// <summary>The follow-up form's fields ("Progress[i].…") for goals 1, 2… in order.</summary>
    public static Dictionary<string, string> ProgressFields(params (int Percent, string Narrative)[] rows)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < rows.Length; i++)
        {
            fields[$"Progress[{i}].GoalNumber"] = (i + 1).ToString(CultureInfo.InvariantCulture);
            fields[$"Progress[{i}].AchievedPercent"] = rows[i].Percent.ToString(CultureInfo.InvariantCulture);
            fields[$"Progress[{i}].Narrative"] = rows[i].Narrative;
        }
        return fields;
    }

    private static readonly Regex CompetencyField = new("name=\"Ratings\\[(\\d+)\\]\\.Competency\" value=\"([^\"]*)\"", RegexOptions.Compiled);

    /// <summary>
    /// The competency form's fields for every competency the rating page <paramref name="html"/> lists, each rated by
    /// <paramref name="rate"/> (value of the scale, comment), with the page's Version.
    /// </summary>
    public static Dictionary<string, string> RatingFields(string html, Func<string, (int Value, string Comment)> rate)
    {
        var fields = new Dictionary<string, string> { ["Version"] = Version(html) };
        foreach (Match m in CompetencyField.Matches(html))
        {
            var (index, name) = (m.Groups[1].Value, m.Groups[2].Value);
            var (value, comment) = rate(name);
            fields[$"Ratings[{index}].Competency"] = name;
            fields[$"Ratings[{index}].Value"] = value.ToString(CultureInfo.InvariantCulture);
            fields[$"Ratings[{index}].Comment"] = comment;
        }
        return fields;
    }

    /// <summary>The goals as the goals form posts them ("Goals[i].Field").</summary>
    public static Dictionary<string, string> GoalFields(IEnumerable<Goal> goals, Dictionary<string, string>? extra = null)
    {
        var fields = new Dictionary<string, string>();
        foreach (var (g, i) in goals.Select((g, i) => (g, i)))
        {
            fields[$"Goals[{i}].Number"] = g.Number.ToString(CultureInfo.InvariantCulture);
            fields[$"Goals[{i}].Description"] = g.Description;
            fields[$"Goals[{i}].Weight"] = g.Weight.ToString(CultureInfo.InvariantCulture);
            fields[$"Goals[{i}].ExpectedEvidence"] = g.ExpectedEvidence;
            fields[$"Goals[{i}].AgreedFirstFollowUpPercent"] = g.AgreedFirstFollowUpPercent.ToString(CultureInfo.InvariantCulture);
            fields[$"Goals[{i}].DueDate"] = g.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        }
        foreach (var (k, v) in extra ?? []) fields[k] = v;
        return fields;
    }
}
