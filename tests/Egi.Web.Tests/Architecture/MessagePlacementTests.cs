using System.Text.RegularExpressions;

namespace Egi.Web.Tests.Architecture;

/// <summary>
/// Every user-facing message in one place per feature (ARCHITECTURE.md, issue 15): a feature's C# file, outside its
/// <c>*Messages.cs</c> and <c>*Text.cs</c> files, hands no inline Spanish literal to the places a person reads a message
/// from — a form error (<c>AddModelError</c>, <c>ErrorMessage =</c>, an <c>Errors[…] =</c> entry, a <c>FieldError</c>),
/// a confirmation (<c>StatusMessage =</c>, <c>TempData[…] =</c>), a refusal (<c>Outcome.Refused</c>, <c>throw new …Exception</c>),
/// an API problem (<c>Problem</c>, <c>ValidationProblem</c>) or the OpenAPI text (<c>WithSummary</c>, <c>WithDescription</c>,
/// <c>[Description]</c>). The texts themselves live in <c>Features/X/XMessages.cs</c>; the audit trail's words, which are
/// stored, stay where they are written (<c>db.Audit</c> is no sink here).
/// </summary>
public sealed partial class MessagePlacementTests
{
    [Fact]
    public void No_feature_hands_an_inline_spanish_literal_to_a_message_sink()
    {
        var features = Path.Combine(SourceRoot(), "src", "Egi.Web", "Features");
        var found = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith("Messages.cs", StringComparison.Ordinal) || name.EndsWith("Text.cs", StringComparison.Ordinal)) continue;
            var relative = Path.GetRelativePath(features, file).Replace('\\', '/');
            if (relative.Contains("/Migrations/", StringComparison.Ordinal)) continue;
            found.AddRange(InlineMessages(File.ReadAllText(file)).Select(m => $"{relative}:{m.Line}: {m.Text}"));
        }
        Assert.True(found.Count == 0,
            "Mensajes en español escritos en línea (muévalos a la clase <Funcionalidad>Messages de su carpeta):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_check_finds_an_inline_message_and_leaves_a_named_one()
    {
        const string Inline = """
            ModelState.AddModelError("Input.Name", "Escriba el «Nombre» de la clave.");
            TempData["Mensaje"] = $"Se revocó la clave «{key.Name}».";
            StatusMessage = sent == 1 ? "Se envió 1 recordatorio." : $"Se enviaron {sent} recordatorios.";
            return TypedResults.Problem(title: "Parámetros no válidos", detail: detail, statusCode: 400);
            group.MapGet("/x", Handler).WithSummary("Vigencias con sus ventanas");
            [property: Description("Nombre de la etapa en español.")] string Label,
            [Required(ErrorMessage = "Escriba su contraseña.")]
            errors.Add(new(nameof(Level), $"El «Nivel» «{typed}» no es válido."));
            Errors["etapa"] = "La «Etapa» elegida no existe: elija una de la lista.";
            return Outcome.Refused($"Marque la casilla para confirmar que desea {verb} la vigencia.");
            throw new InvalidOperationException("No se encontró la vigencia.");
            """;
        Assert.Equal(11, InlineMessages(Inline).Count);

        const string Named = """
            ModelState.AddModelError("Input.Name", ApiKeyMessages.NameMissing);
            TempData["Mensaje"] = ApiKeyMessages.Revoked(key.Name);
            db.Audit("Revocar", "Clave de API", key.Prefix, $"Clave «{key.Name}» revocada");
            ModelState.AddModelError(string.Empty, e.Description);
            throw new InvalidOperationException("Egi.slnx not found above " + dir);
            [Display(Name = "Vence el")]
            """;
        Assert.Empty(InlineMessages(Named));
    }

    /// <summary>Each statement that starts at a message sink and carries a Spanish string literal, with its line.</summary>
    private static List<(int Line, string Text)> InlineMessages(string source)
    {
        var found = new List<(int, string)>();
        foreach (Match sink in Sink().Matches(source))
        {
            var statement = source[sink.Index..StatementEnd(source, sink.Index + sink.Length, sink.Value.EndsWith('('))];
            if (!Literal().Matches(statement).Any(l => Spanish().IsMatch(l.Groups[1].Value))) continue;
            var line = source.AsSpan(0, sink.Index).Count('\n') + 1;
            var first = statement.Split('\n')[0].Trim();
            found.Add((line, first.Length > 140 ? first[..140] + "…" : first));
        }
        return found;
    }

    /// <summary>
    /// Where the sink's statement ends: at a <c>;</c>, at the bracket that closes an enclosing one (an attribute's
    /// <c>ErrorMessage = …)</c>), or, for a call, at the parenthesis that closes it. String literals are skipped.
    /// </summary>
    private static int StatementEnd(string source, int from, bool call)
    {
        var depth = call ? 1 : 0;
        for (var i = from; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '"':
                    for (i++; i < source.Length && source[i] != '"' && source[i] != '\n'; i++)
                        if (source[i] == '\\') i++;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    if (--depth < 0 || (call && depth == 0)) return i;
                    break;
                case ';':
                    return i;
            }
        }
        return source.Length;
    }

    [GeneratedRegex("""
        \bAddModelError\s*\(
        | \bErrorMessage\s*=
        | \b[Ee]rrors\s*\[[^\]\n]*\]\s*=(?!=)
        | \b[Ee]rrors\.Add\s*\(\s*new\b
        | \bFieldError\s*\(
        | \bStatusMessage\s*=(?!=)
        | \bTempData\s*\[[^\]\n]*\]\s*=(?!=)
        | \bOutcome\.Refused\s*\(
        | \bthrow\s+new\s+\w*Exception\s*\(
        | \b(?:Validation)?Problem\s*\(
        | \.With(?:Summary|Description)\s*\(
        | \bDescription\s*\(
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Sink();

    /// <summary>A regular or interpolated string literal (its text in group 1); raw literals are matched by their first quote pair and show as Spanish through their text.</summary>
    [GeneratedRegex(""" \$?@?"((?:[^"\\\n]|\\.)*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Literal();

    /// <summary>Spanish prose: an accented letter, ñ, ¿, ¡, or one of the commonest Spanish words (in lower case) between spaces.</summary>
    [GeneratedRegex(@"[áéíóúñÁÉÍÓÚÑ¿¡]|(?:^|\s)(?:de|la|el|los|las|que|no|se|un|una|del|con|por|para|es|su)\s")]
    private static partial Regex Spanish();

    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Egi.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Egi.slnx not found above " + AppContext.BaseDirectory);
    }
}
