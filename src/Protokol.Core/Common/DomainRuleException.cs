namespace Protokol.Core.Common;

/// <summary>An action that breaks a rule of the domain; the message is Danish and meant for the user.</summary>
public sealed class DomainRuleException : Exception
{
    /// <summary>The form field the rule is about ("Dato"), when it is one field, so a form can show the message beside it.</summary>
    public string? Field { get; init; }

    public DomainRuleException(string message) : base(message)
    {
    }

    public DomainRuleException()
    {
    }

    public DomainRuleException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
