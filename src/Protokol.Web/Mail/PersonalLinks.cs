using System.Text.RegularExpressions;

namespace Protokol.Web.Mail;

/// <summary>
/// A message's text as the back office shows it: a link that carries a personal key (a member's answer link, a
/// subscriber's confirm or unsubscribe link) is cut before the key, so whoever reads the outbox cannot act for the recipient.
/// </summary>
public static partial class PersonalLinks
{
    /// <summary>What stands where a key was cut away.</summary>
    public const string Hidden = "[personlig nøgle skjult]";

    public static string Hide(string text) => Url().Replace(text, m => HideIn(m.Value));

    private static string HideIn(string url)
    {
        var key = Key().Match(url);
        return key.Success ? url[..key.Index] + Hidden : url;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    /// <summary>A path segment or query value of 16 or more letters, digits, "-" and "_" holding a digit: a key, not a word.</summary>
    [GeneratedRegex(@"(?<=[/=])(?=[A-Za-z_\-]*[0-9])[A-Za-z0-9_\-]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex Key();
}
