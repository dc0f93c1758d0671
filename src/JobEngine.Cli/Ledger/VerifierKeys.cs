using JobEngine.SignedNotes;

namespace JobEngine.Cli.Ledger;

/// <summary>Reads checkpoint verifier keys (<c>&lt;name&gt;+&lt;hash&gt;+&lt;key&gt;</c>): one a user gave, or one a server serves.</summary>
internal static class VerifierKeys
{
    /// <summary>
    /// <paramref name="value"/> of <paramref name="option"/>: a file holding the key (as saved from
    /// <c>GET /api/v1/audit/checkpoint-key</c>) or the key itself. A usage error when it is neither.
    /// </summary>
    public static NoteVerifier FromOption(string value, string option)
    {
        var text = value;
        if (File.Exists(value))
        {
            try
            {
                text = File.ReadAllText(value);
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.Usage, $"{option}: cannot read {value}: {unreadable.Message}");
            }
        }
        else if (!value.Contains('+', StringComparison.Ordinal))
        {
            throw new CliException(ExitCodes.Usage,
                $"{option}: '{value}' is neither a file nor a checkpoint verifier key (<name>+<hash>+<key>, as GET /api/v1/audit/checkpoint-key serves it).");
        }

        return NoteVerifier.TryParse(text, out var verifier, out var error)
            ? verifier
            : throw new CliException(ExitCodes.Usage, $"{option}: {(text == value ? "the value" : value)} is not a checkpoint verifier key: {error}.");
    }

    /// <summary>The key a server serves; one that is not a verifier key at all is an integrity failure of that server.</summary>
    public static NoteVerifier FromServer(string served, string server) =>
        NoteVerifier.TryParse(served, out var verifier, out var error)
            ? verifier
            : throw LedgerIntegrityException.KeyChanged($"{server} serves a checkpoint key that is not a verifier key ({error}).");
}
