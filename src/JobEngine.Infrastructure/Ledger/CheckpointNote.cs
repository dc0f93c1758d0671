namespace JobEngine.Infrastructure.Ledger;

/// <summary>A signed checkpoint note and the tree size it claims, wherever it was kept: the store or a witness.</summary>
public readonly record struct CheckpointNote(long TreeSize, string Note);
