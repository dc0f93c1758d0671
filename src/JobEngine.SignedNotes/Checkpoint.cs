using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace JobEngine.SignedNotes;

/// <summary>
/// A C2SP tlog-checkpoint body: the log's origin, its tree size and its root hash, one per line
/// (<c>&lt;origin&gt;\n&lt;size&gt;\n&lt;base64 root&gt;\n</c>).
/// </summary>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash)
{
    public string ToText() =>
        $"{Origin}\n{TreeSize.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n";

    /// <summary>
    /// The checkpoint <paramref name="note"/> signs when <paramref name="verifier"/>'s key signed it
    /// for the log <paramref name="origin"/>; otherwise false and why.
    /// </summary>
    public static bool TryOpen(
        string note, NoteVerifier verifier, string origin,
        [NotNullWhen(true)] out Checkpoint? checkpoint, [NotNullWhen(false)] out string? error)
    {
        checkpoint = null;
        if (!verifier.TryOpen(note, out var text, out error) || !TryParse(text, out var signed, out error))
        {
            return false;
        }

        if (signed.Origin != origin)
        {
            error = $"the checkpoint is of the log '{signed.Origin}', not '{origin}'";
            return false;
        }

        checkpoint = signed;
        return true;
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out Checkpoint? checkpoint, [NotNullWhen(false)] out string? error)
    {
        checkpoint = null;
        var lines = text.Split('\n');
        if (lines.Length < 4 || lines[^1].Length != 0 || lines[0].Length == 0)
        {
            error = "a checkpoint is an origin, a tree size and a root hash, one per line";
            return false;
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || size.ToString(CultureInfo.InvariantCulture) != lines[1])
        {
            error = "the tree size is not a decimal number";
            return false;
        }

        var root = new byte[lines[2].Length];
        if (!Convert.TryFromBase64String(lines[2], root, out var length) || length != 32)
        {
            error = "the root hash is not 32 bytes of base64";
            return false;
        }

        checkpoint = new Checkpoint(lines[0], size, root[..32]);
        error = null;
        return true;
    }
}
