using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Protokol.Core.Accounts;

namespace Protokol.Web.BackOffice;

/// <summary>
/// Runs before every handler of the back office: the handler's declared <see cref="StaffRule"/> is
/// decided for the signed-in account, and a handler without one is refused. A use case that refuses
/// (<see cref="AccessDeniedException"/>) answers the same "no access" as the rule would.
/// </summary>
public sealed class StaffRuleFilter(StaffRuleEvaluator evaluator, ILogger<StaffRuleFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var rule = StaffRuleAttribute.Of(context.HandlerMethod, context.HandlerInstance.GetType());
        if (rule is null)
        {
            logger.LogError("The back-office handler {Page} {Handler} declares no [StaffRule]: refused.", context.ActionDescriptor.ViewEnginePath, context.HandlerMethod?.MethodInfo.Name);
            context.Result = new ForbidResult();
            return;
        }

        // The rule is decided on the address's council or record; a form or query value of the same name would
        // otherwise reach the handler instead (model binding reads the form first) and act on another council's record.
        foreach (var key in StaffRuleEvaluator.RouteKeys)
        {
            if (context.HandlerArguments.TryGetValue(key, out var bound) && context.RouteData.Values.TryGetValue(key, out var routed)
                && !string.Equals(Convert.ToString(bound, CultureInfo.InvariantCulture), Convert.ToString(routed, CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                logger.LogWarning("The back-office handler {Page} {Handler} got a {Key} that differs from its address's: refused.", context.ActionDescriptor.ViewEnginePath, context.HandlerMethod?.MethodInfo.Name, key);
                context.Result = new BadRequestResult();
                return;
            }
        }

        var verdict = await evaluator.DecideAsync(rule.Value, context.HttpContext.User.Rights(), context.RouteData.Values, context.HttpContext.RequestAborted);
        if (verdict != StaffVerdict.Allowed)
        {
            context.Result = verdict == StaffVerdict.NotFound ? new NotFoundResult() : new ForbidResult();
            return;
        }

        var executed = await next();
        if (executed.Exception is AccessDeniedException)
        {
            executed.Result = new ForbidResult();
            executed.ExceptionHandled = true;
        }
    }
}
