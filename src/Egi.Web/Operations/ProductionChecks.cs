namespace Egi.Web.Operations;

/// <summary>
/// What a production start needs from its configuration. Outside Development, EGI refuses to start (the web host and
/// <c>admin create</c>) when a problem is found; a warning is only logged. Every line is in Spanish and in English, for
/// whoever reads the service's log.
/// </summary>
public static class ProductionChecks
{
    public const string AllowDemoKey = "Egi:AllowDemoOutsideDevelopment";

    /// <summary>Problems that prevent the start, and warnings that do not.</summary>
    public sealed record Result(IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings);

    /// <summary>Mail:BaseUrl as an absolute http(s) URL, or null when it is missing or malformed.</summary>
    public static Uri? BaseUrl(IConfiguration config) =>
        Uri.TryCreate(config["Mail:BaseUrl"]?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host)
            ? uri
            : null;

    public static Result Check(IConfiguration config, IHostEnvironment env)
    {
        var problems = new List<string>();
        var warnings = new List<string>();
        var development = env.IsDevelopment();
        var baseUrl = config["Mail:BaseUrl"];

        if (!string.IsNullOrWhiteSpace(baseUrl) && BaseUrl(config) is null)
            problems.Add($"EGI no arranca: Mail:BaseUrl=«{baseUrl}» no es una dirección http(s) completa; escriba la dirección pública de EGI, p. ej. https://egi.entidad.gov.co. "
                + $"| EGI refuses to start: Mail:BaseUrl=\"{baseUrl}\" is not an absolute http(s) URL; set EGI's public address, e.g. https://egi.entidad.gov.co.");
        else if (!development && string.IsNullOrWhiteSpace(baseUrl))
            problems.Add("EGI no arranca: falta Mail:BaseUrl, la dirección pública de EGI con la que se construyen los enlaces de los correos (p. ej. https://egi.entidad.gov.co); "
                + "fuera de Development nunca se toman de la petición ni del servidor. "
                + "| EGI refuses to start: Mail:BaseUrl is missing, EGI's public address on which e-mail links are built (e.g. https://egi.entidad.gov.co); "
                + "outside Development they are never taken from the request or the server.");

        if (!development && config.GetValue("Egi:SeedDemo", false))
        {
            if (config.GetValue(AllowDemoKey, false))
                warnings.Add($"Entidad de demostración habilitada fuera de Development ({AllowDemoKey}=true): sus cuentas tienen una contraseña conocida; no la use con datos reales. "
                    + $"| Demo seeding enabled outside Development ({AllowDemoKey}=true): its accounts have a known password; do not use it with real data.");
            else
                problems.Add($"EGI no arranca: Egi:SeedDemo=true fuera de Development cargaría la entidad de demostración, con cuentas de contraseña conocida. "
                    + $"Quite Egi:SeedDemo (o póngalo en false); solo para una instalación de prueba, añada {AllowDemoKey}=true. "
                    + $"| EGI refuses to start: Egi:SeedDemo=true outside Development would seed the demo entity, whose accounts have a known password. "
                    + $"Remove Egi:SeedDemo (or set it to false); only for a trial installation, add {AllowDemoKey}=true.");
        }

        var hosts = config["AllowedHosts"];
        if (!development && (string.IsNullOrWhiteSpace(hosts) || hosts.Trim() == "*"))
            warnings.Add("AllowedHosts=* acepta cualquier encabezado Host; indique el nombre público de EGI, p. ej. AllowedHosts=egi.entidad.gov.co "
                + "(varios separados por «;»). "
                + "| AllowedHosts=* accepts any Host header; set EGI's public host name, e.g. AllowedHosts=egi.entidad.gov.co (several separated by \";\").");

        // The mail transport fails quietly if forgotten: the outbox counts the messages as sent while nobody receives them.
        var transport = config["Mail:Transport"];
        if (!development && !string.Equals(transport?.Trim(), "Smtp", StringComparison.OrdinalIgnoreCase))
            warnings.Add($"Mail:Transport={(string.IsNullOrWhiteSpace(transport) ? "Pickup (por omisión)" : transport)}: las invitaciones, los enlaces para restablecer la contraseña "
                + "y los avisos se escriben como archivos .eml en la carpeta de datos y nadie los recibe; configure Mail:Transport=Smtp y Mail:Smtp:*. "
                + $"| Mail:Transport={(string.IsNullOrWhiteSpace(transport) ? "Pickup (default)" : transport)}: invitations, password-reset links and notices are written as .eml files "
                + "in the data folder and nobody receives them; set Mail:Transport=Smtp and Mail:Smtp:*.");
        else if (!development && !string.IsNullOrWhiteSpace(config["Mail:Smtp:User"]) && EncryptionOptional(config["Mail:Smtp:Security"]))
            warnings.Add("Mail:Smtp:Security no exige cifrado (Auto o None) y hay Mail:Smtp:User: si el servidor de correo no ofrece STARTTLS, el usuario, la contraseña y los enlaces de los correos viajan sin cifrar; "
                + "use Mail:Smtp:Security=StartTls (puerto 587) o SslOnConnect (puerto 465). "
                + "| Mail:Smtp:Security does not require encryption (Auto or None) and Mail:Smtp:User is set: if the mail server offers no STARTTLS, "
                + "the credentials and the e-mails' links travel in clear; use Mail:Smtp:Security=StartTls (port 587) or SslOnConnect (port 465).");

        return new Result(problems, warnings);
    }

    /// <summary>Mail:Smtp:Security lets the connection go unencrypted: Auto (the default: STARTTLS only if offered) or None.</summary>
    private static bool EncryptionOptional(string? security) =>
        string.IsNullOrWhiteSpace(security) || security.Trim().Equals("Auto", StringComparison.OrdinalIgnoreCase)
        || security.Trim().Equals("None", StringComparison.OrdinalIgnoreCase);

    /// <summary>Logs the result; false when EGI must not start.</summary>
    public static bool Verify(IConfiguration config, IHostEnvironment env, ILogger log)
    {
        var result = Check(config, env);
        foreach (var w in result.Warnings) log.LogWarning("{Warning}", w);
        foreach (var p in result.Problems) log.LogCritical("{Problem}", p);
        return result.Problems.Count == 0;
    }
}
