using System.Text.Json;

namespace JobEngine.Cli.Config;

/// <summary>
/// The tokens jobctl obtained, one per server, in <c>credentials.json</c> of the config directory.
/// The directory is 0700 and the file 0600: a token is a credential. Client secrets are never stored.
/// </summary>
internal sealed class CredentialStore(string directory)
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string FilePath => Path.Combine(directory, "credentials.json");

    public StoredToken? Find(string? server)
    {
        var file = Load();
        var key = server is null ? file.Current : Normalize(server);
        return key is not null && file.Tokens.TryGetValue(key, out var token) ? token : null;
    }

    public void Save(StoredToken token)
    {
        var file = Load();
        var key = Normalize(token.Server);
        file.Tokens[key] = token with { Server = key };
        file.Current = key;

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            File.SetUnixFileMode(directory, OwnerOnlyDirectory);
        }

        var temporary = FilePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, file, Json);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }

    public static string Normalize(string server) => new Uri(server, UriKind.Absolute).GetLeftPart(UriPartial.Authority) + "/";

    private CredentialFile Load() =>
        File.Exists(FilePath)
            ? JsonSerializer.Deserialize<CredentialFile>(File.ReadAllText(FilePath), Json) ?? new CredentialFile()
            : new CredentialFile();

    private sealed class CredentialFile
    {
        public string? Current { get; set; }

        public Dictionary<string, StoredToken> Tokens { get; set; } = [];
    }
}
