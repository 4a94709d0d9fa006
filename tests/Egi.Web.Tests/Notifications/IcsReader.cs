using System.Text;

namespace Egi.Web.Tests.Notifications;

/// <summary>One content line: NAME;PARAM=value;PARAM="quoted":value (parameter names upper-cased, quotes removed).</summary>
public sealed record IcsProperty(string Name, IReadOnlyDictionary<string, string> Parameters, string Value)
{
    public string? Param(string name) => Parameters.TryGetValue(name.ToUpperInvariant(), out var v) ? v : null;

    /// <summary>The value read as TEXT (RFC 5545 §3.3.11): \\ \; \, \n unescaped.</summary>
    public string Text => IcsReader.UnescapeText(Value);
}

/// <summary>A component (VCALENDAR, VTIMEZONE, VEVENT, VALARM…) with its own properties and sub-components.</summary>
public sealed class IcsComponent(string name)
{
    public string Name { get; } = name;
    public List<IcsProperty> Properties { get; } = [];
    public List<IcsComponent> Children { get; } = [];

    public IEnumerable<IcsProperty> All(string name) => Properties.Where(p => p.Name == name.ToUpperInvariant());

    /// <summary>The single property of that name; fails when it is missing or repeated.</summary>
    public IcsProperty One(string name) => All(name).Single();

    public IcsProperty? Maybe(string name) => All(name).SingleOrDefault();

    public IEnumerable<IcsComponent> Components(string name) => Children.Where(c => c.Name == name.ToUpperInvariant());

    public IcsComponent Component(string name) => Components(name).Single();
}

/// <summary>
/// A small, strict iCalendar reader for tests: unfolds lines (CRLF followed by a space or tab),
/// splits each content line into name, parameters and value, and nests BEGIN/END components.
/// </summary>
public static class IcsReader
{
    public static IcsComponent Parse(byte[] utf8) =>
        Parse(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(utf8));

    /// <summary>Parses the text; the result is the outermost component (VCALENDAR).</summary>
    public static IcsComponent Parse(string ics)
    {
        var root = new IcsComponent("");
        var stack = new Stack<IcsComponent>();
        stack.Push(root);
        foreach (var line in Unfold(ics))
        {
            var property = ParseLine(line);
            if (property.Name == "BEGIN")
            {
                var component = new IcsComponent(property.Value.ToUpperInvariant());
                stack.Peek().Children.Add(component);
                stack.Push(component);
            }
            else if (property.Name == "END")
            {
                var open = stack.Pop();
                if (open.Name != property.Value.ToUpperInvariant())
                    throw new FormatException($"END:{property.Value} closes {open.Name}.");
            }
            else
            {
                stack.Peek().Properties.Add(property);
            }
        }
        if (stack.Count != 1) throw new FormatException($"Component {stack.Peek().Name} is not closed.");
        return root.Children.Single();
    }

    /// <summary>The logical lines: physical lines joined where a line starts with a space or tab.</summary>
    public static IReadOnlyList<string> Unfold(string ics)
    {
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);
        return unfolded.Split("\r\n").Where(l => l.Length > 0).ToList();
    }

    public static IcsProperty ParseLine(string line)
    {
        var i = 0;
        var name = ReadToken(line, ref i);
        var parameters = new Dictionary<string, string>();
        while (i < line.Length && line[i] == ';')
        {
            i++;
            var paramName = ReadToken(line, ref i);
            if (i >= line.Length || line[i] != '=') throw new FormatException($"Parameter {paramName} without '=' in: {line}");
            i++;
            var value = new StringBuilder();
            while (i < line.Length && line[i] is not (';' or ':'))
            {
                if (line[i] == '"')
                {
                    var close = line.IndexOf('"', i + 1);
                    if (close < 0) throw new FormatException($"Unclosed quote in: {line}");
                    value.Append(line, i + 1, close - i - 1);
                    i = close + 1;
                }
                else
                {
                    value.Append(line[i++]);
                }
            }
            parameters[paramName.ToUpperInvariant()] = value.ToString();
        }
        if (i >= line.Length || line[i] != ':') throw new FormatException($"No ':' after the name and parameters in: {line}");
        return new IcsProperty(name.ToUpperInvariant(), parameters, line[(i + 1)..]);
    }

    /// <summary>Unescapes a single TEXT value; an unescaped ';' or ',' or a dangling '\' is a format error.</summary>
    public static string UnescapeText(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is ';' or ',') throw new FormatException($"Unescaped '{value[i]}' in TEXT: {value}");
            if (value[i] == '\\' && i + 1 == value.Length) throw new FormatException($"Dangling backslash in TEXT: {value}");
            if (value[i] != '\\')
            {
                sb.Append(value[i]);
                continue;
            }
            var next = value[++i];
            sb.Append(next switch
            {
                'n' or 'N' => '\n',
                '\\' or ';' or ',' => next,
                _ => throw new FormatException($"Invalid escape \\{next} in TEXT: {value}"),
            });
        }
        return sb.ToString();
    }

    private static string ReadToken(string line, ref int i)
    {
        var start = i;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '-')) i++;
        if (i == start) throw new FormatException($"Expected a name at position {start} in: {line}");
        return line[start..i];
    }
}
