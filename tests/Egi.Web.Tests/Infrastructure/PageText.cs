using System.Text.RegularExpressions;

namespace Egi.Web.Tests.Infrastructure;

/// <summary>What a page says, for assertions that a word is absent.</summary>
public static partial class PageText
{
    /// <summary>
    /// The page without its random values (the sign-out form's antiforgery token, the scripts' nonce), which may spell
    /// any short word by chance in any case: «…zPOoLu…» failed a run of 07/12/2026 that asserted the page never says «pool».
    /// </summary>
    public static string WithoutRandomValues(string html) => RandomValues().Replace(html, "$1=\"\"");

    [GeneratedRegex("(value|nonce)=\"[^\"]*\"")]
    private static partial Regex RandomValues();
}
