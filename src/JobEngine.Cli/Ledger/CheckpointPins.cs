using System.Text.Json;
using JobEngine.Cli.Config;

namespace JobEngine.Cli.Ledger;

/// <summary>
/// What jobctl trusts about each server's ledger, one JSON file per server in
/// <c>checkpoints/</c> of the config directory: the checkpoint key pinned on first use and, per
/// tenant, the newest checkpoint jobctl verified itself. Public data, so readable by all but
/// writable by the owner only; written whole to a temporary file and moved into place.
/// </summary>
internal sealed class CheckpointPins(string configDirectory)
{
    private const UnixFileMode OwnerWritesAllRead =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode OwnerWritesAllReadDirectory =
        OwnerWritesAllRead | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    // Relaxed escaping keeps keys and hashes readable ('+' rather than \u002B): the file is read by people, never served to a browser.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private string PinDirectory => Path.Combine(configDirectory, "checkpoints");

    /// <summary><c>checkpoints/http_127.0.0.1_5080.json</c> for <c>http://127.0.0.1:5080</c>.</summary>
    public string FileFor(string server)
    {
        var uri = new Uri(CredentialStore.Normalize(server));
        var name = $"{uri.Scheme}_{uri.Host}_{uri.Port}";
        foreach (var invalid in Path.GetInvalidFileNameChars().Append(':').Append('[').Append(']'))
        {
            name = name.Replace(invalid, '_');
        }

        return Path.Combine(PinDirectory, name + ".json");
    }

    public ServerPins? Find(string server)
    {
        var file = FileFor(server);
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ServerPins>(File.ReadAllText(file), Json)
                   ?? throw new JsonException("the file holds null");
        }
        catch (JsonException unreadable)
        {
            throw new CliException(ExitCodes.Failed,
                $"The pinned checkpoints in {file} are unreadable ({unreadable.Message}). Restore the file, or remove it to pin again on the next use.");
        }
    }

    /// <summary>
    /// Pins <paramref name="verifierKey"/> for <paramref name="server"/> and, when given, the tenant's
    /// checkpoint. A tenant's pin only moves forward: a checkpoint no larger than the pinned one leaves it.
    /// </summary>
    public void Save(string server, string verifierKey, string tenantId, TenantPin? checkpoint)
    {
        var current = Find(server);
        var tenants = new Dictionary<string, TenantPin>(current?.Tenants ?? new Dictionary<string, TenantPin>(), StringComparer.Ordinal);
        var moved = checkpoint is not null && (!tenants.TryGetValue(tenantId, out var pinned) || pinned.TreeSize < checkpoint.TreeSize);
        if (!moved && current?.VerifierKey == verifierKey)
        {
            return;
        }

        if (moved)
        {
            tenants[tenantId] = checkpoint!;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(PinDirectory);
        }
        else
        {
            Directory.CreateDirectory(PinDirectory, OwnerWritesAllReadDirectory);
        }

        var file = FileFor(server);
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerWritesAllRead;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, new ServerPins(CredentialStore.Normalize(server), verifierKey, tenants), Json);
        }

        File.Move(temporary, file, overwrite: true);
    }
}

/// <summary>A server's pinned checkpoint key and, per tenant, the newest checkpoint verified.</summary>
internal sealed record ServerPins(string Server, string VerifierKey, IReadOnlyDictionary<string, TenantPin> Tenants);

/// <summary>A checkpoint jobctl verified: its size and root (base64) and the signed note itself.</summary>
internal sealed record TenantPin(long TreeSize, string RootHash, string Note, DateTimeOffset VerifiedAt);
