using System.Collections.Immutable;
using JobEngine.Authority.Clients;
using JobEngine.Authority.People;
using JobEngine.Core.Audit;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Whom a token is for, with the roles and tenants that bound it: the client itself (client
/// credentials), or the person who signed in through a public client. The token rules ask only this.
/// </summary>
internal sealed record Grantee(string Id, string ActorType, ImmutableArray<string> Roles, ImmutableArray<string> Tenants)
{
    public static Grantee Of(ClientRegistration client) => new(client.ClientId, ActorTypes.Client, client.Roles, client.Tenants);

    public static Grantee Of(Person person) => new(person.Subject, ActorTypes.User, person.Roles, person.Tenants);

    public bool IsPerson => ActorType == ActorTypes.User;

    /// <summary>How refusals name the grantee: <c>client 'acme-operator'</c>, <c>user 'ada'</c>.</summary>
    public string Named => $"{ActorType} '{Id}'";
}
