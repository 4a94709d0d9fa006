using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Planning;
using Egi.Domain.Process;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Egi.Web.Tests.Periods;

/// <summary>
/// SPEC §3: a closed period is read-only — not only its evaluations and improvement plans, also the records of the
/// process kept in it: the divulgation and socialization sessions with their attendance (activities 1–2), the
/// institutional plans and their items (activity 1) and the annual work plan (activity 3). While the demo's Vigencia
/// 2026 is open (with its plans) Talento Humano creates the work plan, schedules a session that was held and leaves an
/// attendance list and a plan's item file in preview; then the period is closed. Every change (on screen, by
/// upload, or confirming the preview kept from before) is answered with the Spanish refusal and nothing changes; the
/// pages say why and offer no button that would change anything. A closed Vigencia 2025 takes no new session, plan or
/// work plan.
/// </summary>
public abstract partial class ClosedPeriodRecordsTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    private const string ReadOnly2026 = "La «Vigencia 2026» está cerrada: es de solo lectura y no admite cambios. Talento Humano puede reabrirla con un motivo.";
    private const string ReadOnly2025 = "La «Vigencia 2025» está cerrada: es de solo lectura y no admite cambios. Talento Humano puede reabrirla con un motivo.";

    // Any page of the signed-in person carries the antiforgery token the posts need.
    private const string TokenPage = "/Account/ChangePassword";

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<int> PeriodIdAsync(int year) => app.WithDbAsync(d => d.Periods.Where(p => p.Year == year).Select(p => p.Id).SingleAsync());

    private async Task<Dictionary<string, string>> SessionFormAsync(string topic) => new()
    {
        ["Input.Kind"] = ((int)SessionKind.Socialization).ToString(),
        ["Input.Topic"] = topic,
        ["Input.Date"] = "2026-11-20",
        ["Input.StartTime"] = "09:00",
        ["Input.EndTime"] = "11:00",
        ["Input.Place"] = "Auditorio, piso 9",
        ["Input.Audience"] = ((int)SessionAudience.Dependency).ToString(),
        ["Input.DependencyId"] = (await app.WithDbAsync(d => d.Dependencies.Where(x => x.Code == "310").Select(x => x.Id).SingleAsync())).ToString(),
    };

    private static int CreatedId(HttpResponseMessage response, string prefix)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(prefix, location);
        return int.Parse(location[prefix.Length..]);
    }

    private static byte[] Sheet(string header, string value)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(new[] { new Dictionary<string, object> { [header] = value } });
        return ms.ToArray();
    }

    private static byte[] ItemSheet(string code, string name)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(new[] { new Dictionary<string, object> { ["Código"] = code, ["Nombre"] = name } });
        return ms.ToArray();
    }

    /// <summary>A valid activity (it would be saved in an open period).</summary>
    private static Dictionary<string, string> ActivityForm(string name) => new()
    {
        ["Input.Name"] = name,
        ["Input.Responsible"] = "Talento Humano",
        ["Input.Start"] = "2026-03-02",
        ["Input.End"] = "2026-03-31",
        ["Input.Status"] = ((int)WorkPlanStatus.Pending).ToString(),
        ["Input.PercentDone"] = "0",
    };

    private static Dictionary<string, string> ConfirmFields(string preview) => new()
    {
        ["Token"] = TokenField().Match(preview).Groups[1].Value,
        ["Fingerprint"] = FingerprintField().Match(preview).Groups[1].Value,
    };

    [GeneratedRegex("name=\"Token\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"Fingerprint\" value=\"([0-9A-F]{32})\"")]
    private static partial Regex FingerprintField();

    private static async Task RefusedAsync(HttpResponseMessage response, string message = ReadOnly2026)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await Ap.ReadAsync(response), StringComparison.Ordinal);
    }

    /// <summary>Everything the pages could change, as one text: sessions and their register, plans and items, work plans.</summary>
    private Task<string> RecordsAsync() => app.WithDbAsync(async d =>
    {
        var sessions = await d.Set<Session>().AsNoTracking().Include(s => s.Invitees).OrderBy(s => s.Id).ToListAsync();
        var plans = await d.Set<InstitutionalPlan>().AsNoTracking().Include(p => p.Items).OrderBy(p => p.Id).ToListAsync();
        var workPlans = await d.Set<AnnualWorkPlan>().AsNoTracking().Include(p => p.Activities).OrderBy(p => p.Id).ToListAsync();
        // An upload refused for the closed period is not even read (no «Cargar archivo» line, no preview kept).
        var uploads = await d.AuditEntries.CountAsync(a => a.Action == "Cargar archivo");
        return $"U {uploads}\n" + string.Join('\n',
            sessions.Select(s => $"S {s.Id} {s.PeriodId} {s.Topic} {s.Date} {s.Sequence} {s.SentSequence} "
                + string.Join(',', s.Invitees.OrderBy(i => i.Id).Select(i => $"{i.ServantId}:{i.Attended}:{i.InvitedSequence}")))
            .Concat(plans.Select(p => $"P {p.Id} {p.PeriodId} {p.Name} {p.Description} "
                + string.Join(',', p.Items.OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.Code}:{i.Name}"))))
            .Concat(workPlans.Select(w => $"W {w.Id} {w.PeriodId} "
                + string.Join(',', w.Activities.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.Name}:{a.Status}:{a.PercentDone}:{a.Observations}")))));
    });

    [Fact]
    public async Task Sessions_plans_and_the_work_plan_of_a_closed_period_refuse_every_change_and_say_why()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var periodId = await PeriodIdAsync(2026);

        // While the period is open: the work plan, a session held on 20/11 and two previews kept; the demo's national plan.
        var session = CreatedId(await hr.PostFormAsync($"/Sessions/Edit?periodId={periodId}", await SessionFormAsync("Uso de EGI"), getUrl: TokenPage),
            "/Sessions/Details/");
        var (plan, item) = await app.WithDbAsync(async d =>
        {
            var pnd = await d.Set<InstitutionalPlan>().Include(p => p.Items).SingleAsync(p => p.PeriodId == periodId && p.Kind == PlanKind.NationalDevelopment);
            return (pnd.Id, pnd.Items.OrderBy(i => i.Id).First().Id);
        });
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"/WorkPlan?handler=Create&periodId={periodId}", new(), getUrl: TokenPage)).StatusCode);
        var (workPlan, activity) = await app.WithDbAsync(async d =>
        {
            var plan = await d.Set<AnnualWorkPlan>().Include(p => p.Activities).SingleAsync(p => p.PeriodId == periodId);
            return (plan.Id, plan.Activities.OrderBy(a => a.Id).First().Id);
        });
        var invitee = await app.WithDbAsync(d => d.Set<SessionInvitee>().Where(i => i.SessionId == session).Select(i => i.Id).FirstAsync());
        var attendance = $"/Sessions/Attendance/{session}";
        var attendancePreview = await Ap.ReadAsync(await hr.PostFileAsync(attendance, TokenPage, "Upload", "asistencia.xlsx",
            Sheet(AttendanceImport.DocumentHeader, "53123456")));
        Assert.Contains("Vista previa de «asistencia.xlsx»", attendancePreview);
        var import = $"/Plans/Import?plan={plan}";
        var itemsPreview = await Ap.ReadAsync(await hr.PostFileAsync(import, TokenPage, "Upload", "items.xlsx", ItemSheet("99", "Convergencia regional")));
        Assert.Contains("Vista previa", itemsPreview);
        var before = await RecordsAsync();

        await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.SingleAsync(p => p.Id == periodId);
            Assert.True(period.Open().Succeeded); // the test host's Vigencia 2026 is in preparation
            Assert.True(period.Close().Succeeded);
            await d.SaveChangesAsync();
        });

        // Sessions: change, schedule another, send the invitations, cancel, mark attendance, upload a list, confirm the preview.
        var details = $"/Sessions/Details/{session}";
        await RefusedAsync(await hr.PostFormAsync($"/Sessions/Edit?id={session}", await SessionFormAsync("Otro tema"), getUrl: TokenPage));
        await RefusedAsync(await hr.PostFormAsync($"/Sessions/Edit?periodId={periodId}", await SessionFormAsync("Sesión nueva"), getUrl: TokenPage));
        await RefusedAsync(await hr.PostFormAsync($"{details}?handler=Send", new(), getUrl: TokenPage));
        await RefusedAsync(await hr.PostFormAsync($"{details}?handler=Cancel", new(), getUrl: TokenPage));
        await RefusedAsync(await hr.PostFormAsync($"{details}?handler=Attendance", new() { ["attended"] = invitee.ToString() }, getUrl: TokenPage));
        await RefusedAsync(await hr.PostFileAsync(attendance, TokenPage, "Upload", "asistencia.xlsx", Sheet(AttendanceImport.DocumentHeader, "53123456")));
        await RefusedAsync(await hr.PostFormAsync($"{attendance}?handler=Confirm", ConfirmFields(attendancePreview), getUrl: TokenPage));

        // Plans: change the plan, create another, change or add an item, delete the item or the plan, upload, confirm.
        await RefusedAsync(await hr.PostFormAsync($"/Plans/Edit/{plan}",
            new() { ["Form.Kind"] = ((int)PlanKind.NationalDevelopment).ToString(), ["Form.Name"] = "Otro nombre" }, getUrl: TokenPage));
        await RefusedAsync(await hr.PostFormAsync($"/Plans/Edit?vigencia={periodId}",
            new() { ["Form.Kind"] = ((int)PlanKind.Action).ToString(), ["Form.Name"] = "Plan de acción", ["Form.DependencyId"] = "1" }, getUrl: TokenPage));
        await RefusedAsync(await hr.PostFormAsync($"/Plans/Item/{item}", new() { ["Form.Code"] = "1", ["Form.Name"] = "Otro" }, getUrl: TokenPage));
        await RefusedAsync(await hr.PostFormAsync($"/Plans/Item?plan={plan}", new() { ["Form.Code"] = "98", ["Form.Name"] = "Nuevo" }, getUrl: TokenPage));
        await RefusedAsync(await hr.PostFormAsync($"/Plans/Details/{plan}?handler=DeleteItem&itemId={item}", new(), getUrl: TokenPage));
        await RefusedAsync(await hr.PostFormAsync($"/Plans/Details/{plan}?handler=Delete", new(), getUrl: TokenPage));
        await RefusedAsync(await hr.PostFileAsync(import, TokenPage, "Upload", "items.xlsx", ItemSheet("99", "Convergencia regional")));
        await RefusedAsync(await hr.PostFormAsync($"{import}&handler=Confirm", ConfirmFields(itemsPreview), getUrl: TokenPage));

        // The work plan: change an activity, add one, delete one (the list says why).
        await RefusedAsync(await hr.PostFormAsync($"/WorkPlan/Edit?id={activity}",
            ActivityForm("Otra"), getUrl: TokenPage));
        await RefusedAsync(await hr.PostFormAsync($"/WorkPlan/Edit?planId={workPlan}",
            ActivityForm("Nueva"), getUrl: TokenPage));
        var deleted = await hr.PostFormAsync($"/WorkPlan?handler=Delete&activityId={activity}", new(), getUrl: TokenPage);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains(ReadOnly2026, await Ap.HtmlAsync(hr, deleted.Headers.Location!.OriginalString), StringComparison.Ordinal);

        Assert.Equal(before, await RecordsAsync());

        // A closed Vigencia 2025 takes no new session, plan or work plan either.
        var earlier = await app.WithDbAsync(async d =>
        {
            var period = Egi.Domain.Calendar.Period.CreateWithDefaults(2025);
            Assert.True(period.Open().Succeeded);
            Assert.True(period.Close().Succeeded);
            d.Periods.Add(period);
            await d.SaveChangesAsync();
            return period.Id;
        });
        await RefusedAsync(await hr.PostFormAsync($"/Sessions/Edit?periodId={earlier}", await SessionFormAsync("Sesión 2025"), getUrl: TokenPage), ReadOnly2025);
        await RefusedAsync(await hr.PostFormAsync($"/Plans/Edit?vigencia={earlier}",
            new() { ["Form.Kind"] = ((int)PlanKind.Strategic).ToString(), ["Form.Name"] = "Plan Estratégico" }, getUrl: TokenPage), ReadOnly2025);
        var created = await hr.PostFormAsync($"/WorkPlan?handler=Create&periodId={earlier}", new(), getUrl: TokenPage);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains(ReadOnly2025, await Ap.HtmlAsync(hr, created.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal(before, await RecordsAsync());

        // The pages say why, and offer nothing that would change the records.
        var sessionPage = await Ap.HtmlAsync(hr, details);
        Assert.Contains($"id=\"solo-lectura\">{ReadOnly2026}<", sessionPage);
        Assert.DoesNotContain("Enviar citaciones", sessionPage);
        Assert.DoesNotContain("Guardar asistencia", sessionPage);
        Assert.DoesNotContain($"href=\"/Sessions/Attendance/{session}\"", sessionPage);
        Assert.DoesNotContain("Programar sesión", await Ap.HtmlAsync(hr, $"/Sessions?periodId={periodId}"));
        var planPage = await Ap.HtmlAsync(hr, $"/Plans/Details/{plan}");
        Assert.Contains($"id=\"solo-lectura\">{ReadOnly2026}<", planPage);
        Assert.DoesNotContain("Agregar ítem", planPage);
        Assert.DoesNotContain("handler=Delete", planPage);
        Assert.DoesNotContain("Nuevo plan", await Ap.HtmlAsync(hr, $"/Plans?vigencia={periodId}"));
        var workPlanPage = await Ap.HtmlAsync(hr, $"/WorkPlan?periodId={periodId}");
        Assert.Contains($"id=\"solo-lectura\">{ReadOnly2026}<", workPlanPage);
        Assert.DoesNotContain("Agregar actividad", workPlanPage);
        Assert.DoesNotContain("/WorkPlan/Edit", workPlanPage);
        foreach (var form in new[] { $"/Sessions/Edit?id={session}", attendance, $"/Plans/Edit/{plan}", $"/Plans/Item/{item}", import, $"/WorkPlan/Edit?id={activity}" })
        {
            var page = await Ap.HtmlAsync(hr, form);
            Assert.Contains($"id=\"solo-lectura\">{ReadOnly2026}<", page);
            Assert.DoesNotContain("type=\"submit\" class=\"btn btn-primary\"", page);
        }
    }
}

public sealed class ClosedPeriodRecordsTestsSqlite(SqliteHost host) : ClosedPeriodRecordsTests(host), IClassFixture<SqliteHost>;

public sealed class ClosedPeriodRecordsTestsPostgres(PostgresHost host) : ClosedPeriodRecordsTests(host), IClassFixture<PostgresHost>;
