namespace Protokol.Core.Common;

internal static class Guard
{
    public static string Text(string? value, string what, int maxLength = 500)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainRuleException($"{what} skal udfyldes.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException($"{what} må højst være {maxLength} tegn.");
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, string what, int maxLength = 500)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength ? throw new DomainRuleException($"{what} må højst være {maxLength} tegn.") : trimmed;
    }

    public static void Period(DateOnly? start, DateOnly? end, string what)
    {
        if (start is { } s && end is { } e && e < s)
        {
            throw new DomainRuleException($"{what}: slutdatoen ligger før startdatoen.");
        }
    }
}
