
namespace Protokol.Import.Parsing;

/// <summary>
/// The time on the header's lines about the meeting: "kl. 15.00 – 18.00", "Kl. 15-18", "kl. 13:00 16:00",
/// "kl. 9.00 + frokost 12.00-13.00" (the start after "kl." wins over a later range), "Mandag, 3 oktober,
/// 2022 - 16:30" (a time after the date), "15.30 – 17.30" without "kl.".
/// </summary>
internal sealed class TimeNearDateRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Start is not null)
        {
            return;
        }

        var lines = context.Lines.Where(l => !HeaderPatterns.Attendance().IsMatch(l.Trimmed)).Select(l => l.Trimmed).ToList();
        var dateLine = context.Lines.FirstOrDefault(l => l.Line == context.DateLine)?.Trimmed;
        foreach (var text in (dateLine is null ? [] : new[] { dateLine }).Concat(lines))
        {
            var (start, end) = TimeText.Range(text);
            if (start is not null)
            {
                context.Start = start;
                context.End ??= end;
                return;
            }
        }
    }
}
