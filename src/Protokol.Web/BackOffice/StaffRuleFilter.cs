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
