using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace JobEngine.Authority.Lockouts;

/// <summary>What failed authentications are counted against: the client id or user name presented, or the source address.</summary>
internal enum FailureSubjectKind
{
    Client,
    Address,
    User,
}

/// <summary>
/// One thing failures are counted against: a client id or a source network, and its key in the store.
/// Client ids are counted whether or not they are registered, so a lockout reveals nothing about
/// which ids exist. An IPv6 source is counted by its /64 network: one host usually holds a whole
/// /64, and counting single addresses would give it 2^64 allowances.
/// </summary>
internal sealed record FailureSubject(FailureSubjectKind Kind, string Key, string Identifier)
{
    // Longer client ids (anyone can send one) are keyed by their SHA-256, which keeps keys within
    // AuthenticationFailureStore.MaxSubjectLength.
    private const int MaxPlainClientIdLength = 128;
    private const int MaxShownLength = 64;

    public static FailureSubject Client(string clientId) => new(
        FailureSubjectKind.Client,
        clientId.Length <= MaxPlainClientIdLength
            ? "client:" + clientId
            : "client-sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientId))),
        clientId);

    /// <summary>A user name typed on the sign-in page, counted whether or not anyone has it.</summary>
    public static FailureSubject User(string name) => new(
        FailureSubjectKind.User,
        name.Length <= MaxPlainClientIdLength
            ? "user:" + name
            : "user-sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name))),
        name);

    public static FailureSubject Address(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var network = address.AddressFamily == AddressFamily.InterNetworkV6 ? Network64(address) : address.ToString();
        return new(FailureSubjectKind.Address, "address:" + network, network);
    }

    /// <summary>The identifier as logs show it: cut after 64 characters.</summary>
    public string Shown => Identifier.Length <= MaxShownLength ? Identifier : Identifier[..MaxShownLength] + "…";

    /// <summary>The subjects of a request: its client id if it names one, and its source address if it has one.</summary>
    public static IReadOnlyList<FailureSubject> Of(string? clientId, IPAddress? address)
    {
        var subjects = new List<FailureSubject>(2);
        if (!string.IsNullOrEmpty(clientId))
        {
            subjects.Add(Client(clientId));
        }

        if (address is not null)
        {
            subjects.Add(Address(address));
        }

        return subjects;
    }

    private static string Network64(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
