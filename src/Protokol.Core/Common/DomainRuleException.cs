namespace Protokol.Core.Common;

/// <summary>An action that breaks a rule of the domain; the message is Danish and meant for the user.</summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string message) : base(message)
    {
        Fields = [];
    }

    public DomainRuleException()
    {
        Fields = [];
    }

    public DomainRuleException(string message, Exception innerException) : base(message, innerException)
    {
        Fields = [];
    }

    /// <summary>A rule about one field of the form, named as its label names it ("Titel"), so the form can show the message there.</summary>
    public DomainRuleException(string message, string field) : base(message)
    {
        Fields = [new FieldProblem(field, message)];
    }

    /// <summary>Several fields broken at once (an empty form names every required field, not just the first).</summary>
    public DomainRuleException(IReadOnlyList<FieldProblem> fields) : base(string.Join(' ', fields.Select(f => f.Message)))
    {
        Fields = fields;
    }

    /// <summary>The fields the rule is about, by their label; empty for a rule about the whole action.</summary>
    public IReadOnlyList<FieldProblem> Fields { get; }
}

/// <summary>What is wrong with one field of a form: the field as its label names it, and the message.</summary>
public sealed record FieldProblem(string Field, string Message);
