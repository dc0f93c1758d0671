using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// The one ordering scheme of the Authority's token handlers: each runs a number of steps after a
/// named OpenIddict built-in, so the pipeline reads as "after OpenIddict authenticated the client",
/// "after it wrote the access token", and so on; guards run just before the client is authenticated.
/// Also the one way a rule refuses a request.
/// </summary>
internal static class TokenRequestHandler
{
    private const int Step = 100;

    // OpenIddict spaces its built-in handlers 1,000 apart.
    private const int BuiltInSpacing = 1_000;

    public static OpenIddictServerHandlerDescriptor After<TContext, THandler>(OpenIddictServerHandlerDescriptor builtIn, int step)
        where TContext : OpenIddictServerEvents.BaseContext
        where THandler : class, IOpenIddictServerHandler<TContext> =>
        At<TContext, THandler>(builtIn.Order + (step * Step));

    /// <summary>
    /// A guard, run before OpenIddict authenticates the client, so before any secret is checked
    /// (and after the grant type and scopes were found valid); <paramref name="step"/> orders the guards.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor Guard<THandler>(int step)
        where THandler : class, IOpenIddictServerHandler<ValidateTokenRequestContext> =>
        At<ValidateTokenRequestContext, THandler>(
            OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order - BuiltInSpacing + (step * Step));

    /// <summary>A validation rule, run after OpenIddict authenticated the client; <paramref name="step"/> orders the rules.</summary>
    public static OpenIddictServerHandlerDescriptor Rule<THandler>(int step)
        where THandler : class, IOpenIddictServerHandler<ValidateTokenRequestContext> =>
        After<ValidateTokenRequestContext, THandler>(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor, step);

    /// <summary>A handler of an event OpenIddict leaves to the host (it has no built-in one to follow).</summary>
    public static OpenIddictServerHandlerDescriptor First<TContext, THandler>()
        where TContext : OpenIddictServerEvents.BaseContext
        where THandler : class, IOpenIddictServerHandler<TContext> =>
        At<TContext, THandler>(0);

    private static OpenIddictServerHandlerDescriptor At<TContext, THandler>(int order)
        where TContext : OpenIddictServerEvents.BaseContext
        where THandler : class, IOpenIddictServerHandler<TContext> =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseScopedHandler<THandler>()
            .SetOrder(order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>
    /// Refuses the request with an OAuth error. A refusal for the request's scopes or operator
    /// parameters is <paramref name="recorded"/> in the ledger as <c>authority.token.rejected</c>.
    /// </summary>
    public static void Refuse(ValidateTokenRequestContext context, TokenRequestState state, string description,
        string error = Errors.InvalidRequest, bool recorded = true)
    {
        state.RecordRefusal = recorded;
        context.Reject(error, description);
    }
}
