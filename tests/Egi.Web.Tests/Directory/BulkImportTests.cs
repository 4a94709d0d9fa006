using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Tests.Api;
using Egi.Web.Tests.Directory.ImportFiles;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Directory;

/// <summary>
/// Issue 11: a large import is applied in bulk — every new servant gets their account, their invitation in the outbox
/// and (in an open period) their evaluation, as one at a time did — and the confirmation costs a number of SQL commands
/// that does not grow with the rows. Its own application, with the mail worker and the scheduler off.
/// </summary>
public abstract partial class BulkImportTests(SharedHost host) : IAsyncLifetime
{
    private const string Page = "/Directory/Import";
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("name=\"Token\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"Fingerprint\" value=\"([^\"]*)\"")]
    private static partial Regex FingerprintField();

    /// <summary>
    /// <paramref name="rows"/> new servants from <paramref name="first"/> on, in groups of 25: a jefe under an existing jefe,
    /// and 24 provisional servants (eligible) under that jefe of the same file.
    /// </summary>
    private static byte[] File(long first, int rows, string employment = "Provisional") => ImportFile.Xlsx(Enumerable.Range(0, rows).Select(i =>
    {
        var document = first + i;
        var isChief = i % 25 == 0;
        var boss = isChief ? "80123987" : (first + i / 25 * 25).ToString();
        return new object?[]
        {
            document.ToString(), $"Nombre{i}", $"Masivo {first}", $"masivo{document}@egi-demo.gov.co",
            isChief ? "Profesional Especializado" : "Profesional Universitario", isChief ? "2028" : "2044", isChief ? "19" : "08",
            "Profesional", "300", employment, new DateTime(2024, 2, 1), null, boss, isChief ? "Sí" : "No", "No",
        };
    }));

    /// <summary>Uploads and confirms; returns the SQL commands of the confirmation alone.</summary>
    private async Task<int> ImportAsync(HttpClient client, byte[] file)
    {
        var upload = await client.PostFileAsync(Page, Page, "Upload", "masivo.xlsx", file);
        var preview = WebUtility.HtmlDecode(await upload.Content.ReadAsStringAsync());
        Assert.Contains("Confirmar importación", preview);
        var fields = new Dictionary<string, string>
        {
            ["Token"] = TokenField().Match(preview).Groups[1].Value,
            ["Fingerprint"] = FingerprintField().Match(preview).Groups[1].Value,
        };
        // The antiforgery token is read first (a GET of the page), then only the confirmation is counted.
        var page = await client.GetStringAsync(Page);
        fields["__RequestVerificationToken"] = HttpClientFormExtensions.AntiforgeryToken(page);
        app.Queries.Reset();
        var confirmed = await client.PostAsync($"{Page}?handler=Confirm", new FormUrlEncodedContent(fields));
        var count = app.Queries.Count;
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        return count;
    }

    [Fact]
    public async Task Three_hundred_new_servants_get_accounts_invitations_and_evaluations()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        const long first = 7_100_000_000;
        var outboxBefore = await app.WithDbAsync(d => d.OutboxMessages.CountAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.Invitation)));
        var homeBefore = HomeCounts(await client.GetStringAsync("/"));

        await ImportAsync(client, File(first, 300));

        // Talento Humano's home counts them (the stored headcounts the import's batches keep): 300 more active, all evaluable.
        Assert.Equal((homeBefore.Active + 300, homeBefore.Eligible + 300), HomeCounts(await client.GetStringAsync("/")));

        var documents = Enumerable.Range(0, 300).Select(i => (first + i).ToString()).ToList();
        var servants = await app.WithDbAsync(d => d.Servants.AsNoTracking().Where(s => documents.Contains(s.DocumentNumber)).ToListAsync());
        Assert.Equal(300, servants.Count);
        var byDocument = servants.ToDictionary(s => s.DocumentNumber);
        var felipe = await scenario.ServantIdAsync("80123987");
        for (var i = 0; i < 300; i++)
        {
            var s = byDocument[(first + i).ToString()];
            Assert.Equal(i % 25 == 0 ? felipe : byDocument[(first + i / 25 * 25).ToString()].Id, s.BossId);
        }
        var ids = servants.Select(s => s.Id).ToList();

        // One account each, as UserManager.CreateAsync makes them: normalized names, stamps, no password.
        var users = await app.WithDbAsync(d => d.Users.AsNoTracking().Where(u => u.ServantId != null && ids.Contains(u.ServantId.Value)).ToListAsync());
        Assert.Equal(300, users.Count);
        foreach (var u in users)
        {
            var s = servants.Single(x => x.Id == u.ServantId);
            Assert.Equal((s.Email, s.Email, s.Email.ToUpperInvariant(), s.Email.ToUpperInvariant()), (u.UserName, u.Email, u.NormalizedUserName, u.NormalizedEmail));
            Assert.Equal(s.FullName, u.DisplayName);
            Assert.True(u.EmailConfirmed);
            Assert.Null(u.PasswordHash);
            Assert.Matches("^[A-Z2-7]{32}$", u.SecurityStamp!);
            Assert.False(string.IsNullOrEmpty(u.ConcurrencyStamp));
        }
        Assert.Equal(300, users.Select(u => u.SecurityStamp).Distinct().Count());

        // One invitation each, whose link works (the token was made with the stamp that was saved).
        var invitations = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.Invitation)).ToListAsync());
        Assert.Equal(outboxBefore + 300, invitations.Count);
        var mine = invitations.Where(m => users.Any(u => u.Id == m.RecipientUserId)).ToList();
        Assert.Equal(300, mine.Count);
        var sample = mine[150];
        var user = users.Single(u => u.Id == sample.RecipientUserId);
        Assert.Equal(user.Email, sample.ToAddress);
        var code = Uri.UnescapeDataString(Regex.Match(sample.TextBody, "code=([^\\s&\"]+)").Groups[1].Value);
        using (var scope = app.Services.CreateScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var saved = await manager.FindByIdAsync(user.Id);
            Assert.True(await manager.VerifyUserTokenAsync(saved!, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, code));
        }

        // Every one is eligible and has a jefe: one evaluation each in the open period, with that jefe as evaluator.
        var evaluations = await app.WithDbAsync(d => d.Evaluations.AsNoTracking()
            .Where(e => e.PeriodId == scenario.PeriodId && ids.Contains(e.EvaluadoId)).ToListAsync());
        Assert.Equal(300, evaluations.Count);
        Assert.All(evaluations, e => Assert.Equal(servants.Single(s => s.Id == e.EvaluadoId).BossId, e.EvaluatorId));

        // One audit line per servant created (with its jefe), per account and per invitation, and the summary.
        var audit = await app.WithDbAsync(d => d.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Servidor" && a.Action == "Crear" && a.Summary.Contains($"Masivo {first}")).CountAsync());
        Assert.Equal(300, audit);
        Assert.Equal(0, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.EntityType == "Servidor" && a.Action == "Modificar" && a.Summary.Contains($"Masivo {first}"))));
        var userIds = users.Select(u => u.Id).ToList();
        Assert.Equal(300, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.EntityType == "Cuenta" && a.Action == "Crear" && userIds.Contains(a.EntityId))));
        Assert.Equal(300, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.EntityType == "Cuenta" && a.Action == "Invitar" && userIds.Contains(a.EntityId))));
    }

    [GeneratedRegex("([0-9]+) servidores activos en el directorio, de los cuales ([0-9]+) son evaluables")]
    private static partial Regex HomeCountsLine();

    private static (int Active, int Eligible) HomeCounts(string home)
    {
        var m = HomeCountsLine().Match(home);
        Assert.True(m.Success, "The home page shows no count of servants.");
        return (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Uploads a file of 450 new servants and confirms it: above Import:BackgroundFrom (400), so it is queued; returns the
    /// progress URL (and the confirmation's fields, to click again).
    /// </summary>
    private static async Task<string> ConfirmLargeAsync(HttpClient client, long first, string fileName, Dictionary<string, string>? fields = null)
    {
        fields ??= [];
        foreach (var (name, value) in await PreviewLargeAsync(client, first, fileName)) fields[name] = value;
        var confirmed = await client.PostFormAsync($"{Page}?handler=Confirm", fields, getUrl: Page);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var progressUrl = confirmed.Headers.Location!.OriginalString;
        Assert.Contains("handler=Progress", progressUrl);
        return progressUrl;
    }

    /// <summary>Uploads a file of 450 new servants; returns the preview's confirmation fields (the kept file's token, the plan's fingerprint).</summary>
    private static async Task<Dictionary<string, string>> PreviewLargeAsync(HttpClient client, long first, string fileName)
    {
        var upload = await client.PostFileAsync(Page, Page, "Upload", fileName, File(first, 450));
        var preview = WebUtility.HtmlDecode(await upload.Content.ReadAsStringAsync());
        return new()
        {
            ["Token"] = TokenField().Match(preview).Groups[1].Value,
            ["Fingerprint"] = FingerprintField().Match(preview).Groups[1].Value,
        };
    }

    private static string IdOf(string progressUrl) => progressUrl[(progressUrl.IndexOf("id=", StringComparison.Ordinal) + 3)..];

    [Fact]
    public async Task A_large_import_runs_in_the_background_with_a_progress_page_and_json()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        const long first = 7_400_000_000;
        var confirmation = new Dictionary<string, string>();
        var progressUrl = await ConfirmLargeAsync(client, first, "grande.xlsx", confirmation);
        var id = IdOf(progressUrl);

        // Someone else cannot see it.
        var other = await app.SignedInAsync(Accounts.Consulta);
        Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync($"{Page}?handler=Status&id={id}")).StatusCode);

        // Queued until a worker takes it: nothing written yet.
        var html = await client.PageAsync(progressUrl);
        Assert.Contains("Importando «grande.xlsx»", html);
        Assert.Contains("En cola: la importación empieza en cuanto EGI la tome", html);
        Assert.Matches("<progress id=\"progreso\"[^>]* max=\"100\"", html);
        Assert.Contains("aria-live=\"polite\"", html);
        Assert.Contains(">Actualizar</a>", html);
        Assert.Contains("http-equiv=\"refresh\"", html);
        var status = await client.GetStringAsync($"{Page}?handler=Status&id={id}");
        Assert.Contains("\"state\":\"Queued\"", status);
        Assert.Contains("\"total\":900", status);
        Assert.Contains("\"done\":false", status);
        var documents = Enumerable.Range(0, 450).Select(i => (first + i).ToString()).ToList();
        Assert.Equal(0, await app.WithDbAsync(d => d.Servants.CountAsync(s => documents.Contains(s.DocumentNumber))));

        // A second click on «Confirmar» follows the same job.
        var again = await client.PostFormAsync($"{Page}?handler=Confirm", confirmation, getUrl: Page);
        Assert.Equal(progressUrl, again.Headers.Location!.OriginalString);
        Assert.Equal(1, await app.WithDbAsync(d => d.DirectoryJobs.CountAsync()));

        Assert.Equal(1, await app.RunDirectoryJobsAsync());

        status = await client.GetStringAsync($"{Page}?handler=Status&id={id}");
        Assert.Contains("\"state\":\"Succeeded\"", status);
        Assert.Contains("\"done\":true", status);
        Assert.Contains("\"succeeded\":true", status);
        Assert.Contains("\"percent\":100", status);

        // Once done, the progress page sends to the page with the message.
        var done = await client.GetAsync(progressUrl);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = WebUtility.HtmlDecode(await client.GetStringAsync(done.Headers.Location));
        Assert.Contains("Importación de «grande.xlsx» aplicada. Servidores creados: 450;", after);

        var ids = await app.WithDbAsync(d => d.Servants.Where(s => documents.Contains(s.DocumentNumber)).Select(s => s.Id).ToListAsync());
        Assert.Equal(450, ids.Count);
        Assert.Equal(450, await app.WithDbAsync(d => d.Users.CountAsync(u => u.ServantId != null && ids.Contains(u.ServantId.Value))));
        Assert.Equal(450, await app.WithDbAsync(d => d.Evaluations.CountAsync(e => e.PeriodId == scenario.PeriodId && ids.Contains(e.EvaluadoId))));
        // The audit trail names the person who confirmed it, not «Sistema».
        var actors = await app.WithDbAsync(d => d.AuditEntries.Where(a => a.EntityType == "Servidor" && a.Action == "Crear" && a.Summary.Contains($"Masivo {first}"))
            .Select(a => a.UserName).Distinct().ToListAsync());
        Assert.Equal([Accounts.TalentoHumano], actors);
        Assert.Equal(0, await app.RunDirectoryJobsAsync());
    }

    [Fact]
    public async Task A_background_import_confirmed_on_one_instance_is_followed_from_another()
    {
        await using var second = app.SecondInstance();
        // One browser whose requests the proxy sends to either instance.
        var cookies = new CookieContainer();
        var onFirst = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        var onSecond = second.CreateDefaultClient(new CookieContainerHandler(cookies));
        var signIn = await onFirst.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.TalentoHumano, ["Input.Password"] = EgiAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        const long first = 7_500_000_000;
        var progressUrl = await ConfirmLargeAsync(onFirst, first, "desde-otra.xlsx");
        var id = IdOf(progressUrl);

        // The second instance knows the job (before, only the instance that started it did).
        Assert.Contains("Importando «desde-otra.xlsx»", await onSecond.PageAsync(progressUrl));
        Assert.Contains("\"state\":\"Queued\"", await onSecond.GetStringAsync($"{Page}?handler=Status&id={id}"));

        // The worker of the first applies it (the file is in its data folder); the second shows the outcome.
        Assert.Equal(1, await app.RunDirectoryJobsAsync());
        var status = await onSecond.GetStringAsync($"{Page}?handler=Status&id={id}");
        Assert.Contains("\"succeeded\":true", status);
        var done = await onSecond.GetAsync(progressUrl);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("Importación de «desde-otra.xlsx» aplicada. Servidores creados: 450;", WebUtility.HtmlDecode(await onSecond.GetStringAsync(done.Headers.Location)));
    }

    [Fact]
    public async Task A_background_import_whose_directory_changed_before_the_worker_took_it_fails_and_writes_nothing()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        const long first = 7_600_000_000;
        var progressUrl = await ConfirmLargeAsync(client, first, "tarde.xlsx");
        // Meanwhile the suite's sync creates one of its jefes (same document, other names): the file no longer plans what was confirmed.
        var suite = app.KeyClient(await app.KeyAsync("Nómina", null, Egi.Web.Infrastructure.Api.ApiScopes.DirectoryWrite));
        var jefe = ApiKit.Servant(0, dependency: "300", email: $"masivo{first}@egi-demo.gov.co", boss: "80123987");
        jefe["documentNumber"] = first.ToString();
        Assert.Equal(HttpStatusCode.OK, (await suite.PostAsJsonAsync("/api/v1/directory/sync", new { servants = new[] { jefe } })).StatusCode);

        Assert.Equal(1, await app.RunDirectoryJobsAsync());
        var html = await client.PageAsync(progressUrl);
        Assert.Contains("No se importó nada", html);
        Assert.Contains("El directorio cambió desde la vista previa de la importación", html);
        Assert.DoesNotContain("<progress", html);
        var documents = Enumerable.Range(1, 449).Select(i => (first + i).ToString()).ToList();
        Assert.Equal(0, await app.WithDbAsync(d => d.Servants.CountAsync(s => documents.Contains(s.DocumentNumber))));
        Assert.Contains("\"state\":\"Failed\"", await client.GetStringAsync($"{Page}?handler=Status&id={IdOf(progressUrl)}"));
    }

    [Fact]
    public async Task A_large_import_whose_directory_changed_after_its_preview_is_queued_then_refused_by_the_worker()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        const long first = 7_650_000_000;
        var fields = await PreviewLargeAsync(client, first, "vista.xlsx");
        // Between the preview and the click, the suite's sync creates one of the file's jefes: the file plans something else now.
        var suite = app.KeyClient(await app.KeyAsync("Nómina", null, Egi.Web.Infrastructure.Api.ApiScopes.DirectoryWrite));
        var jefe = ApiKit.Servant(0, dependency: "300", email: $"masivo{first}@egi-demo.gov.co", boss: "80123987");
        jefe["documentNumber"] = first.ToString();
        Assert.Equal(HttpStatusCode.OK, (await suite.PostAsJsonAsync("/api/v1/directory/sync", new { servants = new[] { jefe } })).StatusCode);

        // The confirmation of a large preview is queued at once (the file is read by the worker, not twice)…
        var confirmed = await client.PostFormAsync($"{Page}?handler=Confirm", fields, getUrl: Page);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var progressUrl = confirmed.Headers.Location!.OriginalString;
        Assert.Contains("handler=Progress", progressUrl);
        // …and the worker, which checks it again against the directory as it is now, refuses it whole.
        Assert.Equal(1, await app.RunDirectoryJobsAsync());
        var html = await client.PageAsync(progressUrl);
        Assert.Contains("No se importó nada", html);
        Assert.Contains("El directorio cambió desde la vista previa de la importación", html);
        Assert.Contains("Cargue el archivo de nuevo", html);
        var documents = Enumerable.Range(1, 449).Select(i => (first + i).ToString()).ToList();
        Assert.Equal(0, await app.WithDbAsync(d => d.Servants.CountAsync(s => documents.Contains(s.DocumentNumber))));
    }

    [Fact]
    public async Task A_confirmation_whose_fingerprint_is_not_the_previews_is_checked_in_the_request_and_shows_the_new_preview()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        const long first = 7_660_000_000;
        var fields = await PreviewLargeAsync(client, first, "otra-huella.xlsx");
        // Not the fingerprint the preview kept with the file: the shortcut to the queue is not taken.
        fields["Fingerprint"] = "0000";
        var confirmed = await client.PostFormAsync($"{Page}?handler=Confirm", fields, getUrl: Page);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var html = WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync());
        Assert.Contains("el directorio cambió desde la vista previa anterior", html);
        Assert.Contains("Confirmar importación", html);
        Assert.Equal(0, await app.WithDbAsync(d => d.DirectoryJobs.CountAsync(j => j.FileName == "otra-huella.xlsx")));
        var documents = Enumerable.Range(0, 450).Select(i => (first + i).ToString()).ToList();
        Assert.Equal(0, await app.WithDbAsync(d => d.Servants.CountAsync(s => documents.Contains(s.DocumentNumber))));
    }

    /// <summary>
    /// Servants, accounts, invitations and their audit lines are written in multi-row INSERTs: 200 new servants
    /// (carrera administrativa, so no evaluation is opened for them) cost at most one SQL command more per ten rows than
    /// 20 do, on both databases — nothing is read or written once per row. (On SQLite a statement closes at
    /// <see cref="Data.BulkInsert.MaxChars"/> characters, so the longer rows, the audit lines, take a statement per few
    /// dozen; PostgreSQL copies each table of <see cref="Data.BulkInsert.CopyFrom"/> rows or more in one command.)
    /// </summary>
    [Fact]
    public async Task Servants_accounts_and_invitations_cost_no_command_per_row()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        // A first import warms up what is read once (the templates, the model's compiled queries).
        await ImportAsync(client, File(7_500_000_000, 5, "Carrera administrativa"));
        var twenty = await ImportAsync(client, File(7_510_000_000, 20, "Carrera administrativa"));
        var twoHundred = await ImportAsync(client, File(7_520_000_000, 200, "Carrera administrativa"));
        Assert.True(twoHundred - twenty <= (200 - 20) / 10, $"20 rows: {twenty} commands; 200 rows: {twoHundred} commands");
        // PostgreSQL: a table of 50 rows or more goes in a COPY of its own, which EF Core's count does not see; fewer go in
        // one INSERT, which it does — so 200 rows never count more than 20.
        if (app.Db == Db.Postgres) Assert.True(twoHundred <= twenty, $"20 rows: {twenty} commands; 200 rows: {twoHundred} commands");
        var documents = Enumerable.Range(0, 200).Select(i => (7_520_000_000L + i).ToString()).ToList();
        var created = await app.WithDbAsync(d => d.Servants.AsNoTracking().Where(s => documents.Contains(s.DocumentNumber)).Select(s => s.Id).ToListAsync());
        Assert.Equal(200, created.Count);
        Assert.Equal(200, await app.WithDbAsync(d => d.Users.CountAsync(u => u.ServantId != null && created.Contains(u.ServantId.Value))));
        Assert.Equal(200, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.EntityType == "Servidor" && a.Action == "Crear" && a.Summary.Contains("Masivo 7520000000"))));
    }

    /// <summary>
    /// PostgreSQL only: Npgsql sends a batch of inserts as one command, SQLite (in process, no round trips) one command
    /// per row, so on SQLite the count of commands grows with the rows whatever the code does.
    /// </summary>
    protected async Task The_confirmation_costs_about_the_same_number_of_queries_for_100_and_300_rows()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var hundred = await ImportAsync(client, File(7_200_000_000, 100));
        var threeHundred = await ImportAsync(client, File(7_300_000_000, 300));
        Assert.True(threeHundred < hundred * 1.5, $"100 rows: {hundred} commands; 300 rows: {threeHundred} commands");
    }
}

public sealed class BulkImportTestsSqlite(BulkImportSqliteHost host) : BulkImportTests(host), IClassFixture<BulkImportSqliteHost>;

public sealed class BulkImportTestsPostgres(BulkImportPostgresHost host) : BulkImportTests(host), IClassFixture<BulkImportPostgresHost>
{
    [Fact]
    public Task Confirmation_costs_about_the_same_number_of_queries_for_100_and_300_rows() =>
        The_confirmation_costs_about_the_same_number_of_queries_for_100_and_300_rows();
}

/// <summary>The class's host: the mail worker off, confirmations of 400 rows or more in the background.</summary>
public abstract class BulkImportHost(Db db) : SharedHost(db, app =>
{
    app.Settings["Mail:WorkerEnabled"] = "false";
    app.Settings["Import:BackgroundFrom"] = "400"; // larger confirmations run in the background
});

public sealed class BulkImportSqliteHost() : BulkImportHost(Db.Sqlite);

public sealed class BulkImportPostgresHost() : BulkImportHost(Db.Postgres);
