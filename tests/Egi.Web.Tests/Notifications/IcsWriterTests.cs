using System.Globalization;
using System.Text;
using Egi.Web.Notifications.Calendar;

namespace Egi.Web.Tests.Notifications;

public sealed class IcsWriterTests
{
    private static readonly TimeSpan BogotaOffset = TimeSpan.FromHours(-5);
    private static readonly DateTimeOffset Stamp = new(2027, 2, 20, 8, 15, 30, BogotaOffset);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private const string Summary = "Socialización de la evaluación, año 2027; sesión 1";

    private const string Description =
        "Agenda de la sesión:\n"
        + "1. Acuerdos de gestión, metas y compromisos; evidencias y calificación.\n"
        + "2. Ruta de los formatos: \\\\servidor\\talento\\EGI — pregunte a la señora Ibáñez, ext. 123.\n"
        + "Información adicional: ñandú, cigüeña, acción, Bogotá, D.C.; traiga su portátil 🙂.";

    private const string Location = "Auditorio Simón Bolívar, piso 3; sede principal";
    private const string Url = "https://reuniones.example.org/egi/socializacion-2027?sesion=1";

    private static CalendarEvent Session(Func<CalendarEvent, CalendarEvent>? change = null)
    {
        var e = new CalendarEvent(
            Uid: "socializacion-2027-1@egi.example.org",
            Summary: Summary,
            Description: Description,
            Location: Location,
            Url: Url,
            Start: new DateTimeOffset(2027, 3, 10, 9, 0, 0, BogotaOffset),
            End: new DateTimeOffset(2027, 3, 10, 11, 0, 0, BogotaOffset),
            Organizer: new CalendarPerson("talento.humano@entidad.gov.co", "Sandra Milena López Quintero"),
            Attendees:
            [
                new CalendarPerson("ana.munoz@entidad.gov.co", "Ana María Muñoz"),
                new CalendarPerson("jose.pena@entidad.gov.co", "José \"Pepe\" Peña Ibáñez"),
                new CalendarPerson("sin.nombre@entidad.gov.co", null),
            ]);
        return change is null ? e : change(e);
    }

    private static IcsComponent Event(IcsComponent calendar) => calendar.Component("VEVENT");

    private static DateTimeOffset BogotaTimeToUtc(IcsProperty property)
    {
        Assert.Equal("America/Bogota", property.Param("TZID"));
        var local = DateTime.ParseExact(property.Value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Bogota");
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The physical lines as bytes, each without its CRLF; fails when the text does not end with CRLF.</summary>
    private static List<byte[]> PhysicalLines(byte[] bytes)
    {
        Assert.True(bytes.Length >= 2 && bytes[^2] == '\r' && bytes[^1] == '\n', "The file must end with CRLF.");
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                Assert.True(i > 0 && bytes[i - 1] == '\r', $"Bare LF at byte {i}.");
                lines.Add(bytes[start..(i - 1)]);
                start = i + 1;
            }
            else if (bytes[i] == '\r')
            {
                Assert.True(i + 1 < bytes.Length && bytes[i + 1] == '\n', $"Bare CR at byte {i}.");
            }
        }
        return lines;
    }

    private static void AssertWellFolded(byte[] bytes)
    {
        var lines = PhysicalLines(bytes);
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            Assert.True(line.Length <= 75, $"Line {n + 1} has {line.Length} octets: {Encoding.UTF8.GetString(line)}");
            // Decoding each physical line on its own fails if a fold split a multi-byte character.
            var text = StrictUtf8.GetString(line);
            // A folded line is only cut when the next character would not fit: never much shorter than 75.
            if (n + 1 < lines.Count && lines[n + 1].Length > 0 && lines[n + 1][0] == ' ')
                Assert.True(line.Length >= 72, $"Line {n + 1} was folded early at {line.Length} octets: {text}");
        }
    }

    [Fact]
    public void Invitation_parses_back_with_bogota_times_people_and_exact_texts()
    {
        var calendar = IcsReader.Parse(IcsWriter.WriteUtf8(Session(), Stamp));

        Assert.Equal("VCALENDAR", calendar.Name);
        Assert.Equal("2.0", calendar.One("VERSION").Value);
        Assert.Equal("-//EGI//Evaluación de la Gestión Institucional//ES", calendar.One("PRODID").Value);
        Assert.Equal("GREGORIAN", calendar.One("CALSCALE").Value);
        Assert.Equal("REQUEST", calendar.One("METHOD").Value);

        var zone = calendar.Component("VTIMEZONE");
        Assert.Equal("America/Bogota", zone.One("TZID").Value);
        var standard = zone.Component("STANDARD");
        Assert.Equal("-0500", standard.One("TZOFFSETFROM").Value);
        Assert.Equal("-0500", standard.One("TZOFFSETTO").Value);
        Assert.Equal("-05", standard.One("TZNAME").Value);
        Assert.Equal("19700101T000000", standard.One("DTSTART").Value);
        Assert.Empty(zone.Components("DAYLIGHT"));

        var ev = Event(calendar);
        Assert.Single(calendar.Components("VEVENT"));
        Assert.Equal("socializacion-2027-1@egi.example.org", ev.One("UID").Text);
        Assert.Equal("20270220T131530Z", ev.One("DTSTAMP").Value);
        Assert.Equal("20270310T090000", ev.One("DTSTART").Value);
        Assert.Equal("20270310T110000", ev.One("DTEND").Value);
        Assert.Equal(new DateTimeOffset(2027, 3, 10, 14, 0, 0, TimeSpan.Zero), BogotaTimeToUtc(ev.One("DTSTART")));
        Assert.Equal(new DateTimeOffset(2027, 3, 10, 16, 0, 0, TimeSpan.Zero), BogotaTimeToUtc(ev.One("DTEND")));

        Assert.Equal(Summary, ev.One("SUMMARY").Text);
        Assert.Equal(Description, ev.One("DESCRIPTION").Text);
        Assert.Equal(Location, ev.One("LOCATION").Text);
        Assert.Equal(Url, ev.One("URL").Value);

        var organizer = ev.One("ORGANIZER");
        Assert.Equal("mailto:talento.humano@entidad.gov.co", organizer.Value);
        Assert.Equal("Sandra Milena López Quintero", organizer.Param("CN"));

        var attendees = ev.All("ATTENDEE").ToList();
        Assert.Equal(
            ["mailto:ana.munoz@entidad.gov.co", "mailto:jose.pena@entidad.gov.co", "mailto:sin.nombre@entidad.gov.co"],
            attendees.Select(a => a.Value));
        Assert.Equal(["Ana María Muñoz", "José Pepe Peña Ibáñez", null], attendees.Select(a => a.Param("CN")));
        Assert.All(attendees, a =>
        {
            Assert.Equal("REQ-PARTICIPANT", a.Param("ROLE"));
            Assert.Equal("NEEDS-ACTION", a.Param("PARTSTAT"));
            Assert.Equal("TRUE", a.Param("RSVP"));
        });

        Assert.Equal("0", ev.One("SEQUENCE").Value);
        Assert.Equal("CONFIRMED", ev.One("STATUS").Value);
        var alarm = ev.Component("VALARM");
        Assert.Equal("DISPLAY", alarm.One("ACTION").Value);
        Assert.Equal("-PT30M", alarm.One("TRIGGER").Value);
        Assert.Equal(Summary, alarm.One("DESCRIPTION").Text);
    }

    [Fact]
    public void Raw_output_escapes_text_quotes_names_and_starts_and_ends_the_calendar()
    {
        var ics = IcsWriter.Write(Session(), Stamp);
        var lines = IcsReader.Unfold(ics);

        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains(@"SUMMARY:Socialización de la evaluación\, año 2027\; sesión 1", lines);
        Assert.Contains(@"LOCATION:Auditorio Simón Bolívar\, piso 3\; sede principal", lines);
        var description = Assert.Single(lines, l => l.StartsWith("DESCRIPTION:Agenda", StringComparison.Ordinal));
        Assert.Contains(@"Agenda de la sesión:\n1. Acuerdos de gestión\, metas y compromisos\;", description);
        Assert.Contains(@"formatos: \\\\servidor\\talento\\EGI", description);
        Assert.Contains("DTSTART;TZID=America/Bogota:20270310T090000", lines);
        Assert.Contains("DTEND;TZID=America/Bogota:20270310T110000", lines);
        Assert.Contains("ORGANIZER;CN=\"Sandra Milena López Quintero\":mailto:talento.humano@entidad.gov.co", lines);
        Assert.Contains("ATTENDEE;CN=\"José Pepe Peña Ibáñez\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:jose.pena@entidad.gov.co", lines);
        Assert.Contains("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sin.nombre@entidad.gov.co", lines);
        Assert.Equal("text/calendar; charset=utf-8; method=REQUEST", IcsWriter.ContentType(Session()));
    }

    [Fact]
    public void Every_physical_line_is_at_most_75_octets_ends_with_crlf_and_keeps_characters_whole()
    {
        var bytes = IcsWriter.WriteUtf8(Session(), Stamp);

        Assert.Equal("BEGIN:VCALENDAR\r\n"u8.ToArray(), bytes[..17]);   // no byte order mark
        AssertWellFolded(bytes);
        var physical = PhysicalLines(bytes).Select(StrictUtf8.GetString).ToList();
        var descriptionLines = physical.SkipWhile(l => !l.StartsWith("DESCRIPTION:Agenda", StringComparison.Ordinal))
            .Skip(1).TakeWhile(l => l.StartsWith(' ')).Count();
        Assert.True(descriptionLines >= 3, $"The long description should be folded, got {descriptionLines} continuation lines.");
    }

    [Theory]
    [InlineData("ñ")]   // 2 octets
    [InlineData("€")]   // 3 octets
    [InlineData("🙂")]  // 4 octets, a surrogate pair in .NET
    [InlineData("aé€🙂")]
    public void Folding_never_splits_a_multibyte_character_whatever_falls_on_the_boundary(string unit)
    {
        for (var padding = 0; padding < 8; padding++)
        {
            var description = new string('x', padding) + string.Concat(Enumerable.Repeat(unit, 60)) + " fin";
            var bytes = IcsWriter.WriteUtf8(Session(e => e with { Description = description, Summary = description }), Stamp);

            AssertWellFolded(bytes);
            var ev = Event(IcsReader.Parse(bytes));
            Assert.Equal(description, ev.One("DESCRIPTION").Text);
            Assert.Equal(description, ev.One("SUMMARY").Text);
        }
    }

    [Fact]
    public void A_two_octet_character_that_would_end_at_octet_76_moves_to_the_continuation_line()
    {
        // "DESCRIPTION:" is 12 octets, 62 more make 74; "ñ" (2 octets) would reach 76.
        var description = new string('a', 62) + "ñandú";
        var ics = IcsWriter.Write(Session(e => e with { Description = description }), Stamp);

        Assert.Contains("\r\nDESCRIPTION:" + new string('a', 62) + "\r\n ñandú\r\n", ics);
    }

    [Fact]
    public void Times_in_any_offset_are_written_as_bogota_wall_clock_and_the_stamp_in_utc()
    {
        var e = Session(e => e with
        {
            Start = new DateTimeOffset(2027, 3, 10, 14, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2027, 3, 10, 17, 0, 0, TimeSpan.FromHours(1)),
        });
        var ev = Event(IcsReader.Parse(IcsWriter.Write(e, new DateTimeOffset(2027, 3, 1, 23, 30, 0, BogotaOffset))));

        Assert.Equal("20270310T090000", ev.One("DTSTART").Value);
        Assert.Equal("20270310T110000", ev.One("DTEND").Value);
        Assert.Equal("20270302T043000Z", ev.One("DTSTAMP").Value);
    }

    [Fact]
    public void Cancelled_event_keeps_uid_and_people_and_says_cancel()
    {
        var cancelled = Session(e => e with { Sequence = 2, Cancelled = true });
        var calendar = IcsReader.Parse(IcsWriter.WriteUtf8(cancelled, Stamp));
        var ev = Event(calendar);

        Assert.Equal("CANCEL", calendar.One("METHOD").Value);
        Assert.Equal("CANCELLED", ev.One("STATUS").Value);
        Assert.Equal("2", ev.One("SEQUENCE").Value);
        Assert.Equal("socializacion-2027-1@egi.example.org", ev.One("UID").Text);
        Assert.Equal(3, ev.All("ATTENDEE").Count());
        Assert.Equal("mailto:talento.humano@entidad.gov.co", ev.One("ORGANIZER").Value);
        Assert.Empty(ev.Components("VALARM"));
        Assert.Equal("text/calendar; charset=utf-8; method=CANCEL", IcsWriter.ContentType(cancelled));
    }

    [Fact]
    public void Optional_texts_are_left_out_and_a_repeated_attendee_is_listed_once()
    {
        var e = Session(e => e with
        {
            Description = null,
            Location = " ",
            Url = null,
            Attendees = [new("ana.munoz@entidad.gov.co", "Ana"), new(" ANA.MUNOZ@entidad.gov.co ", "Ana otra vez")],
        });
        var ev = Event(IcsReader.Parse(IcsWriter.Write(e, Stamp)));

        Assert.Null(ev.Maybe("DESCRIPTION"));
        Assert.Null(ev.Maybe("LOCATION"));
        Assert.Null(ev.Maybe("URL"));
        Assert.Equal("mailto:ana.munoz@entidad.gov.co", Assert.Single(ev.All("ATTENDEE")).Value);
    }

    public static TheoryData<string> InvalidCases => [.. Invalid.Keys];

    private static readonly Dictionary<string, Func<CalendarEvent, CalendarEvent>> Invalid = new()
    {
        ["end equals start"] = e => e with { End = e.Start },
        ["end before start"] = e => e with { End = e.Start.AddMinutes(-30) },
        ["no organizer"] = e => e with { Organizer = null! },
        ["empty organizer e-mail"] = e => e with { Organizer = new("", "Sandra") },
        ["blank attendee e-mail"] = e => e with { Attendees = [new("   ", "Ana")] },
        ["null attendee e-mail"] = e => e with { Attendees = [new(null!, "Ana")] },
        ["attendee e-mail with a line break"] = e => e with { Attendees = [new("ana@x.co\r\nATTENDEE:mailto:intruso@x.co", "Ana")] },
        ["e-mail without @"] = e => e with { Organizer = new("talento.humano", "Sandra") },
        ["no attendee list"] = e => e with { Attendees = null! },
        ["empty uid"] = e => e with { Uid = " " },
        ["empty summary"] = e => e with { Summary = "" },
        ["negative sequence"] = e => e with { Sequence = -1 },
        ["relative url"] = e => e with { Url = "/sesiones/1" },
        ["url that is not a web link"] = e => e with { Url = "javascript:alert(1)" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_event_is_refused_with_an_argument_exception(string invalidCase)
    {
        var e = Invalid[invalidCase](Session());

        var error = Assert.ThrowsAny<ArgumentException>(() => IcsWriter.Write(e, Stamp));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.ThrowsAny<ArgumentException>(() => IcsWriter.WriteUtf8(e, Stamp));
    }
}
