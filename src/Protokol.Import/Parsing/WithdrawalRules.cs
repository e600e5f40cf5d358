using System.Text.RegularExpressions;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing;

/// <summary>
/// Withdrawn items: "(udgår)" or "- udgik" in the title ("4. Nyt byggeri (udgår)"), "punkt 4 udgår" in
/// another item's text ("Dagsordenen godkendt med den ændring, at punkt 4 udgår"), an item whose text
/// opens "Udgår", "Punktet udgik", "Punktet blev trukket", "Sagen blev trukket", "Trukket.", "Trukket af forvaltningen." or "Punktet blev taget af dagsordenen",
/// on its first line or as its decision (Odense minutes; fictional samples).
/// </summary>
internal static partial class WithdrawalRules
{
    /// <summary>Strips "(udgår …)" from a title and says whether the item was withdrawn.</summary>
    public static (string Title, bool Withdrawn) TitleWithdrawal(string title)
    {
        var m = WithdrawnInTitle().Match(title);
        return m.Success ? (title.Remove(m.Index, m.Length).Trim(), true) : (title, false);
    }

    /// <summary>Items another item's text says were withdrawn: "… den ændring, at punkt 4 udgår".</summary>
    public static IEnumerable<string> WithdrawnElsewhere(string text) =>
        WithdrawnMention().Matches(text).Select(m => m.Groups["n"].Value.ToLowerInvariant());

    public static bool BodySaysWithdrawn(ItemBlock item) =>
        item.Body.FirstOrDefault(l => !l.IsBlank && !CaseReference(l.Trimmed)) is { } first && WithdrawnOpening().IsMatch(first.Trimmed);

    /// <summary>
    /// A case system's reference line under an item's heading ("Sagsnr.: 27.69.48-A00-2-25   Sagsbehandler: …", "Acadre sagsnr.: 20/1187",
    /// "J.nr. …"): not the item's text, so "Punktet udgår." after it still opens the item.
    /// </summary>
    public static bool CaseReference(string trimmed) => trimmed.Length < 300 && CaseReferenceLine().IsMatch(trimmed);

    [GeneratedRegex(@"^(?:acadre\s+|esdh\s+)?(?:sagsnr|sags\s*nr|sagsnummer|j\.?\s*nr|journalnr|journalnummer|sagsbehandler|dokumentnr)\.?\s*:?\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseReferenceLine();

    /// <summary>
    /// A decision that says the item was withdrawn: under a decision label ("Beslutning i Udvalget den 3-3-2020: Trukket."),
    /// as the committee systems' minutes put it, the item's first line is the label and the withdrawal follows it.
    /// </summary>
    public static bool DecisionSaysWithdrawn(string? decision) => decision is not null && WithdrawnOpening().IsMatch(decision.TrimStart());

    [GeneratedRegex(@"\s*(?:\((?:punktet\s+)?udg(?:år|ik)\b[^)]*\)?|[-–]\s*(?:punktet\s+)?udg(?:år|ik)\b.*$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithdrawnInTitle();

    [GeneratedRegex(@"\bpunkt(?:et)?\s+(?<n>\d{1,3}[a-z]?)\s+(?:udg(?:år|ik)\b|(?:blev|er|bliver)\s+(?:trukket\b|taget\s+af\s+dagsordenen)|tages\s+af\s+dagsordenen)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithdrawnMention();

    [GeneratedRegex(@"^(?:(?:(?:punktet|sagen)\s+)?udg(?:år|ik)\b|(?:trukket|taget\s+af\s+dagsordenen)\s*(?:[.!]|$)|trukket\s+(?:af|tilbage\s+af)\s+(?:forvaltningen|administrationen|sekretariatet|direktionen|formanden|borgmesteren|\p{L}+forvaltningen)\s*(?:[.!]|$)|(?:punktet|sagen)\s+(?:blev|er|bliver)\s+(?:trukket\b|taget\s+af\s+dagsordenen)|(?:punktet|sagen)\s+tages\s+af\s+dagsordenen)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithdrawnOpening();
}
