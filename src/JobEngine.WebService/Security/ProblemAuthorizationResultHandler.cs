using JobEngine.WebService.Errors;
using JobEngine.WebService.Operators;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace JobEngine.WebService.Security;

/// <summary>
/// Answers refused requests the way OAuth 2.0 bearer clients expect (RFC 6750): 401 with a
/// <c>WWW-Authenticate</c> challenge for a missing or bad token, 403 <c>insufficient_scope</c>
/// naming the scope for a valid token without it, each with a problem details body.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync();
            if (!context.Response.HasStarted)
            {
                await Problems.Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthenticated,
                        "A valid bearer token is required.",
                        "Send 'Authorization: Bearer <token>' with an access token from the Authority's /connect/token.")
                    .ExecuteAsync(context);
            }

            return;
        }

        if (authorizeResult.Forbidden)
        {
            var scopes = policy.Requirements.OfType<ScopeRequirement>().Select(requirement => requirement.Scope).ToList();
            var scope = string.Join(' ', scopes);
            context.Response.Headers.WWWAuthenticate =
                $"Bearer error=\"insufficient_scope\", error_description=\"The token lacks the scope this request needs.\", scope=\"{scope}\"";
            var detail = $"This request needs a token with the scope '{scope}'.";
            await context.RequestServices.GetRequiredService<OperatorDenialRecorder>().RecordIfOperatorActionAsync(context, $"Refused (403): {detail}");
            await Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.InsufficientScope,
                    "The token lacks the scope this request needs.", detail)
                .ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
