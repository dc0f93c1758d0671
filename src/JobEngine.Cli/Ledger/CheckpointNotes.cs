using System.Diagnostics.CodeAnalysis;
using JobEngine.SignedNotes;

namespace JobEngine.Cli.Ledger;

/// <summary>Opens a tenant's signed checkpoint (a C2SP note whose origin is <c>&lt;origin&gt;/&lt;tenantId&gt;</c>) with a trusted key.</summary>
internal static class CheckpointNotes
{
    /// <summary>
    /// The checkpoint <paramref name="note"/> claims, before any signature is checked; false when it
    /// is not shaped like a signed checkpoint at all.
    /// </summary>
    public static bool TryReadUnverified(string note, [NotNullWhen(true)] out Checkpoint? claimed, [NotNullWhen(false)] out string? problem)
    {
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            claimed = null;
            problem = "not a signed note: a checkpoint, a blank line and signature lines, each line ending in \\n";
            return false;
        }

        return Checkpoint.TryParse(note[..(split + 1)], out claimed, out problem);
    }

    /// <summary>The checkpoint <paramref name="verifier"/> signed in <paramref name="note"/>; <paramref name="source"/> names the note in failures.</summary>
    public static Checkpoint Open(NoteVerifier verifier, string note, string source)
    {
        if (!verifier.TryOpen(note, out var text, out var error))
        {
            throw LedgerIntegrityException.ForgedCheckpoint(
                $"{source} is not signed by the trusted key {verifier.Name}+{verifier.KeyHash:x8}: {error}.");
        }

        return Checkpoint.TryParse(text, out var checkpoint, out error)
            ? checkpoint
            : throw LedgerIntegrityException.WrongCheckpoint($"{source} is signed but is no checkpoint: {error}.");
    }

    /// <summary>Refuses a checkpoint of another log than <paramref name="tenantId"/>'s (tenant ids hold no '/', so the last segment names it).</summary>
    public static void RequireTenant(Checkpoint checkpoint, string tenantId, string source)
    {
        var slash = checkpoint.Origin.LastIndexOf('/');
        if (slash <= 0 || checkpoint.Origin[(slash + 1)..] != tenantId)
        {
            throw LedgerIntegrityException.WrongCheckpoint(
                $"{source} is a checkpoint of the log '{checkpoint.Origin}', not of tenant '{tenantId}' (<origin>/{tenantId}).");
        }
    }
}
