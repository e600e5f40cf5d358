using Protokol.Core.Portal;

namespace Protokol.Core.Tests;

public sealed class PrivacyScannerTests
{
    private static readonly string[] Known = ["Lene Bjerregaard", "Thomas Krogh", "Foreningen Fristedet", "Havnby Varmestue"];

    [Fact]
    public void Emails_phone_numbers_and_cpr_like_numbers_are_found()
    {
        var text = "Kontakt lene@fristedet.dk eller ring 12 34 56 78 / +45 87654321. Borgeren (010190-1234) klagede.";
        var findings = PrivacyScanner.Scan(text, Known);
        Assert.Contains(findings, f => f is { Kind: PrivacyFindingKind.Email, Text: "lene@fristedet.dk" });
        Assert.Contains(findings, f => f is { Kind: PrivacyFindingKind.Phone, Text: "12 34 56 78" });
        Assert.Contains(findings, f => f is { Kind: PrivacyFindingKind.Phone, Text: "+45 87654321" });
        Assert.Contains(findings, f => f is { Kind: PrivacyFindingKind.CprNumber, Text: "010190-1234" });
        Assert.DoesNotContain(findings, f => f.Kind == PrivacyFindingKind.Phone && f.Text.Contains("1234", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_of_people_who_are_not_members_or_guests_are_found_and_known_names_are_not()
    {
        var text = "Thomas Krogh fortalte, at Jens Peter Hansen fra Havnby Varmestue var blevet udskrevet. Lene Bjerregaard takkede.";
        var findings = PrivacyScanner.Scan(text, Known);
        var name = Assert.Single(findings);
        Assert.Equal(PrivacyFindingKind.Name, name.Kind);
        Assert.Equal("Jens Peter Hansen", name.Text);
        Assert.Contains("fortalte, at Jens Peter Hansen fra", name.Context, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_s_context_is_cut_between_words()
    {
        var text = "Forvaltningen orienterede grundigt om vinterberedskabet og pladserne, og Jens Peter Hansen fortalte om sine oplevelser på herberget i efteråret.";
        var name = Assert.Single(PrivacyScanner.Scan(text, Known));
        Assert.Equal("…om vinterberedskabet og pladserne, og Jens Peter Hansen fortalte om sine oplevelser på…", name.Context);
    }

    [Fact]
    public void Ordinary_minutes_give_nothing_to_confirm()
    {
        var text = "Rådet drøftede vinterberedskabet. Forvaltningen orienterede om de nye pladser i januar. Taget til efterretning.";
        Assert.Empty(PrivacyScanner.Scan(text, Known));
        Assert.Empty(PrivacyScanner.Scan(null, Known));
    }

    [Fact]
    public void Redaction_replaces_every_occurrence()
    {
        Assert.Equal("Skriv til [fjernet] eller [fjernet].", PrivacyScanner.Redact("Skriv til a@b.dk eller a@b.dk.", ["a@b.dk"]));
    }
}
