using Egi.Domain.Competencies;
using Egi.Web.Data;
using Egi.Web.Data.Migrations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Egi.Web.Tests.Competencies;

/// <summary>
/// The data conversion of migration DecreeCatalogueText (issue 13, item 10) on a real database of each provider: a
/// catalogue as EGI seeded it before (the old definitions, no conductas) gets the decree's text and conductas; an entry
/// Talento Humano edited (its definition, or its name) and an entry Talento Humano added keep what they have; running it
/// again changes nothing; the Down statements give back the old text of the converted entries only.
/// </summary>
public abstract class DecreeCatalogueSqlTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    private const string EditedDefinition = "Relacionarse con entidades aliadas del municipio (texto propio de la entidad).";

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        // The catalogue as the application stored it before the change: every entry with EGI's old seeded text and no
        // conductas; then Talento Humano's own changes: ASE-04's definition and COM-05's name edited, TEC-04 added.
        await RunAsync(DecreeCatalogueSql.Entries.Select(e =>
            $"UPDATE \"CompetencyEntries\" SET \"Definition\" = '{e.OldDefinition.Replace("'", "''", StringComparison.Ordinal)}', \"Behaviors\" = '' WHERE \"Code\" = '{e.Code}';"));
        await app.WithDbAsync(async d =>
        {
            var relations = await d.CompetencyEntries.SingleAsync(c => c.Code == "ASE-04");
            relations.Definition = EditedDefinition;
            var team = await d.CompetencyEntries.SingleAsync(c => c.Code == "COM-05");
            team.Name = "Trabajo en equipo y colaboración";
            d.CompetencyEntries.Add(new CompetencyEntry { Code = "TEC-04", Group = CompetencyGroup.Tecnico, Name = "Manejo de herramientas", Definition = "Usar bien las herramientas." });
            await d.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

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

    private Task<Dictionary<string, CompetencyEntry>> RowsAsync() =>
        app.WithDbAsync(d => d.CompetencyEntries.AsNoTracking().ToDictionaryAsync(c => c.Code));

    [Fact]
    public async Task Entries_still_holding_the_old_seed_get_the_decree_text_and_edited_ones_keep_theirs()
    {
        var before = await RowsAsync();
        Assert.Equal("Establecer y mantener relaciones cordiales y recíprocas con redes o grupos de personas internas y externas a la organización que faciliten la consecución de los objetivos institucionales.",
            DecreeCatalogueSql.Entries.Single(e => e.Code == "ASE-04").OldDefinition);
        Assert.Equal("Generar y desarrollar nuevas ideas, conceptos, métodos y soluciones.", before["ASE-02"].Definition);
        Assert.All(before.Values, r => Assert.Equal("", r.Behaviors));

        await RunAsync(DecreeCatalogueSql.Up());

        var after = await RowsAsync();
        var decree = CompetencyCatalogue.DefaultEntries().ToDictionary(c => c.Code);
        // Unedited entries: the decree's definition and conductas, whether the definition changed or not.
        Assert.Equal("Generar y desarrollar nuevas ideas, conceptos, métodos y soluciones orientados a mantener la competitividad de la entidad y el uso eficiente de los recursos.",
            after["ASE-02"].Definition);
        Assert.Equal("Coopera con los demás con el fin de alcanzar los objetivos institucionales.", after["ASI-03"].Definition);
        Assert.Equal(decree["COM-02"].Definition, after["COM-02"].Definition);
        Assert.Equal(10, Competency.ParseBehaviors(after["COM-02"].Behaviors).Count);
        Assert.Equal("Asume la responsabilidad por sus resultados.", Competency.ParseBehaviors(after["COM-02"].Behaviors)[0]);
        foreach (var e in DecreeCatalogueSql.Entries.Where(e => e.Code is not ("ASE-04" or "COM-05")))
        {
            Assert.Equal(decree[e.Code].Definition, after[e.Code].Definition);
            Assert.Equal(decree[e.Code].Behaviors, Competency.ParseBehaviors(after[e.Code].Behaviors));
        }

        // Edited by Talento Humano: left alone (definition, name, no conductas added).
        Assert.Equal(EditedDefinition, after["ASE-04"].Definition);
        Assert.Equal("", after["ASE-04"].Behaviors);
        Assert.Equal(("Trabajo en equipo y colaboración", before["COM-05"].Definition, ""), (after["COM-05"].Name, after["COM-05"].Definition, after["COM-05"].Behaviors));
        // Added by Talento Humano, or not found in the decree's published text: untouched.
        foreach (var code in new[] { "TEC-04", "DIR-06", "DIR-07", "PRO-P-01", "PRO-P-02" })
            Assert.Equal((before[code].Name, before[code].Definition, before[code].Behaviors), (after[code].Name, after[code].Definition, after[code].Behaviors));

        // The catalogue reads back through EF Core and the domain with its conductas.
        var catalogue = await app.WithDbAsync(async d => CompetencyEntry.ToCatalogue(await d.CompetencyEntries.ToListAsync()));
        Assert.Equal(3, catalogue.Find("ASI-03")!.Behaviors.Count);
    }

    [Fact]
    public async Task Running_it_twice_changes_nothing_and_down_restores_only_what_it_converted()
    {
        await RunAsync(DecreeCatalogueSql.Up());
        var once = await RowsAsync();
        await RunAsync(DecreeCatalogueSql.Up());
        var twice = await RowsAsync();
        Assert.Equal(once.Values.Select(r => (r.Code, r.Name, r.Definition, r.Behaviors)).Order(), twice.Values.Select(r => (r.Code, r.Name, r.Definition, r.Behaviors)).Order());

        // Talento Humano edits a converted entry's conductas after the upgrade: Down leaves that entry as it is.
        await app.WithDbAsync(async d =>
        {
            var row = await d.CompetencyEntries.SingleAsync(c => c.Code == "TEC-02");
            row.Behaviors = "Cumple el horario.";
            await d.SaveChangesAsync();
        });

        await RunAsync(DecreeCatalogueSql.Down());

        var down = await RowsAsync();
        var old = DecreeCatalogueSql.Entries.ToDictionary(e => e.Code);
        Assert.Equal((old["ASE-02"].OldDefinition, ""), (down["ASE-02"].Definition, down["ASE-02"].Behaviors));
        Assert.Equal((old["COM-01"].OldDefinition, ""), (down["COM-01"].Definition, down["COM-01"].Behaviors));
        Assert.Equal("Cumple el horario.", down["TEC-02"].Behaviors);
        Assert.Equal(EditedDefinition, down["ASE-04"].Definition);
        Assert.Equal("Trabajo en equipo y colaboración", down["COM-05"].Name);
    }

    [Fact]
    public async Task The_migration_converts_a_database_upgraded_from_the_previous_version()
    {
        // Back to the schema before DecreeCatalogueText (its Down drops the conductas), as a database of the previous
        // version is: there, ASE-02 still holds EGI's old text and ASE-04 the text Talento Humano wrote.
        await app.WithDbAsync(d => d.GetService<IMigrator>().MigrateAsync("EdlResults"));
        Assert.Equal("Generar y desarrollar nuevas ideas, conceptos, métodos y soluciones.", await DefinitionAsync("ASE-02"));
        Assert.Equal(EditedDefinition, await DefinitionAsync("ASE-04"));

        await app.WithDbAsync(d => d.Database.MigrateAsync());

        var after = await RowsAsync();
        Assert.Equal("Generar y desarrollar nuevas ideas, conceptos, métodos y soluciones orientados a mantener la competitividad de la entidad y el uso eficiente de los recursos.",
            after["ASE-02"].Definition);
        Assert.Equal(4, Competency.ParseBehaviors(after["ASE-02"].Behaviors).Count);
        Assert.Equal((EditedDefinition, ""), (after["ASE-04"].Definition, after["ASE-04"].Behaviors));
        Assert.Equal(("Manejo de herramientas", ""), (after["TEC-04"].Name, after["TEC-04"].Behaviors));
    }

    private Task<string> DefinitionAsync(string code) =>
        app.WithDbAsync(d => d.Database.SqlQueryRaw<string>("SELECT \"Definition\" AS \"Value\" FROM \"CompetencyEntries\" WHERE \"Code\" = {0}", code).SingleAsync());

    [Fact]
    public void The_statements_name_every_converted_entry_once_and_quote_the_texts()
    {
        Assert.Equal(26, DecreeCatalogueSql.Entries.Count);
        Assert.Equal(DecreeCatalogueSql.Entries.Count, DecreeCatalogueSql.Entries.Select(e => e.Code).Distinct().Count());
        Assert.DoesNotContain(DecreeCatalogueSql.Entries, e => e.Code is "DIR-06" or "DIR-07" or "PRO-P-01" or "PRO-P-02");
        Assert.All(DecreeCatalogueSql.Up(), sql => Assert.EndsWith("AND \"Behaviors\" = '';", sql, StringComparison.Ordinal));
        Assert.Equal(DecreeCatalogueSql.Entries.Count, DecreeCatalogueSql.Down().Count());
    }
}

public sealed class DecreeCatalogueSqlTestsSqlite(SqliteHost host) : DecreeCatalogueSqlTests(host), IClassFixture<SqliteHost>;

public sealed class DecreeCatalogueSqlTestsPostgres(PostgresHost host) : DecreeCatalogueSqlTests(host), IClassFixture<PostgresHost>;
