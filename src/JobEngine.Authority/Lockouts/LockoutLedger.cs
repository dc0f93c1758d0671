using JobEngine.Authority.Clients;
using JobEngine.Authority.People;
using JobEngine.Authority.TokenRequests;
using JobEngine.Core.Audit;
using JobEngine.Core.Operators;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace JobEngine.Authority.Lockouts;

/// <summary>
/// Records the lockout of a registered client or a local user as <c>authority.lockout</c> in the
/// ledger of each of its tenants: it is refused in all of them, so each tenant's auditors see why.
/// The entry is written off the request's path, so that the failure that starts a lockout takes as
/// long for a registered client id or user name as for an unknown one (which is only logged).
/// </summary>
internal sealed partial class LockoutLedger(
    IServiceScopeFactory scopes, TokenLedger ledger, LocalUserDirectory users, ILogger<LockoutLedger> logger)
{
    /// <summary>Starts recording <paramref name="lockout"/>; the returned task ends once every entry is written or logged as not.</summary>
    public Task RecordAsync(Lockout lockout, RequestMetadata? request) => lockout.Subject.Kind switch
    {
        FailureSubjectKind.Client => Task.Run(() => WriteClientAsync(lockout, request)),
        FailureSubjectKind.User => WriteUserAsync(lockout, request),
        _ => Task.CompletedTask,
    };

    private async Task WriteClientAsync(Lockout lockout, RequestMetadata? request)
    {
        var clientId = lockout.Subject.Identifier;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            if (await applications.FindByClientIdAsync(clientId) is not { } application)
            {
                return;
            }

            var registration = ClientRegistration.FromProperties(clientId, await applications.GetPropertiesAsync(application));
            await Task.WhenAll(registration.Tenants.Select(tenant => AppendAsync(tenant, lockout, request,
                AuditResourceTypes.Client, $"Client {clientId} is locked out of the token endpoint until {lockout.LockedUntil:O}: " +
                "too many failed authentications with its client id within a minute.")));
        }
        catch (Exception exception)
        {
            // Nobody awaits this work: whatever went wrong is logged here.
            LogNotRecorded(exception, clientId);
        }
    }

    private Task WriteUserAsync(Lockout lockout, RequestMetadata? request)
    {
        var name = lockout.Subject.Identifier;
        if (users.Find(name) is not { } person)
        {
            return Task.CompletedTask;
        }

        return Task.Run(() => Task.WhenAll(person.Tenants.Select(tenant => AppendAsync(tenant, lockout, request,
            AuditResourceTypes.User, $"User {name} is locked out of the sign-in page until {lockout.LockedUntil:O}: " +
            "too many failed sign-ins with their name within a minute."))));
    }

    private async Task AppendAsync(string tenant, Lockout lockout, RequestMetadata? request, string resourceType, string description)
    {
        var subject = lockout.Subject.Identifier;
        var clientId = lockout.Subject.Kind == FailureSubjectKind.Client ? subject : null;
        var record = AuditRecord.Create(tenant, AuditEventTypes.Lockout, new Attribution(null, ActorTypes.Anonymous, clientId, null), request) with
        {
            ResourceType = resourceType,
            ResourceId = subject,
            Description = description,
        };

        var outcome = await ledger.AppendAsync(record, CancellationToken.None);
        if (!outcome.TryGet(out _, out var failure))
        {
            LogNotRecordedIn(subject, tenant, failure.Detail);
        }
    }

    [LoggerMessage(EventId = 1022, EventName = "LockoutNotRecorded", Level = LogLevel.Error,
        Message = "The lockout of client {ClientId} could not be recorded in the ledger")]
    private partial void LogNotRecorded(Exception exception, string clientId);

    [LoggerMessage(EventId = 1023, EventName = "LockoutNotRecordedInTenant", Level = LogLevel.Error,
        Message = "The lockout of {Subject} could not be recorded in the ledger of tenant {Tenant}: {Reason}")]
    private partial void LogNotRecordedIn(string subject, string tenant, string reason);
}
