using System.Text;

namespace Egi.Domain.Directory.Import;

/// <summary>
/// Reads the CSV files HR offices really have: saved by a Spanish-locale Excel (<c>;</c> separator,
/// Windows-1252 or UTF-8 with BOM), or exported by other systems (<c>,</c> or tab, UTF-8, UTF-16).
/// Pure text handling: the caller supplies the bytes.
/// </summary>
public static class CsvText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Windows-1252 ("ANSI" of a Spanish Windows), without registering a global provider.</summary>
    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");

    /// <summary>
    /// Turns the bytes of a text file into text: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is
    /// UTF-8, and anything else is Windows-1252. Returns null when the bytes are not text at all (an image, a PDF…).
    /// </summary>
    public static string? Decode(ReadOnlySpan<byte> bytes)
    {
        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            if (!TryUtf8(bytes[3..], out text)) return null;
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            text = Encoding.Unicode.GetString(bytes[2..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            text = Encoding.BigEndianUnicode.GetString(bytes[2..]);
        else if (!TryUtf8(bytes, out text))
            text = Windows1252.GetString(bytes);
        return LooksLikeText(text) ? text : null;
    }

    private static bool TryUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>No NUL and (almost) no control characters other than tab and line breaks.</summary>
    private static bool LooksLikeText(string text)
    {
        if (text.StartsWith("%PDF", StringComparison.Ordinal)) return false;
        var controls = 0;
        foreach (var c in text)
        {
            if (c == '\0') return false;
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f')) controls++;
        }
        return controls <= Math.Max(2, text.Length / 1000);
    }

    /// <summary>
    /// The separator of the file, from its first line: whichever of <c>;</c>, tab and <c>,</c> appears most
    /// outside quotes (ties favour <c>;</c>, Excel's choice in Spanish). An Excel "sep=X" line decides by itself.
    /// </summary>
    public static char DetectSeparator(string text)
    {
        if (SeparatorHint(text) is { } hinted) return hinted;
        int semicolons = 0, tabs = 0, commas = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\r' or '\n') break;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == '\t') tabs++;
            else if (!quoted && c == ',') commas++;
        }
        if (semicolons >= tabs && semicolons >= commas && semicolons > 0) return ';';
        if (tabs >= commas && tabs > 0) return '\t';
        return commas > 0 ? ',' : ';';
    }

    /// <summary>Excel writes "sep=;" as the first line when asked to; it is not a row of data.</summary>
    private static char? SeparatorHint(string text)
    {
        if (text.Length >= 5 && text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)
            && (text.Length == 5 || text[5] is '\r' or '\n'))
            return text[4];
        return null;
    }

    /// <summary>
    /// Splits CSV text into records (quoted fields may hold separators, doubled quotes and line breaks).
    /// Record numbers start at 1, as Excel shows the rows; an Excel "sep=" line is skipped and not counted.
    /// Stops after <paramref name="maxRecords"/> records.
    /// </summary>
    public static IReadOnlyList<(int Number, IReadOnlyList<string> Fields)> Parse(string text, char separator, int maxRecords = int.MaxValue)
    {
        var records = new List<(int, IReadOnlyList<string>)>();
        var position = 0;
        if (SeparatorHint(text) is not null)
        {
            position = text.IndexOfAny(['\r', '\n']);
            if (position < 0) return records;
            position += text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var number = 0;
        var recordStarted = false;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
        }

        void EndRecord()
        {
            EndField();
            number++;
            records.Add((number, fields.ToArray()));
            fields.Clear();
            recordStarted = false;
        }

        for (var i = position; i < text.Length && records.Count < maxRecords; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else quoted = false;
                }
                else field.Append(c);
                continue;
            }
            if (c == '"' && field.Length == 0)
            {
                quoted = true;
                recordStarted = true;
            }
            else if (c == separator)
            {
                EndField();
                recordStarted = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndRecord();
            }
            else
            {
                field.Append(c);
                recordStarted = true;
            }
        }
        if ((recordStarted || field.Length > 0 || fields.Count > 0) && records.Count < maxRecords) EndRecord();
        return records;
    }
}
