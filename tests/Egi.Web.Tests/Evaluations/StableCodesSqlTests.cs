using System.Text.Encodings.Web;
using System.Text.Json;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Data.Migrations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// The data conversion of issue #15 on a real database of each provider: an evaluation whose JSON columns hold the
/// Spanish labels the application used to store (written with raw SQL) reads back through EF Core with the enums after
/// <see cref="StableCodesSql"/> ran; running it again changes nothing; the Down statements restore the labels.
/// </summary>
public abstract class StableCodesSqlTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private int oldId;
    private int newId;

    private static readonly DateTime At = new(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc);

    // The old JSON as EF wrote it, in both escapings System.Text.Json produces: "Decisión" and "Decisi\u00f3n".
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Escaped = new();

    private static StableCodesSql.CodedProperty Table(string column, string property) =>
        StableCodesSql.Properties.Single(p => p.Column == column && p.Property == property);

    private static IReadOnlyList<string> Labels(string column, string property) => Table(column, property).Codes.Select(c => c.Label).ToList();

    private static T Code<T>(string column, string property, string label) where T : struct, Enum =>
        Enum.Parse<T>(Table(column, property).Codes.Single(c => c.Label == label).Code);

    /// <summary>One history event per old action label (roles taken in turn), with a non-ASCII name and comment.</summary>
    private static string OldHistory()
    {
        var roles = Labels("History", "Role");
        var events = Labels("History", "Action").Select((action, i) => new
        {
            Action = action,
            ActorName = "Elena Comisión",
            ActorUserId = $"u-{i}",
            At = At.AddMinutes(i),
            Comment = i % 2 == 0 ? "Decisión de la comisión" : null, // a comment that looks like a label stays text
            From = (int)EvaluationState.GoalApproval,
            Role = roles[i % roles.Count],
            Sequence = i + 1,
            To = (int)EvaluationState.GoalAcceptance,
        });
        return JsonSerializer.Serialize(events, Raw);
    }

    private static string OldVersions() => JsonSerializer.Serialize(Labels("Versions", "Kind").Select((kind, i) => new
    {
        ActorName = "Bruno Jefe",
        At = At.AddMinutes(i),
        ChangesJson = "[]",
        ContentJson = "[{\"Number\":1}]",
        Kind = kind,
        Round = i + 1,
        Sequence = i + 1,
        Step = (int)EvaluationStep.Goals,
    }), Escaped);

    private static string OldTenures() => JsonSerializer.Serialize(Labels("Tenures", "EndCause").Select((cause, i) => new
    {
        EndCause = cause,
        EvaluatorId = 100 + i,
        From = new DateOnly(2026, 1, 1).AddDays(i * 10),
        IsCommittee = false,
        To = (DateOnly?)new DateOnly(2026, 1, 10).AddDays(i * 10),
    }).Append(new { EndCause = (string)null!, EvaluatorId = 200, From = new DateOnly(2026, 3, 1), IsCommittee = true, To = (DateOnly?)null }), Raw);

    private static string OldPartials() => JsonSerializer.Serialize(Labels("Partials", "Cause").Select((cause, i) => new
    {
        Cause = cause,
        Comment = "Evaluación parcial",
        CreatedAt = At,
        EvaluatorId = 100 + i,
        From = new DateOnly(2026, 1, 1),
        Goals = new[] { new { AchievedPercent = 40 + i, GoalNumber = 1, Observation = "Avance según el acta", Weight = 100 } },
        PeriodEnd = new DateOnly(2026, 12, 31),
        RecordedAt = (DateTime?)At,
        RecordedBy = "Talento Humano",
        RecordedOnBehalf = true,
        Sequence = i + 1,
        Status = (int)PartialStatus.Recorded,
        To = new DateOnly(2026, 6, 30),
        WaiverReason = (string?)null,
    }), Escaped);

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        (oldId, newId) = await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.SingleAsync(p => p.Year == 2026);
            var servants = await d.Servants.OrderBy(s => s.Id).Select(s => s.Id).Take(3).ToListAsync();
            var old = Evaluation.Open(period.Id, servants[0], servants[2], At);
            // Written by EF with the codes: the conversion must leave it as it is.
            var current = Evaluation.Open(period.Id, servants[1], servants[2], At);
            current.History.Add(new EvaluationEvent { Sequence = 1, At = At, ActorUserId = "u", ActorName = "Ana", Role = ActorRole.Evaluado, Action = EvaluationAction.Submit });
            current.Versions.Add(new EvaluationVersion { Sequence = 1, Step = EvaluationStep.Goals, Round = 1, At = At, ActorName = "Ana", Kind = VersionKind.Proposal });
            current.Tenures.Add(new EvaluatorTenure { EvaluatorId = servants[2], From = new(2026, 1, 1), To = new(2026, 5, 1), EndCause = PartialCause.BossChange });
            current.Partials.Add(new PartialEvaluation { Sequence = 1, EvaluatorId = servants[2], Cause = PartialCause.BossChange, CreatedAt = At });
            d.Evaluations.AddRange(old, current);
            await d.SaveChangesAsync();
            return (old.Id, current.Id);
        });
        // What the application stored before the stable codes, written as raw SQL.
        await app.WithDbAsync(d => d.Database.ExecuteSqlRawAsync(app.Db == Db.Postgres ? PostgresOldJson : SqliteOldJson,
            OldHistory(), OldVersions(), OldTenures(), OldPartials(), oldId));
    }

    private const string SqliteOldJson =
        "UPDATE \"Evaluations\" SET \"History\" = {0}, \"Versions\" = {1}, \"Tenures\" = {2}, \"Partials\" = {3} WHERE \"Id\" = {4}";

    private const string PostgresOldJson =
        "UPDATE \"Evaluations\" SET \"History\" = {0}::jsonb, \"Versions\" = {1}::jsonb, \"Tenures\" = {2}::jsonb, \"Partials\" = {3}::jsonb WHERE \"Id\" = {4}";

    private const string SqliteRaw =
        "SELECT COALESCE(\"History\", '') || ' | ' || COALESCE(\"Versions\", '') || ' | ' || COALESCE(\"Tenures\", '') || ' | ' || COALESCE(\"Partials\", '') AS \"Value\" FROM \"Evaluations\" WHERE \"Id\" = {0}";

    private const string PostgresRaw =
        "SELECT COALESCE(\"History\"::text, '') || ' | ' || COALESCE(\"Versions\"::text, '') || ' | ' || COALESCE(\"Tenures\"::text, '') || ' | ' || COALESCE(\"Partials\"::text, '') AS \"Value\" FROM \"Evaluations\" WHERE \"Id\" = {0}";

    public Task DisposeAsync() => Task.CompletedTask;

    private string[] Up => app.Db == Db.Postgres ? StableCodesSql.Postgres : StableCodesSql.Sqlite;
    private string[] Down => app.Db == Db.Postgres ? StableCodesSql.PostgresDown : StableCodesSql.SqliteDown;

    /// <summary>Runs the statements as a migration's Sql() does: as they are, on the context's connection.</summary>
    private Task RunAsync(IEnumerable<string> statements) => app.WithDbAsync(async d =>
    {
        var connection = d.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    });

    /// <summary>The four JSON columns of an evaluation as the database has them (text).</summary>
    private Task<string> RawAsync(int id) =>
        app.WithDbAsync(d => d.Database.SqlQueryRaw<string>(app.Db == Db.Postgres ? PostgresRaw : SqliteRaw, id).SingleAsync());

    private Task<Evaluation> ReadAsync(int id) => app.WithDbAsync(d => d.Evaluations.AsNoTracking().SingleAsync(e => e.Id == id));

    [Fact]
    public async Task The_old_spanish_labels_become_the_enums()
    {
        if (app.Db == Db.Sqlite) // TEXT keeps the escaped form as written (jsonb normalizes it)
            Assert.Contains("Decisi\\u00F3n de la comisi\\u00F3n", await RawAsync(oldId), StringComparison.OrdinalIgnoreCase);
        var untouched = await RawAsync(newId);

        await RunAsync(Up);

        var e = await ReadAsync(oldId);
        var roles = Labels("History", "Role");
        Assert.Equal(Labels("History", "Action").Select(l => Code<EvaluationAction>("History", "Action", l)), e.History.OrderBy(h => h.Sequence).Select(h => h.Action));
        Assert.Equal(e.History.OrderBy(h => h.Sequence).Select((_, i) => Code<ActorRole>("History", "Role", roles[i % roles.Count])),
            e.History.OrderBy(h => h.Sequence).Select(h => h.Role));
        Assert.Contains(EvaluationAction.CommitteeDecision, e.History.Select(h => h.Action));
        Assert.All(e.History, h => Assert.Equal("Elena Comisión", h.ActorName));
        Assert.Equal("Decisión de la comisión", e.History.OrderBy(h => h.Sequence).First().Comment); // comments are text, not codes
        Assert.Equal([VersionKind.Proposal, VersionKind.Modification, VersionKind.CommitteeDecision], e.Versions.OrderBy(v => v.Sequence).Select(v => v.Kind));
        Assert.Equal("[{\"Number\":1}]", e.Versions[0].ContentJson);
        PartialCause[] causes = [PartialCause.Reassignment, PartialCause.Committee, PartialCause.BossChange, PartialCause.DependencyChange, PartialCause.EvaluatorRetired, PartialCause.EvaluadoRetired];
        Assert.Equal([.. causes.Cast<PartialCause?>(), null], e.Tenures.Select(t => t.EndCause));
        Assert.Equal((200, true, (DateOnly?)null), (e.Tenures[^1].EvaluatorId, e.Tenures[^1].IsCommittee, e.Tenures[^1].To));
        Assert.Equal(causes, e.Partials.OrderBy(p => p.Sequence).Select(p => p.Cause));
        Assert.All(e.Partials, p => Assert.Equal((PartialStatus.Recorded, "Evaluación parcial", "Avance según el acta"), (p.Status, p.Comment, p.Goals.Single().Observation)));
        Assert.Equal([40, 41, 42, 43, 44, 45], e.Partials.OrderBy(p => p.Sequence).Select(p => p.Goals.Single().AchievedPercent));

        // What the pages print is unchanged.
        Assert.Equal(Labels("History", "Action"), e.History.OrderBy(h => h.Sequence).Select(h => h.Action.Label()));
        Assert.Equal(Labels("Partials", "Cause"), e.Partials.OrderBy(p => p.Sequence).Select(p => p.Cause.Label()));

        // Stored by name; an evaluation already in codes is left alone; running again changes nothing.
        var converted = await RawAsync(oldId);
        Assert.Contains("CommitteeDecision", converted, StringComparison.Ordinal);
        Assert.DoesNotContain("Enviar", converted, StringComparison.Ordinal);
        Assert.Equal(untouched, await RawAsync(newId));
        await RunAsync(Up);
        Assert.Equal(converted, await RawAsync(oldId));
        Assert.Equal(untouched, await RawAsync(newId));

        // Saving through EF keeps the names.
        await app.WithDbAsync(async d =>
        {
            var tracked = await d.Evaluations.SingleAsync(x => x.Id == oldId);
            tracked.History.Add(new EvaluationEvent { Sequence = 99, At = At, ActorName = "Ana", Role = ActorRole.TalentoHumano, Action = EvaluationAction.ReopenAfterRetirement });
            await d.SaveChangesAsync();
        });
        Assert.Contains("ReopenAfterRetirement", await RawAsync(oldId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Down_restores_the_labels_and_up_again_the_codes()
    {
        await RunAsync(Up);
        await RunAsync(Down);
        var raw = await RawAsync(oldId);
        Assert.Contains("Enviar", raw, StringComparison.Ordinal);
        Assert.Contains("Traslado a otra dependencia", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Submit\"", raw, StringComparison.Ordinal);
        await RunAsync(Up);
        var e = await ReadAsync(oldId);
        Assert.Equal(EvaluationAction.Submit, e.History.OrderBy(h => h.Sequence).First().Action);
        Assert.Equal(VersionKind.CommitteeDecision, e.Versions.OrderBy(v => v.Sequence).Last().Kind);
    }

    [Fact]
    public void Every_code_is_a_member_of_its_enum()
    {
        var types = new Dictionary<(string, string), Type>
        {
            [("History", "Role")] = typeof(ActorRole),
            [("History", "Action")] = typeof(EvaluationAction),
            [("Versions", "Kind")] = typeof(VersionKind),
            [("Tenures", "EndCause")] = typeof(PartialCause),
            [("Partials", "Cause")] = typeof(PartialCause),
        };
        Assert.Equal(types.Keys.Order(), StableCodesSql.Properties.Select(p => (p.Column, p.Property)).Order());
        foreach (var p in StableCodesSql.Properties)
        {
            Assert.All(p.Codes, c => Assert.True(Enum.IsDefined(types[(p.Column, p.Property)], c.Code), $"{p.Column}.{p.Property}: {c.Code}"));
            Assert.Equal(p.Codes.Count, p.Codes.Select(c => c.Label).Distinct().Count());
        }
    }
}

public sealed class StableCodesSqlTestsSqlite(SqliteHost host) : StableCodesSqlTests(host), IClassFixture<SqliteHost>;

public sealed class StableCodesSqlTestsPostgres(PostgresHost host) : StableCodesSqlTests(host), IClassFixture<PostgresHost>;
