using System.Text.RegularExpressions;
using MimeKit;

namespace Egi.Web.Tests.Notifications;

public static partial class MailTestHelpers
{
    /// <summary>The path and query of the first link to EGI in the text body (https://egi.test/...).</summary>
    public static string LinkIn(MimeMessage message) => LinkIn(message.TextBody ?? "");

    /// <summary>The path and query of the first link to EGI in <paramref name="textBody"/> (https://egi.test/...).</summary>
    public static string LinkIn(string textBody)
    {
        var match = LinkRegex().Match(textBody);
        Assert.True(match.Success, $"No link in: {textBody}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"https://egi\.test(/\S+)")]
    private static partial Regex LinkRegex();
}
