namespace Egi.Web.Infrastructure;

/// <summary>Section "Egi" of the configuration.</summary>
public sealed class EgiOptions
{
    /// <summary>Folder for the SQLite database, evidence files and mail pickup. Relative paths are from the content root.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Name of the entity, shown in the header and in e-mails.</summary>
    public string EntityName { get; set; } = "Entidad de demostración";

    /// <summary>Seed the demo entity when the database has no servants.</summary>
    public bool SeedDemo { get; set; }

    /// <summary>
    /// With the demo: open the period, put its goal window around today and advance a few evaluations,
    /// so that stage 1 can be walked through at any date.
    /// </summary>
    public bool DemoScenario { get; set; }

    /// <summary>Password of every demo account (printed at start-up).</summary>
    public string DemoPassword { get; set; } = "Egi.Demo2026";

    /// <summary>The start-up checks of the section (<see cref="OptionsValidation"/>).</summary>
    public static IEnumerable<string> Check(EgiOptions o) =>
        OptionsValidation.Required("Egi:DataFolder", o.DataFolder)
            .Concat(OptionsValidation.Required("Egi:EntityName", o.EntityName))
            .Concat(o.SeedDemo ? OptionsValidation.Required("Egi:DemoPassword", o.DemoPassword) : []);
}

/// <summary>Section "Database" of the configuration.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Sqlite (default, embedded) or Postgres.</summary>
    public string Provider { get; set; } = "Sqlite";

    public bool IsPostgres => Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
        || Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);
}
