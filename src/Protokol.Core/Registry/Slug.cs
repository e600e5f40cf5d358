using System.Globalization;
using System.Text;
using Protokol.Core.Common;

namespace Protokol.Core.Registry;

/// <summary>URL keys: lower-case ASCII letters, digits and hyphens; æ, ø, å spelled ae, oe, aa.</summary>
public static class Slug
{
    /// <summary>The longest key as typed, as the forms limit it too.</summary>
    public const int MaxLength = 100;

    public static string From(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text.Trim().ToLower(CultureInfo.InvariantCulture))
        {
            switch (ch)
            {
                case 'æ': builder.Append("ae"); break;
                case 'ø': builder.Append("oe"); break;
                case 'å': builder.Append("aa"); break;
                case 'é': builder.Append('e'); break;
                case 'ü': builder.Append('u'); break;
                case >= 'a' and <= 'z' or >= '0' and <= '9': builder.Append(ch); break;
                default:
                    if (builder.Length > 0 && builder[^1] != '-')
                    {
                        builder.Append('-');
                    }

                    break;
            }
        }

        return builder.ToString().Trim('-');
    }

    internal static string Require(string value, string what)
    {
        var slug = From(Guard.Text(value, what, MaxLength));
        return slug.Length == 0 ? throw new DomainRuleException($"{what} skal indeholde bogstaver eller tal.", what) : slug;
    }
}
