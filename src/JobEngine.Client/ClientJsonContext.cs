using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace JobEngine.Client;

/// <summary>Source-generated serialization for every type the client sends or reads.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Job))]
[JsonSerializable(typeof(Page<Job>))]
[JsonSerializable(typeof(Page<Quota>))]
[JsonSerializable(typeof(Page<JsonObject>))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JobSubmission))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(Quota))]
[JsonSerializable(typeof(JobTypeState))]
[JsonSerializable(typeof(AuditVerification))]
[JsonSerializable(typeof(AuditCheckpoint))]
[JsonSerializable(typeof(CheckpointPage))]
[JsonSerializable(typeof(InclusionProof))]
[JsonSerializable(typeof(ConsistencyProof))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(DeviceAuthorization))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(OAuthErrorBody))]
[JsonSerializable(typeof(OperatorActionBody))]
[JsonSerializable(typeof(SetQuotaBody))]
[JsonSerializable(typeof(LeaseBody))]
[JsonSerializable(typeof(LeaseIdBody))]
[JsonSerializable(typeof(ApprovalRequest))]
[JsonSerializable(typeof(Page<ApprovalRequest>))]
[JsonSerializable(typeof(BulkCancel))]
[JsonSerializable(typeof(BulkCancelBody))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
