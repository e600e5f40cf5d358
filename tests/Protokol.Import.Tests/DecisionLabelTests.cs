using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>Decision labels of Word→HTML minutes, on fictional samples.</summary>
public sealed class DecisionLabelTests
{
    [Fact]
    public void Besluttet_paa_the_council_den_as_punkt_labels_the_decision_and_an_absence_sentence_is_left_out()
    {
        var m = MeetingParser.Default.Parse(SourceText.FromString("sample.txt",
            "Havnerådet\nReferat af mødet den 2. november 2011 fra kl. 16:00\n1. Velkomst\nÅbent\nVelkomst ved formanden for udvalget.\n"
            + "Besluttet på Havnerådet den 02-11-2011 som punkt 1\nBo Berg deltog ikke i Havnerådets behandling af sagen.\nFormanden bød velkommen.\n"
            + "2. Eventuelt\nÅbent\nBesluttet på Havnerådet den 02-11-2011 som punkt 2\nIntet.\n"));

        Assert.Equal(["Formanden bød velkommen.", "Intet."], m.Items.Select(i => i.Decision));
    }
}
