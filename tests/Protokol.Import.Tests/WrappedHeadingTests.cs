using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>A body heading wrapped over lines after an index of the items (fictional samples).</summary>
public sealed class WrappedHeadingTests
{
    private const string Index = "Referat af mødet i Havnby Integrationsråd den 4. juni 2026\n\nIndholdsfortegnelse:\n"
        + "1. Velkomst\n2. Orientering om rådets arbejde med frivillige foreninger i alle bydele og om den nye plan for kommende år\n3. Eventuelt\n\n";

    [Fact]
    public void The_wrapped_tail_of_a_body_heading_is_not_the_items_text()
    {
        var meeting = MeetingParser.Default.Parse(SourceText.FromString("referat.txt", Index
            + "1. Velkomst\nFormanden bød velkommen.\n\n2. Orientering om rådets arbejde med frivillige foreninger i alle bydele og\nom den nye plan for kommende år\n\n3. Eventuelt\nIntet.\n"));

        Assert.Equal("Orientering om rådets arbejde med frivillige foreninger i alle bydele og om den nye plan for kommende år", meeting.Items[1].Title);
        Assert.Null(meeting.Items[1].Decision);
    }

    [Fact]
    public void A_line_after_the_heading_that_does_not_go_on_with_its_title_stays_the_items_text()
    {
        var meeting = MeetingParser.Default.Parse(SourceText.FromString("referat.txt", Index
            + "1. Velkomst\nFormanden bød velkommen.\n\n2. Orientering om rådets arbejde med frivillige foreninger i alle bydele og\nRådet tog orienteringen til efterretning.\n\n3. Eventuelt\nIntet.\n"));

        Assert.Equal("Rådet tog orienteringen til efterretning.", meeting.Items[1].Decision);
    }
}
