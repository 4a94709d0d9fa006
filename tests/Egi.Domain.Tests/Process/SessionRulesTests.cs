using Egi.Domain.Directory;
using Egi.Domain.Process;

namespace Egi.Domain.Tests.Process;

public class SessionRulesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static readonly SessionInput Ok = new(SessionKind.Socialization, "Uso de EGI", D(2027, 1, 20), new(9, 0), new(11, 0),
        "Auditorio", null, SessionAudience.Everyone, null, null);

    [Fact]
    public void Only_talento_humano_edits_socialization_and_planeacion_its_divulgation()
    {
        Assert.True(SessionRules.MayEdit(SessionKind.Socialization, talentoHumano: true, planeacion: false));
        Assert.True(SessionRules.MayEdit(SessionKind.Divulgation, talentoHumano: true, planeacion: false));
        Assert.True(SessionRules.MayEdit(SessionKind.Divulgation, talentoHumano: false, planeacion: true));
        Assert.False(SessionRules.MayEdit(SessionKind.Socialization, talentoHumano: false, planeacion: true));
        Assert.False(SessionRules.MayEdit(SessionKind.Divulgation, talentoHumano: false, planeacion: false));
        Assert.Equal([SessionKind.Divulgation], SessionRules.KindsFor(false, true));
    }

    [Fact]
    public void A_session_needs_topic_times_in_order_and_a_place_or_link()
    {
        Assert.Empty(SessionRules.Validate(Ok));
        Assert.Empty(SessionRules.Validate(Ok with { Place = null, Link = "https://teams.example.org/reunion" }));
        Assert.Contains(SessionRules.Validate(Ok with { Topic = "" }), e => e.Field == "Topic");
        Assert.Contains(SessionRules.Validate(Ok with { EndTime = new(9, 0) }), e => e.Field == "EndTime" && e.Message.Contains("09:00"));
        Assert.Contains(SessionRules.Validate(Ok with { Place = " ", Link = null }), e => e.Field == "Place");
        Assert.Contains(SessionRules.Validate(Ok with { Link = "teams reunion" }), e => e.Field == "Link");
        Assert.Contains(SessionRules.Validate(Ok with { Audience = SessionAudience.Dependency }), e => e.Field == "DependencyId");
        Assert.Contains(SessionRules.Validate(Ok with { Date = null }), e => e.Field == "Date");
    }

    // Dependencias: 1 ← 2 ← 3 (3 under 2 under 1), 4 apart.
    private static readonly Dictionary<int, int?> Parents = new() { [1] = null, [2] = 1, [3] = 2, [4] = null };

    private static readonly AudienceServant[] Servants =
    [
        new(10, 1, null, EmploymentType.FreeAppointment, true, null),            // director, gerente público
        new(11, 2, 10, EmploymentType.FreeAppointment, false, null),             // boss of 12 and 13
        new(12, 3, 11, EmploymentType.Provisional, false, null),
        new(13, 3, 11, EmploymentType.Career, false, null),                      // de carrera: not evaluated
        new(14, 4, 10, EmploymentType.Provisional, false, D(2027, 1, 10)),       // retired before the session
        new(15, 4, 11, EmploymentType.Provisional, false, null),
    ];

    [Fact]
    public void The_audience_is_resolved_from_the_directory_on_the_session_date()
    {
        var date = D(2027, 1, 20);
        Assert.Equal([10, 11, 12, 13, 15], SessionRules.ResolveAudience(SessionAudience.Everyone, null, date, Servants, [], Parents).Order());
        Assert.Equal([11, 12, 13], SessionRules.ResolveAudience(SessionAudience.Dependency, 2, date, Servants, [], Parents).Order());
        // Before the evaluations exist: the eligible servants and their bosses.
        Assert.Equal([11, 12, 15], SessionRules.ResolveAudience(SessionAudience.Evaluados, null, date, Servants, [], Parents).Order());
        Assert.Equal([10, 11], SessionRules.ResolveAudience(SessionAudience.Evaluators, null, date, Servants, [], Parents).Order());
    }

    [Fact]
    public void Once_the_period_has_evaluations_they_decide_who_evaluates_and_who_is_evaluated()
    {
        AudienceEvaluation[] evaluations = [new(12, [11], false), new(15, [10, 11], false), new(14, [10], true)];
        var date = D(2027, 1, 20);
        Assert.Equal([12, 15], SessionRules.ResolveAudience(SessionAudience.Evaluados, null, date, Servants, evaluations, Parents).Order());
        Assert.Equal([10, 11], SessionRules.ResolveAudience(SessionAudience.Evaluators, null, date, Servants, evaluations, Parents).Order());
    }
}
