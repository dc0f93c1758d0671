using JobEngine.Core.Ledger;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// A tenant's tree lacks a node that a root or proof needs, or an entry under an unstored node: both
/// are written with their entries and never removed, so the store was damaged or tampered with. An <see cref="InvalidOperationException"/>,
/// as callers that log and go on treat it, and its own type so that signing can refuse that tenant alone.
/// </summary>
public sealed class TreeNodeMissingException(string tenantId, TreeNode node)
    : InvalidOperationException($"The tree of tenant '{tenantId}' lacks node {node}.");
