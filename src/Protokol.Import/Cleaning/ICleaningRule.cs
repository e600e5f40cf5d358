using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>One step of cleaning: takes lines and returns lines, each still carrying its original line number.</summary>
public interface ICleaningRule
{
    IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines);
}

/// <summary>The cleaning stage: the rules in order.</summary>
public sealed class Cleaner(IEnumerable<ICleaningRule> rules)
{
    public static Cleaner Default { get; } = new(
    [
        new BoundRuns(),
        new JoinLabelColumn(),
        new NormalizeCharacters(),
        new PickDanishLabel(),
        new PlainMarkdown(),
        new DropTimeSlots(),
        new DropNavigationText(),
        new DropRunningHeaders(),
        new JoinPageWrappedLines(),
        new JoinWrappedIndexEntries(),
        new SplitRunOnText(),
        new JoinWidthWrappedLabelLists(),
        new SplitGluedLabels(),
        new JoinLabelValueLines(),
        new DropPageMarkers(),
        new DropPageHeaderBlocks(),
        new MendHyphenation(),
        new DropRepeatedLines(),
        new DropCutLastLine(),
    ]);

    public SourceText Clean(SourceText text) =>
        text.With(rules.Aggregate(text.Lines, (lines, rule) => rule.Apply(lines)));
}
