using Protokol.Search.Indexing;

namespace Protokol.Search.Tests;

/// <summary>The indexed text of an item is what the portal shows, so its snippets carry no Markdown marks.</summary>
public sealed class ReadableTextTests
{
    [Theory]
    [InlineData("Rådet drøftede sagen.\n\nDen sendes videre, jf. § 17, stk. 4 (5-3).")]
    [InlineData("Mødet sluttede kl. 17.00 - 3 punkter blev udsat.")]
    [InlineData("")]
    public void Prose_without_Markdown_is_indexed_as_it_is(string text) =>
        Assert.Same(text, SearchDocumentBuilder.Readable(text));

    [Theory]
    [InlineData("Rådet finder det **meget** vigtigt.", "Rådet finder det meget vigtigt.")]
    [InlineData("Punkter:\n\n- hjemmepleje\n- plejehjem", "Punkter:\n• hjemmepleje\n• plejehjem")]
    [InlineData("Besluttet:\n1. at sende\n2. at følge op", "Besluttet:\n1. at sende\n2. at følge op")]
    [InlineData("Se [planen](https://kommune.example.dk/plan) og <forvaltningen>.", "Se planen (https://kommune.example.dk/plan) og <forvaltningen>.")]
    public void Markdown_is_indexed_as_the_portal_shows_it(string markdown, string expected) =>
        Assert.Equal(expected, SearchDocumentBuilder.Readable(markdown));
}
