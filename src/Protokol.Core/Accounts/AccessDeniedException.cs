namespace Protokol.Core.Accounts;

/// <summary>The account has no right to what it tried; the web answers "no access" (403), never a changed record.</summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException(string message) : base(message)
    {
    }

    public AccessDeniedException()
    {
    }

    public AccessDeniedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
