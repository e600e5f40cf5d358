using Protokol.Core.Common;

namespace Protokol.Core.Accounts;

/// <summary>What a password must be: long (three or four words one can remember), nothing else.</summary>
public static class PasswordRule
{
    public const int MinLength = 12;

    public static void Check(string? password)
    {
        if (string.IsNullOrWhiteSpace(password) || password.Length < MinLength)
        {
            throw new DomainRuleException($"Adgangskoden skal have mindst {MinLength} tegn.", "Adgangskode");
        }
    }
}
