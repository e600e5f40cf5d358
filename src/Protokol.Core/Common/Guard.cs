namespace Protokol.Core.Common;

internal static class Guard
{
    public static string Text(string? value, string what, int maxLength = 500)
    {
        var trimmed = global::Protokol.Core.Text.UnicodeText.WithoutInvalidOrNull(value)?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainRuleException($"{what} skal udfyldes.", what);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException($"{what} må højst være {maxLength} tegn.", what);
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, string what, int maxLength = 500)
    {
        var trimmed = global::Protokol.Core.Text.UnicodeText.WithoutInvalidOrNull(value)?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength ? throw new DomainRuleException($"{what} må højst være {maxLength} tegn.", what) : trimmed;
    }

    /// <summary>
    /// A one-line text (a name, a title): line breaks, tabs and other control characters pasted into it become
    /// single spaces, so no name breaks a heading, a list, a calendar entry or a mail's subject.
    /// </summary>
    public static string Line(string? value, string what, int maxLength = 500) => Text(OneLine(value), what, maxLength);

    public static string? OptionalLine(string? value, string what, int maxLength = 500) => OptionalText(OneLine(value), what, maxLength);

    private static string? OneLine(string? value)
    {
        if (value is null || !value.Any(char.IsControl))
        {
            return value;
        }

        var line = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsControl(c))
            {
                line.Append(c);
            }
            else if (line.Length > 0 && line[^1] != ' ')
            {
                line.Append(' ');
            }
        }

        return line.ToString();
    }

    /// <summary>
    /// An optional web address: "https://…" or "http://…"; a bare "kommune.dk/side" is taken as https. Anything else
    /// (a "javascript:" link, a file path, words) is refused naming the field, so no link is stored that the portal
    /// or the OParl API could not show.
    /// </summary>
    public static string? OptionalWebAddress(string? value, string what, int maxLength = 500)
    {
        var trimmed = OptionalText(value, what, maxLength);
        if (trimmed is null)
        {
            return null;
        }

        // With a scheme ("https:", "javascript:") as written; without one, a bare address is taken as https.
        var candidate = trimmed.Contains(':', StringComparison.Ordinal) ? trimmed : "https://" + trimmed;
        if (Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Host.Contains('.', StringComparison.Ordinal)
            && !candidate.Any(char.IsWhiteSpace)
            && candidate.Length <= maxLength)
        {
            return candidate;
        }

        throw new DomainRuleException($"{what}: \"{trimmed}\" er ikke en webadresse. Skriv adressen, som den står i browseren, fx https://kommune.dk/hoering.", what);
    }

    /// <summary>Runs every check and throws one exception naming every field that broke its rule, in the order given.</summary>
    public static void All(params Action[] checks)
    {
        var problems = new List<FieldProblem>();
        foreach (var check in checks)
        {
            try
            {
                check();
            }
            catch (DomainRuleException e)
            {
                problems.AddRange(e.Fields.Count > 0 ? e.Fields : [new FieldProblem(string.Empty, e.Message)]);
            }
        }

        if (problems.Count > 0)
        {
            throw new DomainRuleException(problems);
        }
    }

    /// <summary>Refuses a period that ends before it starts; <paramref name="field"/> is the form field of the end date, where the problem is shown.</summary>
    public static void Period(DateOnly? start, DateOnly? end, string what, string? field = null)
    {
        if (start is { } s && end is { } e && e < s)
        {
            var message = $"{what}: slutdatoen ligger før startdatoen.";
            throw field is null ? new DomainRuleException(message) : new DomainRuleException(message, field);
        }
    }
}
