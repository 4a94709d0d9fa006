using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Web.Data;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Egi.Web.Tests.Security;

/// <summary>
/// The authorization matrix: every endpoint the application maps (every Razor page with each of its handlers, every
/// API route), taken from the app's own endpoint data source, is requested by eight people — anonymous, the evaluado,
/// another evaluado, the evaluado's jefe, another jefe, Planeación, Consulta and Talento Humano — and the answer is
/// compared with <see cref="Expected"/>. A new endpoint that is not in the table fails the test: whoever adds a page
/// decides, here and in one place, who may reach it.
/// <para>
/// «Reached» means that the person got the page, a download, a validation message or a redirect to another page they
/// may see; «refused» means 401/403/404, or a redirect that ends at the sign-in or access-denied page. Redirects are
/// followed inside the application, so a page that sends a stranger to a page that then refuses them counts as
/// refused. POSTs carry a valid antiforgery token of the person and an empty form: they test the door, not the rule.
/// A 5xx answer fails whoever asked.
/// </para>
/// </summary>
public sealed class AuthorizationMatrixTests(ITestOutputHelper output)
{
    // Who may reach each endpoint. Columns: An (anonymous), Ev (Camila, evaluada of Felipe), Ev2 (Mateo, evaluado of
    // Ricardo), Je (Felipe, Camila's jefe), Je2 (Ricardo, another jefe), Pl (Planeación: Carlos, also jefe of Laura),
    // Co (Consulta), TH (Talento Humano: Sandra). «All» is every signed-in person; «Any» includes anonymous; «-» nobody.
    // After «404:» come the people who got «not found» (a resource that is not theirs answers 404, like one that does
    // not exist); everybody else is refused (sign-in, 403). Pages that need a state the scenario does not have (the
    // committee, a partial evaluation) answer 404 to everyone here: their own tests cover them. The host signs in with
    // passwords (OpenID Connect off: its callback answers 404) and nobody here holds an API key: the keys' scopes and
    // the directory sync and its jobs (key only) are IntegrationApiTests' and DirectorySyncJobTests'.
    // Resources in routes: {id} of /Evaluations is Camila's evaluation; of /Directory/Servants, Camila; of
    // /Improvement/Plan, Camila's improvement plan (jefe Felipe); the others are the first of their kind.
    private const string Expected = """
        GET /                                                      All
        GET /Account/AccessDenied                                  -
        GET /Account/ChangePassword                                All
        GET /Account/External                                      Any
        GET /Account/External?Callback                             - 404: Any
        GET /Account/External?Failure                              - 404: Any
        GET /Account/ForgotPassword                                Any
        GET /Account/Lockout                                       Any
        GET /Account/Login                                         Any
        GET /Account/Logout                                        All
        GET /Account/ResetPassword                                 Any
        GET /Account/SetPassword                                   Any
        GET /Accounts                                              TH
        GET /Accounts/Details/{id}                                 TH
        GET /ApiKeys                                               TH
        GET /Audit                                                 TH
        GET /Competencies                                          TH
        GET /Competencies/Add/{group}                              TH
        GET /Competencies/Edit/{code}                              TH
        GET /Control                                               Co TH
        GET /Control/Reminders                                     Co TH
        GET /Dashboard                                             Co TH
        GET /Directory/Dependencies                                TH
        GET /Directory/Dependencies/Create                         TH
        GET /Directory/Dependencies/Edit/{id:int}                  TH
        GET /Directory/Import                                      TH
        GET /Directory/Import?Progress                             - 404: TH
        GET /Directory/Import?Status                               - 404: TH
        GET /Directory/Import?Template                             TH
        GET /Directory/Import?TemplateCsv                          TH
        GET /Directory/Invitations                                 TH
        GET /Directory/Servants                                    TH
        GET /Directory/Servants/Create                             TH
        GET /Directory/Servants/Details/{id:int}                   TH
        GET /Directory/Servants/Edit/{id:int}                      TH
        GET /Directory/Servants/Reinstate/{id:int}                 TH
        GET /Directory/Servants/Retire/{id:int}                    TH
        GET /Directory/ServantSearch                               TH
        GET /Error                                                 - 404: Any
        GET /Evaluations/Acceptance/{id:int}                       Ev 404: Ev2 Je Je2 Pl Co TH
        GET /Evaluations/Admin/{id:int}                            TH
        GET /Evaluations/Approval/{id:int}                         Je 404: Ev Ev2 Je2 Pl Co TH
        GET /Evaluations/Approval/{id:int}?Modify                  Je 404: Ev Ev2 Je2 Pl Co TH
        GET /Evaluations/Committee/{id:int}                        - 404: All
        GET /Evaluations/Competencies/{id:int}                     Je 404: Ev Ev2 Je2 Pl Co TH
        GET /Evaluations/Details/{id:int}                          Ev Je TH 404: Ev2 Je2 Pl Co
        GET /Evaluations/Evidence/{itemId:int}                     Ev Je TH 404: Ev2 Je2 Pl Co
        GET /Evaluations/FinalAcceptance/{id:int}                  Ev 404: Ev2 Je Je2 Pl Co TH
        GET /Evaluations/FollowUpAcceptance/{id:int}               Ev 404: Ev2 Je Je2 Pl Co TH
        GET /Evaluations/FollowUpApproval/{id:int}                 Je 404: Ev Ev2 Je2 Pl Co TH
        GET /Evaluations/FollowUpApproval/{id:int}?Modify          Je 404: Ev Ev2 Je2 Pl Co TH
        GET /Evaluations/Goals/{id:int}                            Ev 404: Ev2 Je Je2 Pl Co TH
        GET /Evaluations/Mine                                      All
        GET /Evaluations/Partial/{id:int}                          - 404: Ev2 Je2 Pl Co TH
        GET /Evaluations/PlanChoices/{periodId:int}                All
        GET /Evaluations/Result/{id:int}                           Ev Je TH 404: Ev2 Je2 Pl Co
        GET /Evaluations/SelfEvaluation/{id:int}                   Ev 404: Ev2 Je Je2 Pl Co TH
        GET /Evaluations/ToApprove                                 All
        GET /Help                                                  Any
        GET /Improvement                                           All
        GET /Improvement/Candidates                                TH
        GET /Improvement/EdlImport                                 TH
        GET /Improvement/EdlImport?Template                        TH
        GET /Improvement/EdlImport?TemplateCsv                     TH
        GET /Improvement/Plan/{id:long}                            Ev Je TH 404: Ev2 Je2 Pl Co
        GET /Notifications                                         All
        GET /Notifications/Outbox                                  TH
        GET /Pending                                               All
        GET /Periods                                               TH
        GET /Periods/Create                                        TH
        GET /Periods/Details/{id:int}                              TH
        GET /Periods/Settings/{id:int}                             TH
        GET /Periods/Windows/{id:int}                              TH
        GET /Plans                                                 Pl Co TH
        GET /Plans/Coverage                                        Pl Co TH
        GET /Plans/Details/{id:int}                                Pl Co TH
        GET /Plans/Edit/{id:int?}                                  Pl TH
        GET /Plans/Import                                          Pl TH
        GET /Plans/Import?Template                                 Pl TH
        GET /Plans/Import?TemplateCsv                              Pl TH
        GET /Plans/Item/{id:int?}                                  Pl TH
        GET /Reports/Annual                                        Co TH
        GET /Reports/Control                                       Co TH
        GET /Reports/Issued                                        Co TH
        GET /Reports/Issued/Details/{id:int}                       Co TH
        GET /Reports/Issued/Details/{id:int}?Pdf                   Co TH
        GET /Reports/Issued/Issue                                  TH
        GET /Reports/Records                                       Co TH
        GET /Reports/Stage1                                        Co TH
        GET /Reports/Stage2                                        Co TH
        GET /Sessions                                              Pl Co TH
        GET /Sessions/Attendance/{id:int}                          Pl TH
        GET /Sessions/Attendance/{id:int}?Template                 Pl TH
        GET /Sessions/Attendance/{id:int}?TemplateCsv              Pl TH
        GET /Sessions/Details/{id:int}                             Pl Co TH
        GET /Sessions/Edit                                         Pl TH
        GET /Sessions/Report                                       Pl Co TH
        GET /Sessions/Report?Xlsx                                  Co TH
        GET /WorkPlan                                              Pl Co TH
        GET /WorkPlan/Edit                                         TH
        GET /WorkPlan?Xlsx                                         Pl Co TH
        GET /api/v1/directory/dependencies                         Co TH
        GET /api/v1/directory/servants                             Co TH
        GET /api/v1/directory/servants/{document}                  Co TH
        GET /api/v1/directory/sync/jobs/{id:long}                  -
        GET /api/v1/periods/                                       Co TH
        GET /api/v1/periods/{periodId:int}/evaluations             Co TH
        GET /api/v1/periods/{periodId:int}/results                 Co TH
        GET /api/v1/periods/{periodId:int}/results.csv             Co TH
        GET /docs/api/favicon.svg                                  Any
        GET /docs/api/scalar.aspnetcore.js                         Any
        GET /docs/api/scalar.js                                    Any
        GET /docs/api/{documentName?}                              TH
        GET /health                                                Any
        GET /openapi/{documentName}.json                           Co TH
        GET /{**path:file}                                         - 404: All
        HEAD /{**path:file}                                        - 404: All
        POST /Account/ChangePassword                               All
        POST /Account/External                                     - 404: Any
        POST /Account/ForgotPassword                               Any
        POST /Account/Login                                        Any
        POST /Account/Logout                                       All
        POST /Account/ResetPassword                                Any
        POST /Account/SetPassword                                  Any
        POST /Accounts/Details/{id}?Grant                          TH
        POST /Accounts/Details/{id}?Invite                         TH
        POST /Accounts/Details/{id}?Lock                           TH
        POST /Accounts/Details/{id}?Revoke                         TH
        POST /Accounts/Details/{id}?Unlink                         TH
        POST /Accounts/Details/{id}?Unlock                         TH
        POST /ApiKeys?Create                                       TH
        POST /ApiKeys?Revoke                                       - 404: TH
        POST /Audit?Export                                         TH
        POST /Competencies/Add/{group}                             TH
        POST /Competencies/Edit/{code}                             TH
        POST /Competencies?Activate                                TH
        POST /Competencies?Deactivate                              TH
        POST /Control/Reminders?Xlsx                               Co TH
        POST /Control?Send                                         TH
        POST /Dashboard?Xlsx                                       Co TH
        POST /Directory/Dependencies/Create                        TH
        POST /Directory/Dependencies/Edit/{id:int}                 TH
        POST /Directory/Import                                     TH
        POST /Directory/Import?Cancel                              TH
        POST /Directory/Import?Confirm                             TH
        POST /Directory/Invitations?Resend                         TH
        POST /Directory/Servants/Create                            TH
        POST /Directory/Servants/Edit/{id:int}                     TH
        POST /Directory/Servants/Reinstate/{id:int}                TH
        POST /Directory/Servants/Retire/{id:int}                   TH
        POST /Evaluations/Acceptance/{id:int}?Accept               Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Evaluations/Acceptance/{id:int}?NotAccept            Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Evaluations/Admin/{id:int}?Committee                 TH
        POST /Evaluations/Admin/{id:int}?Escalate                  TH
        POST /Evaluations/Admin/{id:int}?Reassign                  TH
        POST /Evaluations/Admin/{id:int}?Reopen                    TH
        POST /Evaluations/Admin/{id:int}?ReopenRetired             TH
        POST /Evaluations/Admin/{id:int}?Waive                     TH
        POST /Evaluations/Approval/{id:int}?Add                    Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/Approval/{id:int}?Approve                Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/Approval/{id:int}?Edit                   Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/Approval/{id:int}?Modify                 Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/Approval/{id:int}?Reject                 Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/Approval/{id:int}?Remove                 Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/Approval/{id:int}?Review                 Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/Committee/{id:int}                       - 404: All
        POST /Evaluations/Committee/{id:int}?Add                   - 404: All
        POST /Evaluations/Committee/{id:int}?Remove                - 404: All
        POST /Evaluations/Competencies/{id:int}                    Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/FinalAcceptance/{id:int}?Accept          Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Evaluations/FinalAcceptance/{id:int}?NotAccept       Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Evaluations/FollowUpAcceptance/{id:int}?Accept       Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Evaluations/FollowUpAcceptance/{id:int}?NotAccept    Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Evaluations/FollowUpApproval/{id:int}?Approve        Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/FollowUpApproval/{id:int}?Edit           Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/FollowUpApproval/{id:int}?Modify         Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/FollowUpApproval/{id:int}?Reject         Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/FollowUpApproval/{id:int}?Review         Je 404: Ev Ev2 Je2 Pl Co TH
        POST /Evaluations/Goals/{id:int}?Save                      Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Evaluations/Goals/{id:int}?Submit                    Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Evaluations/Partial/{id:int}                         - 404: Ev2 Je2 Pl Co TH
        POST /Evaluations/SelfEvaluation/{id:int}?Save             Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Evaluations/SelfEvaluation/{id:int}?Submit           Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Evaluations/SelfEvaluation/{id:int}?Upload           Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Improvement/Candidates?Exclude                       TH
        POST /Improvement/Candidates?Include                       TH
        POST /Improvement/Candidates?Send                          TH
        POST /Improvement/EdlImport                                TH
        POST /Improvement/EdlImport?Cancel                         TH
        POST /Improvement/EdlImport?Confirm                        TH
        POST /Improvement/Plan/{id:long}?Close                     Ev Je TH 404: Ev2 Je2 Pl Co
        POST /Improvement/Plan/{id:long}?Confirm                   Ev Je 404: Ev2 Je2 Pl Co
        POST /Improvement/Plan/{id:long}?FollowUp                  Ev Je TH 404: Ev2 Je2 Pl Co
        POST /Improvement/Plan/{id:long}?Reopen                    TH 404: Ev2 Je2 Pl Co
        POST /Improvement/Plan/{id:long}?Save                      Ev Je TH 404: Ev2 Je2 Pl Co
        POST /Improvement?Remind                                   TH
        POST /Notifications/Outbox?Resend                          TH
        POST /Notifications?Open                                   Ev 404: Ev2 Je Je2 Pl Co TH
        POST /Notifications?ReadAll                                All
        POST /Periods/Create                                       TH
        POST /Periods/Create?Preview                               TH
        POST /Periods/Details/{id:int}?Close                       TH
        POST /Periods/Details/{id:int}?Open                        TH
        POST /Periods/Details/{id:int}?Reopen                      TH
        POST /Periods/Settings/{id:int}                            TH
        POST /Periods/Settings/{id:int}?Reset                      TH
        POST /Periods/Windows/{id:int}                             TH
        POST /Periods/Windows/{id:int}?Reset                       TH
        POST /Plans/Coverage?Xlsx                                  Co TH
        POST /Plans/Details/{id:int}?Delete                        - 404: Pl TH
        POST /Plans/Details/{id:int}?DeleteItem                    Pl TH
        POST /Plans/Edit/{id:int?}                                 Pl TH
        POST /Plans/Import                                         Pl TH
        POST /Plans/Import?Cancel                                  Pl TH
        POST /Plans/Import?Confirm                                 Pl TH
        POST /Plans/Item/{id:int?}                                 Pl TH
        POST /Reports/Annual?Xlsx                                  Co TH
        POST /Reports/Control?Xlsx                                 Co TH
        POST /Reports/Issued/Issue                                 TH
        POST /Reports/Records?Competencies                         Co TH
        POST /Reports/Records?Goals                                Co TH
        POST /Reports/Records?SelfEvaluations                      Co TH
        POST /Reports/Stage1?Xlsx                                  Co TH
        POST /Reports/Stage2?Xlsx                                  Co TH
        POST /Sessions/Attendance/{id:int}                         Pl TH
        POST /Sessions/Attendance/{id:int}?Cancel                  Pl TH
        POST /Sessions/Attendance/{id:int}?Confirm                 Pl TH
        POST /Sessions/Details/{id:int}?Attendance                 Pl TH
        POST /Sessions/Details/{id:int}?Cancel                     - 404: Pl Co TH
        POST /Sessions/Details/{id:int}?Send                       Pl TH
        POST /Sessions/Edit                                        Pl TH
        POST /WorkPlan/Edit                                        TH
        POST /WorkPlan?Create                                      - 404: TH
        POST /WorkPlan?Delete                                      - 404: TH
        POST /api/v1/directory/sync                                -
        """;

    private enum Role { An, Ev, Ev2, Je, Je2, Pl, Co, TH }

    private static readonly Role[] SignedIn = [Role.Ev, Role.Ev2, Role.Je, Role.Je2, Role.Pl, Role.Co, Role.TH];

    private static string EmailOf(Role role) => role switch
    {
        Role.Ev => Accounts.Evaluado,
        Role.Ev2 => DemoData.EmailOf(31),
        Role.Je => Accounts.Jefe,
        Role.Je2 => DemoData.EmailOf(29),
        Role.Pl => Accounts.Planeacion,
        Role.Co => Accounts.Consulta,
        Role.TH => Accounts.TalentoHumano,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };


    private sealed record Door(string Method, string Route, string? Handler)
    {
        public string Key => Handler is null ? $"{Method} {Route}" : $"{Method} {Route}?{Handler}";
    }

    private enum Answer { Reached, Refused, NotFound }

    /// <summary>Who reached the door, and who got 404 (everybody else was refused: 401/403/sign-in/access denied).</summary>
    private sealed record Row(HashSet<Role> Reached, HashSet<Role> NotFound)
    {
        public bool SameAs(Row other) => Reached.SetEquals(other.Reached) && NotFound.SetEquals(other.NotFound);

        public override string ToString() => NotFound.Count == 0 ? Show(Reached) : $"{Show(Reached)} 404: {Show(NotFound)}";
    }

    [Fact]
    public async Task Every_endpoint_answers_each_person_as_the_matrix_says()
    {
        using var app = new EgiAppFactory(Db.Sqlite);
        app.Settings["Egi:DemoScenario"] = "true";
        using var warmUp = app.NewClient();
        (await warmUp.GetAsync("/health")).EnsureSuccessStatusCode();

        var values = await RouteValuesAsync(app);
        var doors = await DoorsAsync(app);
        var expected = Parse(Expected);

        var actual = new SortedDictionary<string, Row>(StringComparer.Ordinal);
        var traces = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var failures = new List<string>();
        var people = new Dictionary<Role, (HttpClient Client, string Token)>();
        foreach (var role in Enum.GetValues<Role>()) people[role] = await PersonAsync(app, role);
        try
        {
            foreach (var door in doors)
            {
                var url = Fill(door, values) + (values.TryGetValue($"{door.Route}?", out var query) ? query : "");
                var fields = values.Where(v => v.Key.StartsWith(door.Key + "#", StringComparison.Ordinal))
                    .ToDictionary(v => v.Key[(door.Key.Length + 1)..], v => v.Value);
                var row = new Row([], []);
                foreach (var role in Enum.GetValues<Role>())
                {
                    // Signing out ends the session: that door gets a person of its own.
                    var person = door.Key == "POST /Account/Logout" ? await PersonAsync(app, role) : people[role];
                    var (answer, trace) = await KnockAsync(person.Client, person.Token, door, url, fields);
                    if (Regex.IsMatch(trace, @"(^| )5\d\d\b")) failures.Add($"{door.Key} as {role}: server error ({trace})");
                    if (answer == Answer.Reached) row.Reached.Add(role);
                    if (answer == Answer.NotFound) row.NotFound.Add(role);
                    traces[$"{door.Key} {role}"] = $" {url}:{trace}";
                    if (door.Key == "POST /Account/Logout") person.Client.Dispose();
                }
                actual[door.Key] = row;
            }
        }
        finally
        {
            foreach (var person in people.Values) person.Client.Dispose();
        }

        foreach (var (key, row) in actual)
        {
            if (!expected.TryGetValue(key, out var allowed))
                failures.Add($"{key}: not in the matrix (today: {row})");
            else if (!allowed.SameAs(row))
                failures.Add($"{key}: the matrix says {allowed}, the application answers {row}");
        }
        foreach (var key in expected.Keys.Where(k => !actual.ContainsKey(k)))
            failures.Add($"{key}: in the matrix but the application has no such endpoint");

        if (failures.Count > 0)
        {
            var table = new StringBuilder();
            foreach (var (key, row) in actual) table.AppendLine($"        {key,-58} {row}");
            output.WriteLine("The matrix as the application answers today:\n" + table);
            output.WriteLine("Each answer (status codes and redirects):\n" + string.Join('\n', traces.Select(t => $"{t.Key}:{t.Value}")));
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static string Show(IEnumerable<Role> roles)
    {
        var set = roles.ToHashSet();
        if (set.Count == Enum.GetValues<Role>().Length) return "Any";
        if (SignedIn.All(set.Contains) && !set.Contains(Role.An)) return "All";
        return set.Count == 0 ? "-" : string.Join(' ', set.Order());
    }

    private static Dictionary<string, Row> Parse(string table)
    {
        static HashSet<Role> Roles(IReadOnlyList<string> who) => who switch
        {
            ["Any"] => Enum.GetValues<Role>().ToHashSet(),
            ["All"] => SignedIn.ToHashSet(),
            ["-"] => [],
            _ => who.Select(Enum.Parse<Role>).ToHashSet(),
        };
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var raw in table.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var key = $"{parts[0]} {parts[1]}";
            var who = parts.Skip(2).ToList();
            var split = who.IndexOf("404:");
            var row = split < 0 ? new Row(Roles(who), []) : new Row(Roles(who[..split]), Roles(who[(split + 1)..]));
            Assert.True(rows.TryAdd(key, row), $"{key} is twice in the matrix");
        }
        return rows;
    }

    /// <summary>A client of the person (signed in unless anonymous) and an antiforgery token of theirs.</summary>
    private static async Task<(HttpClient Client, string Token)> PersonAsync(EgiAppFactory app, Role role)
    {
        var client = role == Role.An ? app.NewClient() : await app.SignedInAsync(EmailOf(role));
        var page = await client.GetAsync(role == Role.An ? "/Account/Login" : "/Account/ChangePassword");
        return (client, HttpClientFormExtensions.AntiforgeryToken(await page.Content.ReadAsStringAsync()));
    }

    /// <summary>Requests the door as the person and follows redirects inside the application.</summary>
    private static async Task<(Answer Answer, string Trace)> KnockAsync(HttpClient client, string token, Door door, string url, Dictionary<string, string> fields)
    {
        var trace = new StringBuilder();
        var target = door.Handler is null ? url : $"{url}{(url.Contains('?') ? '&' : '?')}handler={door.Handler}";
        using var request = new HttpRequestMessage(new HttpMethod(door.Method), target);
        if (door.Method != "GET" && door.Method != "HEAD")
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });
        var response = await client.SendAsync(request);
        for (var hops = 0; ; hops++)
        {
            var status = (int)response.StatusCode;
            trace.Append($" {status}");
            if (status is >= 300 and < 400 && response.Headers.Location is { } location && hops < 5)
            {
                response.Dispose();
                // A link evidence sends the person out of EGI: they reached it.
                if (location.IsAbsoluteUri && location.Host != "localhost") return (Answer.Reached, trace.Append($" → {location}").ToString());
                var next = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
                trace.Append($" → {next}");
                var path = next.Split('?')[0];
                // The sign-in page after a challenge (it carries ReturnUrl) or the access-denied page: refused. The
                // sign-in page after signing out is where that door leads.
                if (path.Equals("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase)
                    || (path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase) && next.Contains("ReturnUrl=", StringComparison.OrdinalIgnoreCase)))
                    return (Answer.Refused, trace.ToString());
                response = await client.GetAsync(next);
                continue;
            }
            response.Dispose();
            return (status switch
            {
                >= 200 and < 300 or 400 or 409 or 422 => Answer.Reached,
                404 => Answer.NotFound,
                _ => Answer.Refused,
            }, trace.ToString());
        }
    }

    private static string Fill(Door door, IReadOnlyDictionary<string, string> values) =>
        Regex.Replace(door.Route, @"\{(\w+)(:[^}]*)?\??\}", m =>
        {
            var name = m.Groups[1].Value;
            var route = door.Route;
            return values.TryGetValue($"{door.Key}@{name}", out var forDoor) ? forDoor
                : values.TryGetValue($"{route}#{name}", out var specific) ? specific
                : values.TryGetValue(name, out var value) ? value
                : throw new InvalidOperationException($"No value for {{{name}}} in {route}: add it to RouteValuesAsync");
        }).Replace("//", "/", StringComparison.Ordinal);

    /// <summary>Every page with each handler, and every API route, from the application's endpoint data source.</summary>
    private static async Task<List<Door>> DoorsAsync(EgiAppFactory app)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var doors = new HashSet<Door>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // A page answers at /X/Index and /X: one door, the route its links use.
                var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
                if (route.EndsWith("/Index", StringComparison.Ordinal)) route = route[..^"/Index".Length];
                if (route.Length == 0 || route == "/Index") route = "/";
                if (route.EndsWith("/Index/{id}", StringComparison.Ordinal)) continue;
                var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
                doors.Add(new Door("GET", route, null));
                foreach (var handler in compiled.HandlerMethods.Where(h => h.Name is not null || !string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)))
                    doors.Add(new Door(handler.HttpMethod.ToUpperInvariant(), route, handler.Name));
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (methods is null || pattern.Length == 0 || IsStaticAsset(endpoint)) continue;
            foreach (var method in methods) doors.Add(new Door(method, "/" + pattern.TrimStart('/'), null));
        }
        return doors.OrderBy(d => d.Route, StringComparer.Ordinal).ThenBy(d => d.Method, StringComparer.Ordinal).ThenBy(d => d.Handler, StringComparer.Ordinal).ToList();
    }

    private static bool IsStaticAsset(Endpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName?.Contains("StaticAsset", StringComparison.Ordinal) == true);

    /// <summary>The resources the matrix's routes point at (see the table's header).</summary>
    private static Task<Dictionary<string, string>> RouteValuesAsync(EgiAppFactory app) => app.WithDbAsync(async db =>
    {
        // The application's clock, not the machine's: what is due or recent must not depend on the day the suite runs.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        static string S(object v) => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!;
        var camila = await db.Servants.SingleAsync(s => s.DocumentNumber == "1022345987");
        var period = await db.Periods.OrderByDescending(p => p.Year).FirstAsync();
        var evaluation = await db.Evaluations.SingleAsync(e => e.PeriodId == period.Id && e.EvaluadoId == camila.Id);
        var plan = await db.Set<ImprovementPlan>().FirstOrDefaultAsync(p => p.ServantId == camila.Id);
        if (plan is null)
        {
            plan = ImprovementPlan.Create(period, camila.Id, evaluation.Id, camila.BossId, ["Prueba de la matriz de autorización"], now).Plan!;
            db.Add(plan);
            await db.SaveChangesAsync();
        }
        var evidence = await db.EvidenceItems.Where(i => i.EvaluationId == evaluation.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync();
        if (evidence is null)
        {
            var content = "%PDF-1.4 prueba"u8.ToArray();
            // Test data only: the evidence is put in place whatever the evaluation's state (the aggregate is EvidenceTests').
            var item = EvidenceItem.File(1, "acta.pdf", Guid.NewGuid().ToString("N"), "application/pdf", content.Length, null, camila.FullName, now);
            db.EvidenceItems.Add(item);
            db.Entry(item).Property(x => x.EvaluationId).CurrentValue = evaluation.Id;
            db.Entry(item).Property(x => x.FollowUp).CurrentValue = 1;
            await app.Services.GetRequiredService<Egi.Web.Infrastructure.IFileStore>().SaveAsync(evaluation.Id, item.StoredName!, new MemoryStream(content));
            await db.SaveChangesAsync();
            evidence = item.Id;
        }
        var institutionalPlan = await db.Set<Egi.Domain.Planning.InstitutionalPlan>().AsNoTracking().Include(p => p.Items).OrderBy(p => p.Id).FirstAsync(p => p.Items.Count > 0);
        var issued = await db.Set<Egi.Domain.Process.IssuedReport>().OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync();
        if (issued is null)
        {
            var snapshot = new Egi.Domain.Process.ConsolidationSnapshot(0, []);
            var report = Egi.Domain.Process.IssuedReport.Issue(Egi.Domain.Process.IssuedReportKind.ProgressI, period.Id, period.Name, snapshot,
                "Prueba de la matriz", "Prueba de la matriz", "Talento Humano", now).Report!;
            db.Add(report);
            await db.SaveChangesAsync();
            issued = report.Id;
        }
        var workPlan = await db.Set<Egi.Domain.Process.AnnualWorkPlan>().OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var camilaUser = await db.Users.Where(u => u.NormalizedEmail == Accounts.Evaluado.ToUpperInvariant()).Select(u => u.Id).FirstOrDefaultAsync()
            ?? throw new InvalidOperationException("Camila has no account");
        var notification = await db.InboxNotifications.Where(n => n.UserId == camilaUser).Select(n => (long?)n.Id).FirstOrDefaultAsync();
        if (notification is null)
        {
            var inbox = new Egi.Web.Notifications.InboxNotification { UserId = camilaUser, CreatedAt = now, Title = "Prueba de la matriz" };
            db.InboxNotifications.Add(inbox);
            await db.SaveChangesAsync();
            notification = inbox.Id;
        }
        var message = await db.OutboxMessages.OrderBy(m => m.Id).Select(m => (long?)m.Id).FirstOrDefaultAsync();
        if (message is null)
        {
            var failed = new Egi.Web.Notifications.OutboxMessage
            {
                CreatedAt = now,
                ToAddress = Accounts.Evaluado,
                ToName = camila.FullName,
                Subject = "Prueba de la matriz",
                TextBody = "Prueba",
                HtmlBody = "<p>Prueba</p>",
                Kind = "Prueba",
                State = Egi.Web.Notifications.OutboxState.Failed,
                NextAttemptAt = now,
            };
            db.OutboxMessages.Add(failed);
            await db.SaveChangesAsync();
            message = failed.Id;
        }
        return new Dictionary<string, string>
        {
            // Query strings a page needs (route + "?"), and form fields of a POST (door + "#" + field). Handlers that
            // delete get no id: they show the door to a person without destroying what the next rows use.
            // Doors that delete point at a record that does not exist (door + "@" + route value): allowed people get
            // 404, the others are refused before the lookup.
            ["POST /Plans/Details/{id:int}?Delete@id"] = "999999",
            ["POST /Sessions/Details/{id:int}?Cancel@id"] = "999999",
            ["/Plans/Import?"] = $"?plan={S(institutionalPlan.Id)}",
            ["/Plans/Item/{id:int?}?"] = $"?plan={S(institutionalPlan.Id)}",
            ["/WorkPlan/Edit?"] = $"?planId={S(workPlan)}",
            ["/Reports/Issued/Issue?"] = "?tipo=avance-1",
            ["/Reports/Issued/Details/{id:int}#id"] = S(issued),
            ["POST /Directory/Invitations?Resend#userId"] = camilaUser,
            ["POST /Notifications?Open#id"] = S(notification),
            ["POST /Notifications/Outbox?Resend#id"] = S(message),
            ["/Evaluations/Evidence/{itemId:int}#itemId"] = S(evidence),
            ["/Directory/Dependencies/Edit/{id:int}#id"] = S(await db.Dependencies.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync()),
            ["/Improvement/Plan/{id:long}#id"] = S(plan.Id),
            ["/Plans/Details/{id:int}#id"] = S(institutionalPlan.Id),
            ["/Plans/Edit/{id:int?}#id"] = S(institutionalPlan.Id),
            ["/Plans/Item/{id:int?}#id"] = S(institutionalPlan.Items[0].Id),
            ["/Sessions/Details/{id:int}#id"] = S(await db.Set<Egi.Domain.Process.Session>().OrderBy(s => s.Id).Select(s => s.Id).FirstAsync()),
            ["/Sessions/Attendance/{id:int}#id"] = S(await db.Set<Egi.Domain.Process.Session>().OrderBy(s => s.Id).Select(s => s.Id).FirstAsync()),
            ["/Periods/Details/{id:int}#id"] = S(period.Id),
            ["/Periods/Settings/{id:int}#id"] = S(period.Id),
            ["/Periods/Windows/{id:int}#id"] = S(period.Id),
            ["/Directory/Servants/Details/{id:int}#id"] = S(camila.Id),
            ["/Directory/Servants/Edit/{id:int}#id"] = S(camila.Id),
            ["/Directory/Servants/Retire/{id:int}#id"] = S(camila.Id),
            ["/Directory/Servants/Reinstate/{id:int}#id"] = S(camila.Id),
            ["documentName"] = "v1",
            ["periodId"] = S(period.Id),
            ["/Accounts/Details/{id}#id"] = camilaUser,
            ["group"] = "Comunes",
            ["code"] = await db.CompetencyEntries.OrderBy(c => c.Code).Select(c => c.Code).FirstAsync(),
            ["document"] = camila.DocumentNumber,
            ["id"] = S(evaluation.Id),
        };
    });
}
