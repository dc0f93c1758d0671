using System.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using JobEngine.Core.Results;

namespace JobEngine.Core.Jobs;

/// <summary>The bounds a job submission must respect.</summary>
public sealed record JobLimits(int MaxPayloadBytes)
{
    public const int MinPriority = -100;
    public const int MaxPriority = 100;
    public const int DefaultMaxAttempts = 3;
    public const int MaxMaxAttempts = 100;
    public const int MaxIdempotencyKeyLength = 200;
    public const int MinLeaseSeconds = 5;
    public const int MaxLeaseSeconds = 3600;
    public const int MaxWorkerIdLength = 200;
    public const int MaxErrorLength = 4000;

    public static JobLimits Default { get; } = new(MaxPayloadBytes: 256 * 1024);

    /// <summary>
    /// The compact UTF-8 JSON of a job's payload or result, refused (<c>413</c>) above
    /// <see cref="MaxPayloadBytes"/>, and refused (<c>400</c>) when it is not valid UTF-8.
    /// </summary>
    public Outcome<byte[]> Compact(JsonElement value, string field)
    {
        // The reader keeps a string's raw bytes; written back, invalid UTF-8 would silently become U+FFFD.
        if (!Utf8.IsValid(JsonMarshal.GetRawUtf8Value(value)))
        {
            return Failure.Invalid(field, $"{field} is not valid UTF-8.");
        }

        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value));
        return bytes.Length > MaxPayloadBytes
            ? Failure.TooLarge(field, $"{field} is {bytes.Length} bytes; at most {MaxPayloadBytes} are accepted.")
            : bytes;
    }
}
