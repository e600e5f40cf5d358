using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing.Decisions;

/// <summary>One way minutes record what was decided on an item; returns the decision's text or null.</summary>
internal interface IDecisionRule
{
    string? Find(ItemBlock item, DecisionContext context);
}

/// <summary>What the decision rules may know of the whole document.</summary>
internal sealed record DecisionContext(bool Minutes);

/// <summary>The decision rules in order: the first that finds a decision wins.</summary>
internal static class DecisionFinder
{
    public static IReadOnlyList<IDecisionRule> Rules { get; } =
    [
        new DecisionSectionRule(),
        new InlineDecisionLabelRule(),
        new OpeningWordDecisionRule(),
        new InformalMinutesRule(),
    ];

    public static string? Find(ItemBlock item, DecisionContext context)
    {
        foreach (var rule in Rules)
        {
            if (rule.Find(item, context) is { Length: > 0 } decision)
            {
                return decision;
            }
        }

        return null;
    }
}
