using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// Words broken over a line end ("Sundheds-" / "styrelsens"), also across the blank lines PDF
/// extraction leaves. "Ældre-" / "og Handicap…" keeps its hyphen: that is a Danish elided compound.
/// </summary>
public sealed class MendHyphenation : ICleaningRule
{
    private static readonly HashSet<string> Conjunctions = new(StringComparer.Ordinal) { "og", "eller", "samt", "til", "som" };

    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<SourceLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            while (EndsInBrokenWord(line.Text))
            {
                var next = i + 1;
                while (next < lines.Count && lines[next].IsBlank && next - i <= 3)
                {
                    next++;
                }

                if (next >= lines.Count || lines[next].IsBlank)
                {
                    break;
                }

                var continuation = lines[next].Text.TrimStart();
                if (continuation.Length == 0 || !char.IsLower(continuation[0]))
                {
                    break;
                }

                var firstWord = continuation.Split(' ', 2)[0];
                line = line with
                {
                    Text = Conjunctions.Contains(firstWord) ? line.Text + " " + continuation
                        // A web address broken after one of its own hyphens ("…/social-og-" / "arbejdsmarkedsudvalget?…") keeps it.
                        : InAddress(line.Text) ? line.Text + continuation
                        : line.Text[..^1] + continuation,
                };
                i = next;
            }

            result.Add(line);
        }

        return result;
    }

    /// <summary>The line's last word is a web address ("https://…", "www.…"), where a hyphen is part of the address.</summary>
    private static bool InAddress(string text)
    {
        var lastWord = text[(text.LastIndexOf(' ') + 1)..];
        return lastWord.Contains("://", StringComparison.Ordinal) || lastWord.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A letter followed by a hyphen at the very end of the line.</summary>
    private static bool EndsInBrokenWord(string text) => text.Length >= 2 && text[^1] == '-' && char.IsLetter(text[^2]);
}
