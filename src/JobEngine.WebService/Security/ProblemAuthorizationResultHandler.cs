using JobEngine.Core.Protocol;
using JobEngine.WebService.Console;
using JobEngine.WebService.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace JobEngine.WebService.Security;

/// <summary>
/// Answers refused requests the way OAuth 2.0 bearer clients expect (RFC 6750): 401 with a
/// <c>WWW-Authenticate</c> challenge for a missing or bad token, 403 <c>insufficient_scope</c>
/// naming the scope for a valid token without it, each with a problem details body. The
/// console's pages are for browsers: they challenge with their sign-in page instead.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (policy.AuthenticationSchemes.Contains(ConsoleAuthentication.Scheme))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync();
            if (!context.Response.HasStarted)
            {
                await Problems.Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthenticated,
                        "A valid bearer token is required.",
                        "Send 'Authorization: Bearer <token>' with an access token from the Authority's /" + WireNames.Routes.Token + ".")
                    .ExecuteAsync(context);
            }

            return;
        }

        if (authorizeResult.Forbidden)
        {
            var scope = string.Join(' ', policy.Requirements.OfType<ScopeRequirement>().Select(requirement => requirement.Scope));
            await Problems.InsufficientScope(context, scope).ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
