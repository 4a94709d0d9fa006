using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Egi.Web.Infrastructure.Api;
using Egi.Web.Features.Directory.Jobs;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Egi.Web.Tests.Api.ApiKit;

namespace Egi.Web.Tests.Api;

/// <summary>
/// A large directory sync is not applied inside its request: it is checked whole there (422 and nothing queued when a row is
/// wrong), then answered 202 with its job, which a worker of any instance claims (one conditional UPDATE, under a lease),
/// applies all or nothing and reports as the synchronous call would. Api:SyncBackgroundFrom is 5 here, so a dozen servants
/// are «large»; the hosted worker is off in tests, which run the jobs themselves (<see cref="EgiAppFactory.RunDirectoryJobsAsync"/>).
/// </summary>
public abstract class DirectorySyncJobTests(DirectorySyncJobHost host) : IAsyncLifetime
{
    private const string Sync = "/api/v1/directory/sync";
    protected EgiAppFactory App { get; private set; } = host.App;

    /// <summary>The host of a test that needs other settings than the class's shared one.</summary>
    private EgiAppFactory? own;

    internal static void Configure(EgiAppFactory app) => app.Settings["Api:SyncBackgroundFrom"] = "5";

    public Task InitializeAsync() => host.StartTestAsync();

    public async Task DisposeAsync()
    {
        if (own is not null) await own.DisposeAsync();
    }

    private static readonly object NewDependency = new { code = "320", name = "Grupo de Transición Energética", parentCode = "300", active = true };

    /// <summary>A dozen new servants (and one new dependencia, which the third uses): 1 + 12 changes, 1 + 2 × 12 steps.</summary>
    private static object Dozen(int from = 1) => new
    {
        dependencies = new[] { NewDependency },
        servants = Enumerable.Range(from, 12).Select(i => Servant(i, dependency: i == from + 2 ? "320" : null)).ToList(),
    };

    protected Task<HttpClient> WriterAsync(string name = "Nómina") => WriterAsync(App, name);

    protected static async Task<HttpClient> WriterAsync(EgiAppFactory app, string name) =>
        app.KeyClient(await app.KeyAsync(name, null, ApiScopes.DirectoryWrite));

    protected Task<int> SyncedServantsAsync() => App.WithDbAsync(d => d.Servants.CountAsync(s => s.Email.EndsWith("@sync.test")));

    protected static async Task<(long Id, Uri Location)> QueuedAsync(HttpClient client, object payload, string query = "")
    {
        var response = await client.PostAsJsonAsync(Sync + query, payload);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (status.GetProperty("id").GetInt64(), response.Headers.Location!);
    }

    private static async Task<JsonElement> JobAsync(HttpClient client, Uri location)
    {
        var response = await client.GetAsync(location);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_large_sync_answers_202_and_its_job_ends_succeeded_with_what_the_synchronous_call_answers()
    {
        var client = await WriterAsync();
        var preview = await (await client.PostAsJsonAsync(Sync + "?dryRun=true", Dozen())).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(12, preview.GetProperty("servants").GetProperty("created").GetInt32());

        var response = await client.PostAsJsonAsync(Sync, Dozen());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!;
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/directory/sync/jobs/{queued.GetProperty("id").GetInt64()}", location.OriginalString);
        Assert.Equal("Queued", queued.GetProperty("state").GetString());
        Assert.Equal("En cola", queued.GetProperty("stateLabel").GetString());
        Assert.Equal(1 + 2 * 12, queued.GetProperty("total").GetInt32());
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.False(response.Headers.Contains("Preference-Applied"));

        // Nothing is written until a worker applies it.
        Assert.Equal(0, await SyncedServantsAsync());
        Assert.False(await App.WithDbAsync(d => d.Dependencies.AnyAsync(x => x.Code == "320")));
        var waiting = await JobAsync(client, location);
        Assert.Equal("Queued", waiting.GetProperty("state").GetString());
        Assert.Equal(0, waiting.GetProperty("processed").GetInt32());
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("result").ValueKind);

        Assert.Equal(1, await App.RunDirectoryJobsAsync());

        var done = await JobAsync(client, location);
        Assert.Equal("Succeeded", done.GetProperty("state").GetString());
        Assert.Equal(100, done.GetProperty("percent").GetInt32());
        Assert.Equal(done.GetProperty("total").GetInt32(), done.GetProperty("processed").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("finishedAt").ValueKind);
        Assert.Empty(done.GetProperty("errors").EnumerateArray());
        Assert.StartsWith("Sincronización aplicada: dependencias 1 creadas", done.GetProperty("message").GetString());
        var result = done.GetProperty("result");
        Assert.True(result.GetProperty("applied").GetBoolean());
        Assert.False(result.GetProperty("dryRun").GetBoolean());
        // The same answer as the synchronous call (its preview, servant by servant).
        Assert.Equal(preview.GetProperty("servants").GetRawText(), result.GetProperty("servants").GetRawText());
        Assert.Equal(preview.GetProperty("dependencies").GetRawText(), result.GetProperty("dependencies").GetRawText());
        Assert.False(done.TryGetProperty("payload", out _));

        Assert.Equal(12, await SyncedServantsAsync());
        Assert.Equal(["5000000003"], await App.WithDbAsync(d => (from s in d.Servants
                                                                 join x in d.Dependencies on s.DependencyId equals x.Id
                                                                 where x.Code == "320"
                                                                 select s.DocumentNumber).ToListAsync()));
        // The worker wrote as the key (the audit trail names it), and the request is not kept once applied.
        var actors = await App.WithDbAsync(d => d.AuditEntries.Where(a => a.EntityType == "Servidor" && a.Action == "Crear" && a.Summary.Contains("Apellido"))
            .Select(a => a.UserName).Distinct().ToListAsync());
        Assert.Equal(["Clave de API: Nómina"], actors);
        Assert.True(await App.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Importar" && a.UserName == "Clave de API: Nómina")));
        Assert.Null(await App.WithDbAsync(d => d.DirectoryJobs.Select(j => j.Payload).SingleAsync()));

        // Small now (nothing changes): the same request is answered in the response, as before.
        var again = await client.PostAsJsonAsync(Sync, Dozen());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(12, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("servants").GetProperty("unchanged").GetInt32());
        Assert.Equal(0, await App.RunDirectoryJobsAsync());
    }

    [Fact]
    public async Task The_client_may_ask_for_the_background_and_a_dry_run_always_answers_in_the_response()
    {
        var client = await WriterAsync();
        var one = new { servants = new[] { Servant(1) } };
        var (first, firstLocation) = await QueuedAsync(client, one, "?async=true");

        using var prefer = new HttpRequestMessage(HttpMethod.Post, Sync) { Content = JsonContent.Create(one) };
        prefer.Headers.Add("Prefer", "return=minimal, respond-async; wait=10");
        var preferred = await client.SendAsync(prefer);
        Assert.Equal(HttpStatusCode.Accepted, preferred.StatusCode);
        Assert.Equal("respond-async", Assert.Single(preferred.Headers.GetValues("Preference-Applied")));

        var dryRun = await client.PostAsJsonAsync(Sync + "?dryRun=true&async=true", one);
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.True((await dryRun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, await App.WithDbAsync(d => d.DirectoryJobs.CountAsync()));

        // In order: the first creates the servant, the second finds it as it is.
        Assert.Equal(2, await App.RunDirectoryJobsAsync());
        var created = await JobAsync(client, firstLocation);
        Assert.Equal(1, created.GetProperty("result").GetProperty("servants").GetProperty("created").GetInt32());
        var second = await JobAsync(client, preferred.Headers.Location!);
        Assert.Equal("Succeeded", second.GetProperty("state").GetString());
        Assert.Equal(1, second.GetProperty("result").GetProperty("servants").GetProperty("unchanged").GetInt32());
        Assert.True(second.GetProperty("id").GetInt64() > first);
    }

    [Fact]
    public async Task A_large_sync_with_a_bad_row_answers_422_in_the_response_and_queues_nothing()
    {
        var client = await WriterAsync();
        var servants = Enumerable.Range(1, 12).Select(i => Servant(i)).ToList();
        servants[3] = Servant(4, email: "correo-sin-arroba");
        foreach (var query in new[] { "", "?async=true" })
        {
            var problem = await ProblemAsync(await client.PostAsJsonAsync(Sync + query, new { servants }), HttpStatusCode.UnprocessableEntity);
            Assert.Contains("Se encontró 1 problema", problem.GetProperty("detail").GetString());
            var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
            Assert.Equal(4, error.GetProperty("row").GetInt32());
            Assert.Equal("Correo institucional", error.GetProperty("field").GetString());
        }
        Assert.Equal(0, await App.WithDbAsync(d => d.DirectoryJobs.CountAsync()));
        Assert.Equal(0, await App.RunDirectoryJobsAsync());
        Assert.Equal(0, await SyncedServantsAsync());
    }

    [Fact]
    public async Task Only_the_key_that_started_a_job_reads_it()
    {
        var owner = await WriterAsync("Nómina");
        var (id, location) = await QueuedAsync(owner, Dozen());

        var other = await WriterAsync("Otra suite");
        var problem = await ProblemAsync(await other.GetAsync(location), HttpStatusCode.NotFound);
        Assert.Contains($"No hay un trabajo de sincronización {id} iniciado con esta clave", problem.GetProperty("detail").GetString());
        await ProblemAsync(await owner.GetAsync($"/api/v1/directory/sync/jobs/{id + 1000}"), HttpStatusCode.NotFound);
        var reader = App.KeyClient(await App.KeyAsync("Lector", null, ApiScopes.DirectoryRead, ApiScopes.ResultsRead));
        await ProblemAsync(await reader.GetAsync(location), HttpStatusCode.Forbidden);
        // A browser session, even Talento Humano's, does not write the directory nor read its jobs.
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await App.SignedInAsync(Accounts.TalentoHumano)).GetAsync(location)).StatusCode);

        Assert.Equal("Queued", (await JobAsync(owner, location)).GetProperty("state").GetString());
        Assert.True(await App.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Consultar" && a.EntityType == "Sincronización"
            && a.EntityId == id.ToString() && a.UserName == "Clave de API: Nómina")));
    }

    [Fact]
    public async Task A_job_the_directory_refuses_when_it_is_applied_ends_failed_with_its_Spanish_errors_and_nothing_written()
    {
        var client = await WriterAsync();
        var (id, location) = await QueuedAsync(client, Dozen());

        // Between the request and the worker, someone gives another servant the e-mail of the job's fourth servant.
        var meanwhile = await client.PostAsJsonAsync(Sync, new { servants = new[] { Servant(900, email: "servidor4@sync.test") } });
        Assert.Equal(HttpStatusCode.OK, meanwhile.StatusCode);

        Assert.Equal(1, await App.RunDirectoryJobsAsync());
        var job = await JobAsync(client, location);
        Assert.Equal("Failed", job.GetProperty("state").GetString());
        Assert.Equal("Fallida", job.GetProperty("stateLabel").GetString());
        Assert.Contains("No se guardó ningún cambio", job.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("result").ValueKind);
        var error = Assert.Single(job.GetProperty("errors").EnumerateArray());
        Assert.Equal("servidores", error.GetProperty("section").GetString());
        Assert.Equal(4, error.GetProperty("row").GetInt32());
        Assert.Equal("Correo institucional", error.GetProperty("field").GetString());
        Assert.Contains("El correo servidor4@sync.test ya lo tiene otro servidor del directorio", error.GetProperty("message").GetString());

        // All or nothing: only the servant of the other call is there.
        Assert.Equal(["5000000900"], await App.WithDbAsync(d => d.Servants.Where(s => s.Email.EndsWith("@sync.test")).Select(s => s.DocumentNumber).ToListAsync()));
        Assert.False(await App.WithDbAsync(d => d.Dependencies.AnyAsync(x => x.Code == "320")));
        Assert.True(await App.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Summary.StartsWith($"Trabajo {id} rechazado (422)"))));
        Assert.Equal(0, await App.RunDirectoryJobsAsync());
    }

    [Fact]
    public async Task A_second_instance_claims_nothing_the_first_holds_and_takes_over_a_job_whose_instance_stopped_after_the_lease()
    {
        var client = await WriterAsync();
        var (held, heldLocation) = await QueuedAsync(client, Dozen());
        await using var second = App.SecondInstance();
        var firstRunner = App.Services.GetRequiredService<DirectoryJobRunner>();
        var secondRunner = second.Services.GetRequiredService<DirectoryJobRunner>();

        // The first instance claims it (and, say, stops before applying it): the second leaves it alone while the lease holds.
        Assert.Equal(held, await firstRunner.ClaimNextAsync(CancellationToken.None));
        Assert.Null(await secondRunner.ClaimNextAsync(CancellationToken.None));
        Assert.Equal(0, await second.RunDirectoryJobsAsync());
        var row = await App.WithDbAsync(d => d.DirectoryJobs.AsNoTracking().SingleAsync(j => j.Id == held));
        Assert.Equal((DirectoryJobState.Running, firstRunner.Instance, 1), (row.State, row.ClaimedBy, row.Attempts));
        Assert.Equal("Running", (await JobAsync(client, heldLocation)).GetProperty("state").GetString());

        // Both instances run their due jobs at once: the next job is applied once, by one of them.
        await QueuedAsync(client, Dozen(from: 13));
        var ran = await Task.WhenAll(App.RunDirectoryJobsAsync(), second.RunDirectoryJobsAsync());
        Assert.Equal(1, ran.Sum());
        Assert.Equal(12, await App.WithDbAsync(d => d.Servants.CountAsync(s => s.Email.EndsWith("@sync.test"))));

        // Past the lease (DirectoryJobs:LeaseSeconds, 5 minutes) with no news from the first, the second takes the job over.
        second.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await second.RunDirectoryJobsAsync());
        row = await App.WithDbAsync(d => d.DirectoryJobs.AsNoTracking().SingleAsync(j => j.Id == held));
        Assert.Equal((DirectoryJobState.Succeeded, secondRunner.Instance, 2), (row.State, row.ClaimedBy, row.Attempts));
        Assert.Equal(24, await App.WithDbAsync(d => d.Servants.CountAsync(s => s.Email.EndsWith("@sync.test"))));

        // The first instance, back, no longer holds it: it applies nothing.
        Assert.Null(await firstRunner.RunClaimedAsync(held, CancellationToken.None));
        Assert.Equal("Succeeded", (await JobAsync(client, heldLocation)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_job_whose_instance_keeps_stopping_fails_after_DirectoryJobs_MaxAttempts_instead_of_running_forever()
    {
        // A host of its own: the class's shares DirectoryJobs:MaxAttempts' default (the take-over test needs a second attempt).
        App = own = new EgiAppFactory(App.Db);
        Configure(App);
        App.Settings["DirectoryJobs:MaxAttempts"] = "1";
        var client = await WriterAsync();
        var (id, location) = await QueuedAsync(client, Dozen());
        Assert.Equal(id, await App.Services.GetRequiredService<DirectoryJobRunner>().ClaimNextAsync(CancellationToken.None));

        App.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await App.RunDirectoryJobsAsync());
        var job = await JobAsync(client, location);
        Assert.Equal("Failed", job.GetProperty("state").GetString());
        Assert.Contains("se interrumpió una vez", job.GetProperty("message").GetString());
        Assert.Equal(0, await SyncedServantsAsync());
    }

    [Fact]
    public async Task The_progress_of_a_running_job_is_what_its_worker_reported()
    {
        var client = await WriterAsync();
        var (id, location) = await QueuedAsync(client, Dozen());
        var runner = App.Services.GetRequiredService<DirectoryJobRunner>();
        Assert.Equal(id, await runner.ClaimNextAsync(CancellationToken.None));
        await using var lease = await runner.OpenLeaseAsync(id, CancellationToken.None);
        lease.Report(10);

        var running = await JobAsync(client, location);
        Assert.Equal("Running", running.GetProperty("state").GetString());
        Assert.Equal("En curso", running.GetProperty("stateLabel").GetString());
        Assert.Equal(10, running.GetProperty("processed").GetInt32());
        Assert.Equal(40, running.GetProperty("percent").GetInt32()); // 10 of 25 steps
        Assert.NotEqual(JsonValueKind.Null, running.GetProperty("startedAt").ValueKind);
    }

    /// <summary>
    /// PostgreSQL: the progress and the lease are saved on the row in their own short UPDATE, so another instance reads the
    /// progress, a job whose worker is alive is not taken over, and a worker that lost its job hears it (its apply stops).
    /// On SQLite (one process) the job's transaction is the one writer until it commits: both stay in the instance's memory.
    /// </summary>
    protected async Task Progress_and_lease_are_saved_on_the_row_for_every_instance()
    {
        var client = await WriterAsync();
        var (id, location) = await QueuedAsync(client, Dozen());
        await using var second = App.SecondInstance();
        var onSecond = second.KeyClient(client.DefaultRequestHeaders.Authorization!.Parameter!);
        var runner = App.Services.GetRequiredService<DirectoryJobRunner>();
        Assert.Equal(id, await runner.ClaimNextAsync(CancellationToken.None));
        await using var lease = await runner.OpenLeaseAsync(id, CancellationToken.None);

        lease.Report(10);
        App.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(await lease.SaveAsync());
        Assert.Equal(10, (await JobAsync(onSecond, location)).GetProperty("processed").GetInt32());

        // Claimed at 10:00 for 5 minutes, renewed at 10:04: at 10:06 the job is still the first instance's.
        second.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(0, await second.RunDirectoryJobsAsync());
        // At 10:10 it is not: the second takes it over, and the first hears it at its next save.
        second.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(1, await second.RunDirectoryJobsAsync());
        Assert.False(await lease.SaveAsync());
        Assert.True(lease.Lost);
        Assert.True(lease.Token.IsCancellationRequested);
        Assert.Equal("Succeeded", (await JobAsync(client, location)).GetProperty("state").GetString());
    }
}

public sealed class DirectorySyncJobTestsSqlite(DirectorySyncJobSqliteHost host) : DirectorySyncJobTests(host), IClassFixture<DirectorySyncJobSqliteHost>;

public sealed class DirectorySyncJobTestsPostgres(DirectorySyncJobPostgresHost host) : DirectorySyncJobTests(host), IClassFixture<DirectorySyncJobPostgresHost>
{
    [Fact]
    public Task Progress_and_lease_are_saved_on_the_row_for_every_instance_test() => Progress_and_lease_are_saved_on_the_row_for_every_instance();
}

/// <summary>Api:SyncBackgroundFrom 5: a dozen servants make a large sync.</summary>
public abstract class DirectorySyncJobHost(Db db) : SharedHost(db, app => DirectorySyncJobTests.Configure(app));

public sealed class DirectorySyncJobSqliteHost() : DirectorySyncJobHost(Db.Sqlite);

public sealed class DirectorySyncJobPostgresHost() : DirectorySyncJobHost(Db.Postgres);
