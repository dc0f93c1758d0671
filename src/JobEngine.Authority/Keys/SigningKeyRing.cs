using JobEngine.Infrastructure.Keys;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.Authority.Keys;

/// <summary>
/// This process's view of the signing keys kept in the store: every published key (served in the
/// JWKS and accepted in tokens) and which of them signs now. When the set of keys changes, the
/// options built from it are rebuilt (<see cref="ChangeToken"/>).
/// </summary>
internal sealed class SigningKeyRing(TimeProvider time)
{
    private readonly Lock _loading = new();
    private volatile Snapshot? _current;
    private CancellationTokenSource _changed = new();

    public bool IsLoaded => _current is not null;

    /// <summary>Every key tokens may be signed with, oldest first.</summary>
    public IReadOnlyList<SigningCredentials> Published => Current.Credentials;

    /// <summary>Key ids of <see cref="Published"/>, oldest first.</summary>
    public IEnumerable<string> KeyIds => Current.Keys.Select(key => key.KeyId);

    /// <summary>The key that signs tokens now.</summary>
    public SigningCredentials Active
    {
        get
        {
            var current = Current;
            var active = current.Schedule.Active(current.Keys, time.GetUtcNow());
            return current.Credentials[IndexOf(current.Keys, active.KeyId)];
        }
    }

    /// <summary>Fires once the published keys change.</summary>
    public IChangeToken ChangeToken => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    private Snapshot Current => _current ?? throw new InvalidOperationException("The signing keys have not been loaded yet.");

    /// <summary>Loads the keys with <paramref name="load"/> unless they are loaded already; the first caller does it, others wait.</summary>
    public void EnsureLoaded(Action load)
    {
        lock (_loading)
        {
            if (!IsLoaded)
            {
                load();
            }
        }
    }

    /// <summary>The credentials already opened for <paramref name="keyId"/>, so that a key is decrypted once per process.</summary>
    public SigningCredentials? Find(string keyId)
    {
        var current = _current;
        var index = current is null ? -1 : IndexOf(current.Keys, keyId);
        return index < 0 ? null : current!.Credentials[index];
    }

    /// <summary>Publishes <paramref name="keys"/> (oldest first) with their credentials; signals a change when the key ids differ.</summary>
    public void Publish(IReadOnlyList<AuthorityKey> keys, IReadOnlyList<SigningCredentials> credentials, SigningKeySchedule schedule)
    {
        var previous = _current;
        _current = new Snapshot(keys, credentials, schedule);
        if (previous is not null && !previous.Keys.Select(key => key.KeyId).SequenceEqual(keys.Select(key => key.KeyId), StringComparer.Ordinal))
        {
            Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();
        }
    }

    private static int IndexOf(IReadOnlyList<AuthorityKey> keys, string keyId)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.Equals(keys[i].KeyId, keyId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private sealed record Snapshot(IReadOnlyList<AuthorityKey> Keys, IReadOnlyList<SigningCredentials> Credentials, SigningKeySchedule Schedule);
}
