using JobEngine.SignedNotes;

namespace JobEngine.Cli.Ledger;

/// <summary>
/// A checkpoint note given as a file, with what it claims (not yet verified) and the key it must be
/// signed with. A file that cannot be read or is no checkpoint note is a usage error naming the option.
/// </summary>
internal sealed record CheckpointNoteFile(string File, string Note, Checkpoint Claimed, NoteVerifier Key)
{
    public static CheckpointNoteFile Read(FileInfo file, string key, string noteOption, string keyOption)
    {
        var verifier = VerifierKeys.FromOption(key, keyOption);
        if (!file.Exists)
        {
            throw new CliException(ExitCodes.Usage, $"{noteOption}: {file.FullName} does not exist.");
        }

        string note;
        try
        {
            note = System.IO.File.ReadAllText(file.FullName);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"{noteOption}: cannot read {file.FullName}: {unreadable.Message}");
        }

        return CheckpointNotes.TryReadUnverified(note, out var claimed, out var problem)
            ? new CheckpointNoteFile(file.Name, note, claimed, verifier)
            : throw new CliException(ExitCodes.Usage,
                $"{noteOption}: {file.FullName} is not a signed checkpoint note ({problem}). Save the note byte for byte, e.g. with jq -j .note.");
    }
}
