using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>Guests named in the header or an item's text, on fictional samples.</summary>
public sealed class GuestRuleTests
{
    [Fact]
    public void A_body_invited_to_an_item_is_its_guest()
    {
        var m = MeetingParser.Default.Parse(SourceText.FromString("sample.txt",
            "Havneudvalget - 03-10-2022\nReferat\n12. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n13. Dialogmøde med Havneskolens bestyrelse\nResume\n"
            + "Havneskolens bestyrelse er inviteret til dialogmøde kl. 16.30.\nBeslutning\nTaget til efterretning.\n14. Eventuelt\nResume\nAlle er inviteret til julefrokost.\n"));

        var guest = Assert.Single(m.Guests);
        Assert.Equal("Havneskolens bestyrelse", guest.Name);
        Assert.Equal(["13"], guest.Items);
    }

    [Fact]
    public void Someone_the_council_has_lunch_with_is_a_guest()
    {
        var m = MeetingParser.Default.Parse(SourceText.FromString("sample.txt",
            "Indkaldelse til møde i Havnerådet\nTirsdag den 8. juni 2021 kl. 9.00 + frokost 12.00-13.00 med Eva Lundgaard\nDagsorden:\n 1. Godkendelse af dagsorden\n 2. Eventuelt\n"));

        Assert.Equal(["Eva Lundgaard"], m.Guests.Select(g => g.Name));
    }
}
