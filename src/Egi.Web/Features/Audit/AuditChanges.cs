using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;

namespace Egi.Web.Features.Audit;

/// <summary>One field of an audit line's before/after, as a person reads it.</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>
/// Turns the before/after JSON of an audit line into a readable list: campo, antes, después.
/// For «Modificar» only the fields that differ; for the other actions every field recorded.
/// Malformed JSON is shown as it is, never an error.
/// </summary>
public static class AuditChanges
{
    public const string Empty = "(vacío)";

    /// <summary>Spanish names of the fields the audited entities have; any other field keeps its name.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["Id"] = "Id",
        ["Code"] = "Código",
        ["Name"] = "Nombre",
        ["ParentId"] = "Dependencia superior (id)",
        ["Active"] = "Activa",
        ["DocumentNumber"] = "Número de documento",
        ["FirstNames"] = "Nombres",
        ["LastNames"] = "Apellidos",
        ["Email"] = "Correo",
        ["JobTitle"] = "Denominación del empleo",
        ["JobCode"] = "Código del empleo",
        ["JobGrade"] = "Grado",
        ["Level"] = "Nivel jerárquico",
        ["DependencyId"] = "Dependencia (id)",
        ["EmploymentType"] = "Tipo de vinculación",
        ["HireDate"] = "Fecha de ingreso",
        ["RetirementDate"] = "Fecha de retiro",
        ["BossId"] = "Jefe inmediato (id)",
        ["HasStaff"] = "Tiene personal a cargo",
        ["IsPublicManager"] = "Gerente público",
        ["Year"] = "Año",
        ["UserName"] = "Usuario",
        ["DisplayName"] = "Nombre para mostrar",
        ["ServantId"] = "Servidor (id)",
        ["EmailConfirmed"] = "Correo confirmado",
        ["LockoutEnabled"] = "Bloqueo habilitado",
        ["LockoutEnd"] = "Bloqueada hasta",
        ["AccessFailedCount"] = "Intentos fallidos",
        ["PhoneNumber"] = "Teléfono",
        ["TwoFactorEnabled"] = "Doble factor",
        ["NormalizedEmail"] = "Correo normalizado",
        ["NormalizedUserName"] = "Usuario normalizado",
        ["Start"] = "Inicio",
        ["End"] = "Fin",
        ["Stage"] = "Etapa",
        ["Reason"] = "Motivo",
    };

    public static string Label(string field) => Labels.GetValueOrDefault(field, field);

    public static IReadOnlyList<FieldChange> Compute(string action, string? before, string? after)
    {
        var b = Parse(before);
        var a = Parse(after);
        // Not an object (or not JSON at all): show the text as recorded.
        if ((before is not null && b is null) || (after is not null && a is null))
            return [new FieldChange("(registro)", Raw(before), Raw(after))];

        var keys = (b?.Select(p => p.Key) ?? []).Union(a?.Select(p => p.Key) ?? [], StringComparer.Ordinal).ToList();
        var onlyDifferences = action == "Modificar" && b is not null && a is not null;
        var changes = new List<FieldChange>();
        foreach (var key in keys)
        {
            JsonNode? bv = null, av = null;
            var inBefore = b is not null && b.TryGetPropertyValue(key, out bv);
            var inAfter = a is not null && a.TryGetPropertyValue(key, out av);
            if (onlyDifferences && inBefore && inAfter && JsonNode.DeepEquals(bv, av)) continue;
            changes.Add(new FieldChange(Label(key), inBefore ? Show(bv) : "", inAfter ? Show(av) : ""));
        }
        return changes;
    }

    private static string Raw(string? json) => json ?? "";

    private static JsonObject? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A value as a person reads it: Sí/No, dates as dd/MM/yyyy (instants in Bogotá time), (vacío) for null.</summary>
    public static string Show(JsonNode? node)
    {
        if (node is null) return Empty;
        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.True: return "Sí";
                case JsonValueKind.False: return "No";
                case JsonValueKind.Number: return v.ToJsonString();
                case JsonValueKind.String:
                    var s = v.GetValue<string>();
                    if (s.Length == 0) return Empty;
                    if (s.Length == 10 && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                        return DateText.Date(d);
                    if (s.Length > 10 && s[10] == 'T'
                        && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                        return DateText.WhenToTheSecond(at);
                    return s;
            }
        }
        return node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>One line for the spreadsheet: "Nombre: A → B; Activa: Sí → No".</summary>
    public static string AsText(IReadOnlyList<FieldChange> changes) =>
        string.Join("; ", changes.Select(c =>
            c.Before.Length == 0 ? $"{c.Field}: {c.After}"
            : c.After.Length == 0 ? $"{c.Field}: {c.Before} (antes)"
            : $"{c.Field}: {c.Before} → {c.After}"));
}
