namespace Egi.Web.Notifications.Calendar;

/// <summary>
/// One meeting to send as an iCalendar invitation (RFC 5545 / iTIP RFC 5546), e.g. a
/// socialization session. <see cref="Uid"/> must stay the same across updates and the
/// cancellation of the same meeting, and <see cref="Sequence"/> must grow with every change
/// the attendees should see (a new time, place or the cancellation), or calendar clients
/// ignore the update.
/// </summary>
public sealed record CalendarEvent(
    string Uid,
    string Summary,
    string? Description,
    string? Location,
    string? Url,
    DateTimeOffset Start,
    DateTimeOffset End,
    CalendarPerson Organizer,
    IReadOnlyList<CalendarPerson> Attendees,
    int Sequence = 0,
    bool Cancelled = false);

/// <summary>An organizer or attendee: an e-mail address and an optional display name.</summary>
public sealed record CalendarPerson(string Email, string? Name);
