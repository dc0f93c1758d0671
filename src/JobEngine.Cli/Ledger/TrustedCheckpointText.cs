namespace JobEngine.Cli.Ledger;

/// <summary>What <c>jobctl audit verify</c> tells a person about the checkpoint it verified and the pin it moved.</summary>
internal static class TrustedCheckpointText
{
    public static IEnumerable<string> Describe(TrustedCheckpoint trusted, string pinFile)
    {
        var key = $"{trusted.Key.Name}+{trusted.Key.KeyHash:x8}";
        if (trusted.KeyPinnedNow)
        {
            yield return $"pinned on first use: the checkpoint key {trusted.Key.VerifierKey} (in {pinFile}). " +
                         "Compare it with the key the server's operator published: from now on a checkpoint signed by any other key is refused.";
        }

        if (trusted.Checkpoint is not { } checkpoint)
        {
            yield return $"no checkpoint signed for tenant '{trusted.TenantId}' yet: nothing to check against. " +
                         "The server signs one within its checkpoint interval; run jobctl audit verify again then.";
            yield break;
        }

        yield return $"checkpoint: tree size {checkpoint.TreeSize}, root {Convert.ToBase64String(checkpoint.RootHash)}, signed by {key} for {checkpoint.Origin}";
        if (trusted.PinnedBefore is not { } before)
        {
            yield return $"pinned this checkpoint for tenant '{trusted.TenantId}': every later one must extend it (a consistency proof jobctl checks itself).";
        }
        else if (before.TreeSize == checkpoint.TreeSize)
        {
            yield return $"unchanged since the checkpoint you pinned on {Output.Time(before.VerifiedAt)}.";
        }
        else
        {
            yield return $"consistent with the checkpoint of size {before.TreeSize} you pinned on {Output.Time(before.VerifiedAt)} " +
                         $"(consistency proof checked by jobctl); pin moved to size {checkpoint.TreeSize}.";
        }
    }
}
