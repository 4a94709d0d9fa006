using System.Globalization;
using System.Text;
using Egi.Domain.Calendar;

namespace Egi.Web.Notifications.Calendar;

/// <summary>
/// Writes one <see cref="CalendarEvent"/> as an iCalendar object (RFC 5545) with an iTIP method
/// (RFC 5546): <c>REQUEST</c> for an invitation or an update, <c>CANCEL</c> for a cancellation.
/// Times are written in America/Bogota with its VTIMEZONE, so Outlook, Google Calendar and
/// Thunderbird show the Colombian wall-clock time and convert it for people elsewhere.
/// </summary>
/// <remarks>
/// Output rules: every line ends with CRLF; TEXT values are escaped (<c>\\</c>, <c>\;</c>,
/// <c>\,</c>, <c>\n</c>; CR/CRLF become a newline, other control characters are dropped);
/// CN parameters are quoted with any double quote removed; lines are folded at 75 octets of
/// UTF-8 (the continuation space included) without ever splitting a character.
/// Invalid input is a programming error and throws <see cref="ArgumentException"/>.
/// </remarks>
public static class IcsWriter
{
    public const string TimeZoneId = BogotaTime.ZoneId;
    public const string ProductId = "-//EGI//Evaluación de la Gestión Institucional//ES";

    /// <summary>The longest physical line, in octets, excluding the CRLF (RFC 5545 §3.1).</summary>
    public const int MaxLineOctets = 75;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The iCalendar text of <paramref name="e"/>; <paramref name="stamp"/> is the DTSTAMP (when the message is produced).</summary>
    public static string Write(CalendarEvent e, DateTimeOffset stamp)
    {
        Validate(e);
        var w = new LineWriter();

        w.Line("BEGIN:VCALENDAR");
        w.Line("VERSION:2.0");
        w.Line("PRODID:" + ProductId);
        w.Line("CALSCALE:GREGORIAN");
        w.Line(e.Cancelled ? "METHOD:CANCEL" : "METHOD:REQUEST");

        // Colombia has kept UTC-5 without daylight saving time since 1993.
        w.Line("BEGIN:VTIMEZONE");
        w.Line("TZID:" + TimeZoneId);
        w.Line("BEGIN:STANDARD");
        w.Line("DTSTART:19700101T000000");
        w.Line("TZOFFSETFROM:-0500");
        w.Line("TZOFFSETTO:-0500");
        w.Line("TZNAME:-05");
        w.Line("END:STANDARD");
        w.Line("END:VTIMEZONE");

        w.Line("BEGIN:VEVENT");
        w.Line("UID:" + EscapeText(e.Uid.Trim()));
        w.Line("DTSTAMP:" + stamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        w.Line($"DTSTART;TZID={TimeZoneId}:{BogotaLocal(e.Start)}");
        w.Line($"DTEND;TZID={TimeZoneId}:{BogotaLocal(e.End)}");
        w.Line("SUMMARY:" + EscapeText(e.Summary));
        if (!string.IsNullOrWhiteSpace(e.Description)) w.Line("DESCRIPTION:" + EscapeText(e.Description));
        if (!string.IsNullOrWhiteSpace(e.Location)) w.Line("LOCATION:" + EscapeText(e.Location));
        if (!string.IsNullOrWhiteSpace(e.Url)) w.Line("URL:" + e.Url.Trim());
        w.Line("ORGANIZER" + CommonName(e.Organizer.Name) + ":mailto:" + e.Organizer.Email.Trim());

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attendee in e.Attendees)
        {
            var email = attendee.Email.Trim();
            if (!seen.Add(email)) continue;   // the same person twice would appear twice in Outlook
            w.Line("ATTENDEE" + CommonName(attendee.Name) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + email);
        }

        w.Line("SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
        w.Line(e.Cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");

        if (!e.Cancelled)
        {
            w.Line("BEGIN:VALARM");
            w.Line("ACTION:DISPLAY");
            w.Line("DESCRIPTION:" + EscapeText(e.Summary));
            w.Line("TRIGGER:-PT30M");
            w.Line("END:VALARM");
        }

        w.Line("END:VEVENT");
        w.Line("END:VCALENDAR");
        return w.ToString();
    }

    /// <summary>The same as <see cref="Write"/>, encoded as UTF-8 without a byte order mark, ready to attach.</summary>
    public static byte[] WriteUtf8(CalendarEvent e, DateTimeOffset stamp) => Utf8NoBom.GetBytes(Write(e, stamp));

    /// <summary>
    /// The MIME type of the attachment, with the iTIP method that Outlook needs to treat the
    /// file as an invitation: <c>text/calendar; charset=utf-8; method=REQUEST</c> (or CANCEL).
    /// </summary>
    public static string ContentType(CalendarEvent e) =>
        "text/calendar; charset=utf-8; method=" + (e.Cancelled ? "CANCEL" : "REQUEST");

    /// <summary>Escapes a TEXT value (RFC 5545 §3.3.11).</summary>
    public static string EscapeText(string value)
    {
        var sb = new StringBuilder(value.Length + 16);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case ';': sb.Append(@"\;"); break;
                case ',': sb.Append(@"\,"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r':
                    sb.Append(@"\n");
                    if (i + 1 < value.Length && value[i + 1] == '\n') i++;
                    break;
                case '\t': sb.Append(c); break;
                default:
                    if (!char.IsControl(c)) sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    private static string BogotaLocal(DateTimeOffset instant) =>
        BogotaTime.Local(instant).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary><c>;CN="Name"</c>, or nothing when there is no usable name. A quoted parameter may not contain DQUOTE or control characters.</summary>
    private static string CommonName(string? name)
    {
        if (name is null) return "";
        var clean = new string(name.Where(c => c != '"' && !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? "" : $";CN=\"{clean}\"";
    }

    private static void Validate(CalendarEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (string.IsNullOrWhiteSpace(e.Uid)) throw new ArgumentException("The event needs a non-empty UID.", nameof(e));
        if (e.Uid.Any(char.IsControl)) throw new ArgumentException("The event UID may not contain control characters.", nameof(e));
        if (string.IsNullOrWhiteSpace(e.Summary)) throw new ArgumentException("The event needs a non-empty summary.", nameof(e));
        if (e.End <= e.Start) throw new ArgumentException($"The event must end after it starts (start {e.Start:o}, end {e.End:o}).", nameof(e));
        if (e.Sequence < 0) throw new ArgumentException("The event sequence may not be negative.", nameof(e));
        if (!string.IsNullOrWhiteSpace(e.Url) && !IsAbsoluteUrl(e.Url.Trim()))
            throw new ArgumentException($"The event URL must be an absolute http(s) URL without spaces: '{e.Url}'.", nameof(e));
        if (e.Organizer is null) throw new ArgumentException("The event needs an organizer.", nameof(e));
        ValidateEmail(e.Organizer.Email, "organizer");
        if (e.Attendees is null) throw new ArgumentException("The attendee list may be empty but not null.", nameof(e));
        for (var i = 0; i < e.Attendees.Count; i++)
        {
            if (e.Attendees[i] is null) throw new ArgumentException($"Attendee #{i + 1} is null.", nameof(e));
            ValidateEmail(e.Attendees[i].Email, $"attendee #{i + 1}");
        }
    }

    private static void ValidateEmail(string? email, string who)
    {
        if (string.IsNullOrWhiteSpace(email)) throw new ArgumentException($"The {who} needs a non-empty e-mail address.", "e");
        var trimmed = email.Trim();
        var at = trimmed.IndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or ',' or ';' or ':'))
            throw new ArgumentException($"The {who} e-mail address '{email}' is not a plain address like name@example.org.", "e");
    }

    // Only web links: on Unix a path like "/sesiones/1" would otherwise parse as an absolute file: URI.
    private static bool IsAbsoluteUrl(string url) =>
        !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>Accumulates content lines, each folded at 75 octets and ended with CRLF.</summary>
    private sealed class LineWriter
    {
        private readonly StringBuilder sb = new();

        public void Line(string content)
        {
            Span<char> utf16 = stackalloc char[2];
            var octets = 0;
            // EnumerateRunes keeps surrogate pairs together (and turns a lone surrogate into U+FFFD).
            foreach (var rune in content.EnumerateRunes())
            {
                var size = rune.Utf8SequenceLength;
                if (octets + size > MaxLineOctets)
                {
                    sb.Append("\r\n ");
                    octets = 1;
                }
                sb.Append(utf16[..rune.EncodeToUtf16(utf16)]);
                octets += size;
            }
            sb.Append("\r\n");
        }

        public override string ToString() => sb.ToString();
    }
}
