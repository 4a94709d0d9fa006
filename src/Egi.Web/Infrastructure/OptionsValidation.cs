using Microsoft.Extensions.Options;

namespace Egi.Web.Infrastructure;

/// <summary>
/// Every options class bound from configuration is checked when the application starts: a wrong value stops the start
/// with a Spanish message that names the setting and what is expected (e.g. «Mail:Smtp:Port debe estar entre 1 y
/// 65535 (es 0).»), instead of failing later at the first e-mail or upload.
/// </summary>
public static class OptionsValidation
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and checks it with <paramref name="rules"/> at start-up.</summary>
    public static OptionsBuilder<T> AddCheckedOptions<T>(this IServiceCollection services, IConfiguration section, Func<T, IEnumerable<string>> rules)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new RulesValidator<T>(rules));
        return services.AddOptions<T>().Bind(section).ValidateOnStart();
    }

    /// <summary>«Clave debe estar entre min y max (es v).» when out of range.</summary>
    public static IEnumerable<string> Between(string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
            yield return $"{key} debe estar entre {Number(min)} y {Number(max)} (es {Number(value)}).";
    }

    /// <summary>«Clave es obligatorio.» when empty.</summary>
    public static IEnumerable<string> Required(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) yield return $"{key} es obligatorio: escriba un valor.";
    }

    /// <summary>«Clave debe ser A o B (es «x»).» when not one of <paramref name="allowed"/> (case does not matter).</summary>
    public static IEnumerable<string> OneOf(string key, string? value, params string[] allowed)
    {
        if (!allowed.Any(a => string.Equals(a, value?.Trim(), StringComparison.OrdinalIgnoreCase)))
            yield return $"{key} debe ser {string.Join(", ", allowed[..^1])} o {allowed[^1]} (es «{value}»).";
    }

    /// <summary>«Clave debe ser una dirección http(s) completa» when not empty and not an absolute http(s) URL.</summary>
    public static IEnumerable<string> HttpUrlOrEmpty(string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)
            && !(Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return $"{key} debe ser una dirección http(s) completa, como https://egi.entidad.gov.co (es «{value}»).";
    }

    private static string Number(double d) => d.ToString("0.##", ServiceRegistration.Culture);

    private sealed class RulesValidator<T>(Func<T, IEnumerable<string>> rules) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var errors = rules(options).ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
