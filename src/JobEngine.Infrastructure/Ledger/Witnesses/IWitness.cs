namespace JobEngine.Infrastructure.Ledger.Witnesses;

/// <summary>Somewhere outside the database that keeps every checkpoint it is given.</summary>
public interface IWitness
{
    /// <summary>How logs and readiness name it: the directory or the URL.</summary>
    string Name { get; }

    /// <summary>
    /// Hands the checkpoint over. Throws when the witness cannot be reached now (the delivery is
    /// retried); answers <see cref="WitnessAnswer.Refused"/> when it will never take this note.
    /// </summary>
    Task<WitnessAnswer> DeliverAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken);
}

public enum WitnessAnswer
{
    /// <summary>The witness holds the note (a repeat of a note it had counts).</summary>
    Kept,

    /// <summary>The witness refuses the note for good (a client error, or a different note of that size).</summary>
    Refused,
}
