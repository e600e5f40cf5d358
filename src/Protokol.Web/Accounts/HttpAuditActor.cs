using System.Security.Claims;
using Protokol.Data.Audit;

namespace Protokol.Web.Accounts;

/// <summary>
/// The audit log's "who" in the portal: the signed-in account's e-mail; "anonym" for a request
/// without one (a failed sign-in); "system" outside requests (the demo seeded at start).
/// </summary>
internal sealed class HttpAuditActor(IHttpContextAccessor http) : IAuditActor
{
    public string Name => http.HttpContext is { } context ? context.User.FindFirstValue(ClaimTypes.Email) ?? "anonym" : "system";
}
