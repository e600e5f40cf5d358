namespace Protokol.Core.Mail;

/// <summary>
/// How a message to a member opens: "Kære {name}", then the secretary's own message, if she wrote one. A message that
/// already opens with a greeting ("Kære alle", "Hej …") is the opening itself, so the member is not greeted twice.
/// </summary>
public static class MailOpening
{
    private static readonly string[] Greetings = ["kære", "hej", "hejsa", "goddag", "godmorgen", "godaften", "dear", "hi", "hello"];

    /// <returns>The opening, ending with a blank line, before the message's own text.</returns>
    public static string For(string name, string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return $"Kære {name}\n\n";
        }

        var trimmed = note.Trim();
        return StartsWithGreeting(trimmed) ? trimmed + "\n\n" : $"Kære {name}\n\n{trimmed}\n\n";
    }

    public static bool StartsWithGreeting(string text)
    {
        var end = 0;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return end > 0 && Greetings.Contains(text[..end], StringComparer.OrdinalIgnoreCase);
    }
}
