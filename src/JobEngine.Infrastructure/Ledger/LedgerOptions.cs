using System.ComponentModel.DataAnnotations;
using JobEngine.Infrastructure.Ledger.Witnesses;
using JobEngine.SignedNotes;

namespace JobEngine.Infrastructure.Ledger;

/// <summary>Settings of the verifiable ledger (<c>JobEngine:Ledger</c>).</summary>
public sealed class LedgerOptions : IValidatableObject
{
    public const string SectionName = "JobEngine:Ledger";

    /// <summary>The log's name: a tenant's checkpoints have the origin <c>&lt;Origin&gt;/&lt;tenantId&gt;</c>; also the signing key's name.</summary>
    public string Origin { get; set; } = "jobengine";

    /// <summary>The Ed25519 checkpoint key in note private-key form; relative paths are relative to the content root. Never in the database.</summary>
    public string CheckpointKeyFile { get; set; } = "data/checkpoint.key";

    /// <summary>How soon after an append a new checkpoint is signed.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where every checkpoint is also written: a directory (absolute, or relative to the content root)
    /// or an <c>http(s)</c> URL the note is posted to.
    /// </summary>
    public List<string> Witnesses { get; set; } = [];

    /// <summary>
    /// How many ledger commands (actions, denials, token records) of one tenant may wait for the
    /// ledger writer; beyond that a request is answered 503 with <c>Retry-After</c>.
    /// </summary>
    public int WriterQueueLimit { get; set; } = 4096;

    public string OriginOf(string tenantId) => $"{Origin}/{tenantId}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!NoteKeyName.IsValid(Origin))
        {
            yield return new ValidationResult("JobEngine:Ledger:Origin must be non-empty, without spaces or '+'.", [nameof(Origin)]);
        }

        if (string.IsNullOrWhiteSpace(CheckpointKeyFile))
        {
            yield return new ValidationResult("JobEngine:Ledger:CheckpointKeyFile must name a file.", [nameof(CheckpointKeyFile)]);
        }

        if (CheckpointInterval <= TimeSpan.Zero || CheckpointInterval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("JobEngine:Ledger:CheckpointInterval must be between 00:00:00.001 and 01:00:00.", [nameof(CheckpointInterval)]);
        }

        if (WriterQueueLimit is < 1 or > 1_000_000)
        {
            yield return new ValidationResult("JobEngine:Ledger:WriterQueueLimit must be between 1 and 1000000.", [nameof(WriterQueueLimit)]);
        }

        for (var index = 0; index < Witnesses.Count; index++)
        {
            if (WitnessAddress.Check(Witnesses[index]) is { } error)
            {
                yield return new ValidationResult($"JobEngine:Ledger:Witnesses:{index} {error}", [nameof(Witnesses)]);
            }
        }
    }
}
