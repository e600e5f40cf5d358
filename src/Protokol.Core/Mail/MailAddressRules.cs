using System.Net.Mail;
using Protokol.Core.Common;

namespace Protokol.Core.Mail;

/// <summary>What Protokol accepts as an e-mail address: one address, no display name, no line breaks.</summary>
public static class MailAddressRules
{
    public static string Normalise(string? address)
    {
        var text = address?.Trim() ?? string.Empty;
        if (text.Length is 0 or > 254 || text.Any(char.IsControl) || text.Contains(' ', StringComparison.Ordinal)
            || !MailAddress.TryCreate(text, out var parsed) || !string.Equals(parsed.Address, text, StringComparison.Ordinal)
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            throw new DomainRuleException($"\"{Shorten(text)}\" er ikke en gyldig e-mailadresse.");
        }

        // The local part is kept as written; domains are case-insensitive.
        return parsed.User + "@" + parsed.Host.ToLowerInvariant();
    }

    /// <summary>Whether <see cref="Normalise"/> accepts the address.</summary>
    public static bool IsValid(string? address)
    {
        try
        {
            Normalise(address);
            return true;
        }
        catch (DomainRuleException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
