using System.Globalization;
using System.Net;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.AccountsAndRoles;

/// <summary>
/// The account lifecycle (issue 12 item 3, issue 13 item 2): a retiro takes effect on its date — the evaluation closes,
/// the partial is owed, the account is locked and open sessions end — at once when the date is today or past, by the
/// daily job when it is in the future; reinstating unlocks. A new e-mail renews the stamp and tells the old address.
/// Nobody changes their own jefe, dependencia or vinculación.
/// </summary>
public abstract class AccountLifecycleTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private int camila;
    private int felipe;

    private const string Camila = EvaluationScenario.Camila;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        await scenario.ActAsync(Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await scenario.ActAsync(Camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await scenario.ActAsync(Camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        camila = await scenario.ServantIdAsync(Camila);
        felipe = await scenario.ServantIdAsync(EvaluationScenario.Felipe);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

    private Task<AppUser> AccountOfAsync(int servantId) =>
        app.WithDbAsync(d => d.Users.AsNoTracking().SingleAsync(u => u.ServantId == servantId));

    private void PastStampInterval() => app.Clock.Advance(ServiceRegistration.SecurityStampInterval + TimeSpan.FromSeconds(1));

    private static bool SentToSignIn(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal);

    private async Task<string> SignInLocationAsync(string email)
    {
        var login = await app.NewClient().PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = EgiAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return login.Headers.Location!.OriginalString;
    }

    private Task<HttpResponseMessage> RetireAsync(HttpClient hr, int servantId, string date) =>
        hr.PostFormAsync($"/Directory/Servants/Retire/{S(servantId)}", new() { ["Input.RetirementDate"] = date, ["Input.Reason"] = "Renuncia aceptada." });

    [Fact]
    public async Task A_jefes_retiro_tells_talento_humano_which_evaluados_need_a_new_jefe_and_owe_a_partial()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var evaluados = await app.WithDbAsync(d => d.Evaluations.Where(e => e.EvaluatorId == felipe && e.PeriodId == scenario.PeriodId)
            .Join(d.Servants, e => e.EvaluadoId, s => s.Id, (e, s) => s.FirstNames + " " + s.LastNames).ToListAsync());
        Assert.NotEmpty(evaluados);
        Assert.Equal(HttpStatusCode.Redirect, (await RetireAsync(hr, felipe, "2026-11-24")).StatusCode);

        var notice = await app.WithDbAsync(d => d.OutboxMessages.SingleAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.EvaluatorRetired)));
        Assert.Equal(Accounts.TalentoHumano, notice.ToAddress);
        Assert.Contains($"evaluaba a {evaluados.Count} servidor(es)", notice.Subject, StringComparison.Ordinal);
        Assert.All(evaluados, name => Assert.Contains(name.Trim(), notice.TextBody, StringComparison.Ordinal));
        Assert.Contains("regístrela en su nombre o dispénsela", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/Directory/Servants/Details/{S(felipe)}", notice.TextBody, StringComparison.Ordinal);
        // Camila's goals were agreed: she owes Felipe's partial, which he was told of too.
        Assert.Equal(felipe, (await scenario.EvaluationAsync(Camila)).Partials.Single().EvaluatorId);
    }

    [Fact]
    public async Task A_retirement_today_locks_the_account_ends_open_sessions_and_reinstating_unlocks_it()
    {
        var session = await app.SignedInAsync(Accounts.Evaluado); // Camila
        var bystander = await app.SignedInAsync(Accounts.Jefe);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);

        Assert.Equal(HttpStatusCode.Redirect, (await RetireAsync(hr, camila, "2026-11-24")).StatusCode);
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.ClosedByRetirement, e.State);
        Assert.Equal((felipe, new DateOnly(2026, 11, 24), PartialStatus.Pending), (e.Partials.Single().EvaluatorId, e.Partials.Single().To, e.Partials.Single().Status));
        Assert.Equal(AccountLock.Retirement, (await AccountOfAsync(camila)).Lock);

        PastStampInterval();
        Assert.True(SentToSignIn(await session.GetAsync("/")));
        Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync("/")).StatusCode);
        Assert.Contains("/Account/Lockout", await SignInLocationAsync(Accounts.Evaluado), StringComparison.Ordinal);

        // Talento Humano cannot lift a retiro's lock from the accounts screen: reinstating does.
        var user = await AccountOfAsync(camila);
        var unlock = await hr.PostFormAsync($"/Accounts/Details/{user.Id}?handler=Unlock", [], getUrl: $"/Accounts/Details/{user.Id}");
        Assert.Contains("bloqueada por su retiro", WebUtility.HtmlDecode(await unlock.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(AccountLock.Retirement, (await AccountOfAsync(camila)).Lock);

        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"/Directory/Servants/Reinstate/{S(camila)}", [])).StatusCode);
        Assert.Equal(AccountLock.None, (await AccountOfAsync(camila)).Lock);
        Assert.Equal("/", await SignInLocationAsync(Accounts.Evaluado));
        var audit = await app.WithDbAsync(d => d.AuditEntries.Where(a => a.EntityId == user.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains("Bloquear cuenta", audit);
        Assert.Contains("Desbloquear cuenta", audit);
    }

    [Fact]
    public async Task A_retirement_dated_in_the_future_takes_effect_on_its_date_through_the_daily_job()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var response = await RetireAsync(hr, camila, "2026-11-30");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = WebUtility.HtmlDecode(await hr.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("El retiro se aplicará el 30/11/2026", details);

        // Until then nothing changes: the evaluation is open, no partial is owed, Camila signs in.
        var before = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.SelfEvaluationI, before.State);
        Assert.Empty(before.Partials);
        Assert.Equal(AccountLock.None, (await AccountOfAsync(camila)).Lock);
        Assert.Equal("/", await SignInLocationAsync(Accounts.Evaluado));

        var scheduler = app.Services.GetRequiredService<Scheduler>();
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.FromHours(-5)));
        await scheduler.RunDueAsync(default);
        Assert.Equal(EvaluationState.SelfEvaluationI, (await scenario.EvaluationAsync(Camila)).State);

        // 30/11 00:05 Bogotá: the job applies it.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 0, 10, 0, TimeSpan.FromHours(-5)));
        Assert.Contains(Egi.Web.Features.Directory.RetirementJob.JobCode, await scheduler.RunDueAsync(default));
        var after = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.ClosedByRetirement, after.State);
        Assert.Equal("Sistema", after.History[^1].ActorName);
        Assert.Equal(new DateOnly(2026, 11, 30), after.Facts.ClosedOn);
        Assert.Equal((felipe, new DateOnly(2026, 11, 30), PartialCause.EvaluadoRetired), (after.Partials.Single().EvaluatorId, after.Partials.Single().To, after.Partials.Single().Cause));
        Assert.True(await app.WithDbAsync(d => d.OutboxMessages.AnyAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.PartialOwed))));
        Assert.Equal(AccountLock.Retirement, (await AccountOfAsync(camila)).Lock);
        Assert.Contains("/Account/Lockout", await SignInLocationAsync(Accounts.Evaluado), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 11, 30), await app.WithDbAsync(d => d.Servants.Where(s => s.Id == camila).Select(s => s.RetirementAppliedOn).SingleAsync()));
    }

    [Fact]
    public async Task Changing_a_servants_email_renews_the_stamp_and_tells_the_old_address()
    {
        var session = await app.SignedInAsync(Accounts.Evaluado);
        var bystander = await app.SignedInAsync(Accounts.Jefe);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var form = await EditFormAsync(camila, ("Email", "camila.nuevo@entidad.gov.co"));
        var saved = await hr.PostFormAsync($"/Directory/Servants/Edit/{S(camila)}", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var notice = await app.WithDbAsync(d => d.OutboxMessages.SingleAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.EmailChanged)));
        Assert.Equal(Accounts.Evaluado, notice.ToAddress);
        Assert.Contains("camila.nuevo@entidad.gov.co", notice.TextBody, StringComparison.Ordinal);
        PastStampInterval();
        Assert.True(SentToSignIn(await session.GetAsync("/")));
        Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync("/")).StatusCode);
        Assert.Equal("/", await SignInLocationAsync("camila.nuevo@entidad.gov.co"));
    }

    [Fact]
    public async Task Nobody_changes_their_own_jefe_dependencia_or_vinculacion_through_the_directory()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var sandra = await app.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(s => s.Email == Accounts.TalentoHumano));
        var otherDependency = await app.WithDbAsync(d => d.Dependencies.Where(x => x.Id != sandra.DependencyId).Select(x => x.Id).FirstAsync());
        var form = await EditFormAsync(sandra.Id, ("BossId", S(felipe)), ("DependencyId", S(otherDependency)), ("EmploymentType", "FreeAppointment"));
        var refused = await hr.PostFormAsync($"/Directory/Servants/Edit/{S(sandra.Id)}", form);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("No puede cambiar el «Jefe inmediato» de su propio registro", html);
        Assert.Contains("No puede cambiar la «Dependencia» de su propio registro", html);
        Assert.Contains("No puede cambiar el «Tipo de vinculación» de su propio registro", html);
        var unchanged = await app.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(s => s.Id == sandra.Id));
        Assert.Equal((sandra.BossId, sandra.DependencyId, sandra.EmploymentType), (unchanged.BossId, unchanged.DependencyId, unchanged.EmploymentType));

        // Nor what decides her windows, her competencies or whether she is evaluated, nor her own retiro or reintegro.
        var decisive = await EditFormAsync(sandra.Id, ("Level", "Asesor"), ("HireDate", "2026-06-01"), ("RetirementDate", "2026-12-30"),
            ("HasStaff", sandra.HasStaff ? "false" : "true"), ("IsPublicManager", "true"));
        var decided = WebUtility.HtmlDecode(await (await hr.PostFormAsync($"/Directory/Servants/Edit/{S(sandra.Id)}", decisive)).Content.ReadAsStringAsync());
        foreach (var label in new[] { "el «Nivel jerárquico»", "la «Fecha de ingreso»", "la «Fecha de retiro»", "«Tiene personal a cargo»", "«Es gerente público»" })
            Assert.Contains($"No puede cambiar {label} de su propio registro", decided);
        var retire = await hr.PostFormAsync($"/Directory/Servants/Retire/{S(sandra.Id)}", new() { ["Input.RetirementDate"] = "2026-12-30" });
        Assert.Equal(HttpStatusCode.OK, retire.StatusCode);
        Assert.Contains("No puede registrar su propio retiro ni su reintegro", WebUtility.HtmlDecode(await retire.Content.ReadAsStringAsync()));
        await app.WithDbAsync(async d =>
        {
            (await d.Servants.SingleAsync(s => s.Id == sandra.Id)).RetirementDate = new DateOnly(2026, 12, 30); // registered by someone else
            return await d.SaveChangesAsync();
        });
        Assert.Contains("No puede registrar su propio retiro ni su reintegro", WebUtility.HtmlDecode(await hr.GetStringAsync($"/Directory/Servants/Reinstate/{S(sandra.Id)}")));
        var reinstate = await hr.PostFormAsync($"/Directory/Servants/Reinstate/{S(sandra.Id)}", new());
        Assert.Equal(HttpStatusCode.OK, reinstate.StatusCode);
        Assert.Contains("No puede registrar su propio retiro ni su reintegro", WebUtility.HtmlDecode(await reinstate.Content.ReadAsStringAsync()));
        unchanged = await app.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(s => s.Id == sandra.Id));
        Assert.Equal((sandra.Level, sandra.HireDate, sandra.HasStaff, sandra.IsPublicManager, (DateOnly?)new DateOnly(2026, 12, 30)),
            (unchanged.Level, unchanged.HireDate, unchanged.HasStaff, unchanged.IsPublicManager, unchanged.RetirementDate));
        await app.WithDbAsync(async d =>
        {
            (await d.Servants.SingleAsync(s => s.Id == sandra.Id)).RetirementDate = null;
            return await d.SaveChangesAsync();
        });

        // Other fields of her own record, and the same fields of someone else's, she may change.
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"/Directory/Servants/Edit/{S(sandra.Id)}", await EditFormAsync(sandra.Id, ("JobGrade", "20")))).StatusCode);
        var someone = await scenario.ServantIdAsync(EvaluationScenario.Santiago);
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"/Directory/Servants/Edit/{S(someone)}", await EditFormAsync(someone, ("EmploymentType", "FreeAppointment")))).StatusCode);
    }

    [Fact]
    public async Task The_last_active_Talento_Humano_cannot_be_retired()
    {
        var sandra = await app.WithDbAsync(d => d.Servants.Where(s => s.Email == Accounts.TalentoHumano).Select(s => s.Id).SingleAsync());
        // Nobody registers their own retiro.
        var own = await RetireAsync(await app.SignedInAsync(Accounts.TalentoHumano), sandra, "2026-12-31");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("No puede registrar su propio retiro", WebUtility.HtmlDecode(await own.Content.ReadAsStringAsync()));
        // A second Talento Humano whose own retiro is already registered is not an active one: retiring Sandra would leave none.
        var leaving = await LeavingTalentoHumanoAsync();
        var refused = await RetireAsync(leaving, sandra, "2026-12-31");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("la última cuenta activa con el rol Talento Humano", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Null(await app.WithDbAsync(d => d.Servants.Where(s => s.Id == sandra).Select(s => s.RetirementDate).SingleAsync()));
    }

    /// <summary>Planeación's account given the Talento Humano role, its servant's retiro registered for next month; signed in.</summary>
    private async Task<HttpClient> LeavingTalentoHumanoAsync()
    {
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var carlos = (await users.FindByEmailAsync(Accounts.Planeacion))!;
            Assert.True((await users.AddToRoleAsync(carlos, EgiRoles.TalentoHumano)).Succeeded);
            await app.WithDbAsync(async d =>
            {
                (await d.Servants.SingleAsync(s => s.Id == carlos.ServantId)).RetirementDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddMonths(1);
                return await d.SaveChangesAsync();
            });
        }
        return await app.SignedInAsync(Accounts.Planeacion);
    }

    [Fact]
    public async Task An_import_that_retires_the_last_talento_humano_is_refused_and_writes_nothing()
    {
        var (sandra, dependencyCode, bossDocument) = await app.WithDbAsync(async d =>
        {
            var s = await d.Servants.AsNoTracking().SingleAsync(x => x.Email == Accounts.TalentoHumano);
            var code = await d.Dependencies.Where(x => x.Id == s.DependencyId).Select(x => x.Code).SingleAsync();
            var boss = await d.Servants.Where(x => x.Id == s.BossId).Select(x => x.DocumentNumber).SingleAsync();
            return (s, code, boss);
        });
        var row = Directory.ImportFiles.ImportFile.RowOf(sandra, dependencyCode, bossDocument);
        row[11] = "20/11/2026"; // «Fecha de retiro»
        var hr = await LeavingTalentoHumanoAsync();
        var file = Directory.ImportFiles.ImportFile.Csv([row], Directory.ImportFiles.ImportFile.Windows1252);
        var preview = WebUtility.HtmlDecode(await (await hr.PostFileAsync("/Directory/Import", "/Directory/Import", "Upload", "retiros.csv", file)).Content.ReadAsStringAsync());
        Assert.Contains("Confirmar importación", preview);
        string Field(string name) => System.Text.RegularExpressions.Regex.Match(preview, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;
        var confirmed = await hr.PostFormAsync("/Directory/Import?handler=Confirm",
            new() { ["Token"] = Field("Token"), ["Fingerprint"] = Field("Fingerprint") }, getUrl: "/Directory/Import");
        var answer = WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync());

        Assert.Contains("la última persona activa con el rol Talento Humano", answer);
        var after = await app.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(x => x.Id == sandra.Id));
        Assert.Null(after.RetirementDate);
        Assert.Equal(AccountLock.None, (await AccountOfAsync(sandra.Id)).Lock);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(Accounts.TalentoHumano)).GetAsync("/Accounts")).StatusCode);
    }

    /// <summary>A servant as an import row (dependency code and boss document as the directory has them).</summary>
    private Task<string[]> ImportRowAsync(string email) => app.WithDbAsync(async d =>
    {
        var s = await d.Servants.AsNoTracking().SingleAsync(x => x.Email == email);
        var code = await d.Dependencies.Where(x => x.Id == s.DependencyId).Select(x => x.Code).SingleAsync();
        var boss = await d.Servants.Where(x => x.Id == s.BossId).Select(x => x.DocumentNumber).SingleOrDefaultAsync();
        return Directory.ImportFiles.ImportFile.RowOf(s, code, boss);
    });

    private static Task<HttpResponseMessage> UploadAsync(HttpClient hr, string fileName, params string[][] rows) =>
        hr.PostFileAsync("/Directory/Import", "/Directory/Import", "Upload", fileName,
            Directory.ImportFiles.ImportFile.Csv(rows, Directory.ImportFiles.ImportFile.Windows1252));

    [Fact]
    public async Task An_import_that_changes_an_email_ends_the_sessions_and_tells_the_old_address_and_every_upload_is_audited()
    {
        var session = await app.SignedInAsync(Accounts.Evaluado);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var row = await ImportRowAsync(Accounts.Evaluado);
        row[3] = "camila.importada@entidad.gov.co"; // «Correo institucional»
        var preview = WebUtility.HtmlDecode(await (await UploadAsync(hr, "correos.csv", row)).Content.ReadAsStringAsync());
        Assert.Contains("Confirmar importación", preview);
        string Field(string name) => System.Text.RegularExpressions.Regex.Match(preview, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;
        var confirmed = await hr.PostFormAsync("/Directory/Import?handler=Confirm",
            new() { ["Token"] = Field("Token"), ["Fingerprint"] = Field("Fingerprint") }, getUrl: "/Directory/Import");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var notice = await app.WithDbAsync(d => d.OutboxMessages.SingleAsync(m => m.Kind == nameof(MailKind.EmailChanged)));
        Assert.Equal(Accounts.Evaluado, notice.ToAddress);
        Assert.Contains("camila.importada@entidad.gov.co", notice.TextBody, StringComparison.Ordinal);
        PastStampInterval();
        Assert.True(SentToSignIn(await session.GetAsync("/")));
        Assert.Equal("/", await SignInLocationAsync("camila.importada@entidad.gov.co"));

        // A file that cannot be read is audited too, with its name (issue 12, item 7).
        await UploadAsync(hr, "servidores.csv", ["no", "es", "un directorio"]);
        var uploads = await app.WithDbAsync(d => d.AuditEntries.Where(a => a.Action == "Cargar archivo").Select(a => a.Summary).ToListAsync());
        Assert.Contains(uploads, u => u.Contains("«correos.csv»", StringComparison.Ordinal));
        Assert.Contains(uploads, u => u.Contains("«servidores.csv»", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nobody_changes_their_own_jefe_dependencia_or_vinculacion_through_the_import()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var own = await ImportRowAsync(Accounts.TalentoHumano);
        var before = await app.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(s => s.Email == Accounts.TalentoHumano));
        var otherCode = await app.WithDbAsync(d => d.Dependencies.Where(x => x.Id != before.DependencyId && x.Active).Select(x => x.Code).FirstAsync());
        own[8] = otherCode; // «Dependencia»
        var refused = WebUtility.HtmlDecode(await (await UploadAsync(hr, "propio.csv", own)).Content.ReadAsStringAsync());
        Assert.Contains("No puede cambiar la «Dependencia» de su propio registro", refused);
        Assert.DoesNotContain("Confirmar importación", refused);
        Assert.Equal(before.DependencyId, await app.WithDbAsync(d => d.Servants.Where(s => s.Id == before.Id).Select(s => s.DependencyId).SingleAsync()));

        // The same change to someone else's row is previewed as usual.
        var other = await ImportRowAsync(Accounts.Evaluado);
        other[8] = otherCode;
        Assert.Contains("Confirmar importación", WebUtility.HtmlDecode(await (await UploadAsync(hr, "otro.csv", other)).Content.ReadAsStringAsync()));
    }

    private Task<Dictionary<string, string>> EditFormAsync(int id, params (string Field, string Value)[] changes) =>
        Directory.ServantForms.EditFormAsync(app, id, changes);
}

public sealed class AccountLifecycleTestsSqlite(SqliteHost host) : AccountLifecycleTests(host), IClassFixture<SqliteHost>;

public sealed class AccountLifecycleTestsPostgres(PostgresHost host) : AccountLifecycleTests(host), IClassFixture<PostgresHost>;
