namespace Protokol.Core.Common;

/// <summary>One text two people changed at once: what the user wrote and what is stored now.</summary>
public sealed record TextConflict(string What, string Yours, string Stored);

/// <summary>
/// An edit made from a stale page whose text differs from what someone else has saved since: nothing
/// was saved, and the page shows both versions of each text so the user can merge them.
/// </summary>
public sealed class EditConflictException : Exception
{
    public EditConflictException(IReadOnlyList<TextConflict> conflicts)
        : base("Nogen har ændret det samme, siden du åbnede siden. Din ændring er ikke gemt. Sammenlign de to udgaver, og gem igen.")
    {
        Conflicts = conflicts;
    }

    public EditConflictException()
    {
        Conflicts = [];
    }

    public EditConflictException(string message) : base(message)
    {
        Conflicts = [];
    }

    public EditConflictException(string message, Exception innerException) : base(message, innerException)
    {
        Conflicts = [];
    }

    public IReadOnlyList<TextConflict> Conflicts { get; }
}
