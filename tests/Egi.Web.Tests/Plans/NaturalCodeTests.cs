using Egi.Web.Features.Shared;

namespace Egi.Web.Tests.Plans;

/// <summary>Plan item codes in the order people number them (<see cref="NaturalCode"/>): numbers by value, letters without case.</summary>
public sealed class NaturalCodeTests
{
    [Fact]
    public void Codes_sort_by_the_value_of_their_numbers_and_without_regard_to_case()
    {
        string[] codes = ["PA-10", "1.10", "pa-3", "1", "01.3", "PA-2", "1.2", "T5.1", "T5"];
        Assert.Equal(["1", "1.2", "01.3", "1.10", "PA-2", "pa-3", "PA-10", "T5", "T5.1"], codes.Order(NaturalCode.Comparer));
        Assert.Equal(0, NaturalCode.Comparer.Compare("PA-007", "pa-7"));
        Assert.True(NaturalCode.Comparer.Compare(null, "1") < 0);
    }
}
