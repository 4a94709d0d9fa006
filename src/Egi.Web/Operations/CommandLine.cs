using Egi.Web.Infrastructure;
using Egi.Web.Notifications;

namespace Egi.Web.Operations;

/// <summary>The operations commands: <c>admin create</c>, <c>backup</c> and <c>restore</c>.</summary>
public enum CommandVerb
{
    AdminCreate,
    Backup,
    Restore,
}

/// <summary>A parsed command: its verb and its own options; every other argument is configuration for the host.</summary>
public sealed record EgiCommand(CommandVerb Verb, IReadOnlyDictionary<string, string?> Options, IReadOnlyList<string> HostArgs)
{
    public string? Option(string name) => Options.GetValueOrDefault(name);
    public bool Flag(string name) => Options.ContainsKey(name);
}

/// <summary>
/// Runs an operations command instead of the web application: <c>dotnet run --project src/Egi.Web -- admin create
/// --email persona@entidad.gov.co</c>, <c>-- backup --out DIR</c>, <c>-- restore --from DIR [--force]</c>. The
/// configuration is the web application's (appsettings, environment variables, <c>--Key=Value</c> arguments), so
/// the command reaches the same database and data folder with the same settings.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<CommandVerb, (string Name, string[] Values, string[] Flags)> Syntax = new()
    {
        [CommandVerb.AdminCreate] = ("admin create", ["email", "name"], []),
        [CommandVerb.Backup] = ("backup", ["out"], []),
        [CommandVerb.Restore] = ("restore", ["from"], ["force"]),
    };

    public const string Usage =
        """
        Uso / usage:
          dotnet run --project src/Egi.Web -- admin create --email persona@entidad.gov.co [--name "Nombre Apellido"]
          dotnet run --project src/Egi.Web -- backup --out /ruta/copias
          dotnet run --project src/Egi.Web -- restore --from /ruta/copias/egi-AAAAMMDD-HHMMSS [--force]
        Cualquier otra opción --Clave=Valor es configuración de EGI (p. ej. --Database:Provider=Postgres).
        """;

    /// <summary>Whether the arguments start with a command (otherwise they are the web application's).</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "admin" or "backup" or "restore";

    /// <summary>The command, or a Spanish error naming what is wrong.</summary>
    public static (EgiCommand? Command, string? Error) Parse(string[] args)
    {
        if (!IsCommand(args)) return (null, "No es un comando de EGI.");
        CommandVerb verb;
        int next;
        switch (args[0])
        {
            case "admin" when args.Length > 1 && args[1] == "create":
                verb = CommandVerb.AdminCreate;
                next = 2;
                break;
            case "admin":
                return (null, "El comando «admin» necesita una acción: «admin create --email persona@entidad.gov.co».");
            case "backup":
                verb = CommandVerb.Backup;
                next = 1;
                break;
            default:
                verb = CommandVerb.Restore;
                next = 1;
                break;
        }
        var (name, values, flags) = Syntax[verb];
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var hostArgs = new List<string>();
        for (var i = next; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                hostArgs.Add(arg);
                continue;
            }
            var key = arg[2..];
            string? inline = null;
            var eq = key.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = key[(eq + 1)..];
                key = key[..eq];
            }
            if (values.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                if (inline is null)
                {
                    if (i + 1 >= args.Length) return (null, $"Falta el valor de --{key} en «{name}».");
                    inline = args[++i];
                }
                options[key] = inline;
            }
            else if (flags.Contains(key, StringComparer.OrdinalIgnoreCase))
                options[key] = "true";
            else
                hostArgs.Add(arg); // configuration (--Key=Value or --Key Value): the host reads it
        }
        var missing = values.Where(v => v != "name" && !options.ContainsKey(v)).ToList();
        if (missing.Count > 0) return (null, $"Falta --{missing[0]} en «{name}».");
        return (new EgiCommand(verb, options, hostArgs), null);
    }

    /// <summary>Parses and runs a command; returns the process exit code (0 done, 1 refused or failed, 2 wrong usage).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var (command, problem) = Parse(args);
        if (command is null)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var builder = WebApplication.CreateBuilder(command.HostArgs.ToArray());
        // The console shows what the command says, not every SQL command; a failed connection surfaces as an error below
        // (creating a new database first logs a connection failure that is not news).
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None);
        // The services the commands need, registered as Program.cs registers them (same database, key ring and mail).
        builder.Services.AddCheckedOptions<EgiOptions>(builder.Configuration.GetSection("Egi"), EgiOptions.Check);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddEgiData(builder.Configuration, builder.Environment);
        builder.Services.AddEgiIdentity();
        builder.Services.AddEgiNotifications(builder.Configuration);
        builder.Services.AddScoped<IAuditActor>(_ => new CommandLineActor(Syntax[command.Verb].Name));
        await using var app = builder.Build();

        try
        {
            return command.Verb switch
            {
                CommandVerb.AdminCreate => await AdminCommand.RunAsync(app, command, output, error, ct),
                CommandVerb.Backup => await BackupCommand.BackupAsync(app, command, output, error, ct),
                _ => await BackupCommand.RestoreAsync(app, command, output, error, ct),
            };
        }
        catch (CommandException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync($"El comando «{Syntax[command.Verb].Name}» falló: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }
}

/// <summary>A refusal of a command, with its Spanish message for the person at the console.</summary>
public sealed class CommandException(string message) : Exception(message);

/// <summary>The audit trail's actor for an operations command run at the server's console.</summary>
public sealed class CommandLineActor(string command) : IAuditActor
{
    public string? UserId => null;
    public string UserName => $"Consola del servidor ({command})";
    public string Roles => "";
    public string? Ip => null;
}
