/**
 * Pure helpers behind the inspector: what is selected, how a policy is switched on/off or
 * edited, which components can receive dead letters, and how typed numbers are read.
 * No Svelte, no DOM: the components only wire events to these.
 */
import type { CanvasEdge, CanvasNode } from '../../canvas/mapping';
import { COMPONENT_CATALOGUE } from '../../model/catalogue';
import { defaultPolicy } from '../../model/policies';
import type {
  Boundary,
  Component,
  ComponentKind,
  Connection,
  Id,
  JitterKind,
  PolicyKind,
  ResiliencePolicies,
} from '../../model/types';

// ---------------------------------------------------------------------------
// Selection
// ---------------------------------------------------------------------------

export type InspectorSelection =
  | { type: 'none' }
  | { type: 'many'; count: number; summary: string }
  | { type: 'component'; row: Component }
  | { type: 'boundary'; row: Boundary }
  | { type: 'connection'; row: Connection };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 components, 1 connection" (types with none are left out). */
export function countSummary(counts: {
  components: number;
  boundaries: number;
  connections: number;
}): string {
  const parts: string[] = [];
  if (counts.components) parts.push(plural(counts.components, 'component', 'components'));
  if (counts.boundaries) parts.push(plural(counts.boundaries, 'boundary', 'boundaries'));
  if (counts.connections) parts.push(plural(counts.connections, 'connection', 'connections'));
  return parts.join(', ');
}

/** What the inspector shows for the canvas's current selection flags. */
export function inspectorSelection(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): InspectorSelection {
  let components = 0;
  let boundaries = 0;
  let connections = 0;
  let only: InspectorSelection = { type: 'none' };
  for (const n of nodes) {
    if (!n.selected) continue;
    if (n.type === 'component') {
      components++;
      only = { type: 'component', row: n.data.row };
    } else {
      boundaries++;
      only = { type: 'boundary', row: n.data.row };
    }
  }
  for (const e of edges) {
    if (!e.selected || !e.data) continue;
    connections++;
    only = { type: 'connection', row: e.data.row };
  }
  const count = components + boundaries + connections;
  if (count === 0) return { type: 'none' };
  if (count === 1) return only;
  return { type: 'many', count, summary: countSummary({ components, boundaries, connections }) };
}

/** The display name of a node (its label), or a placeholder when it is missing. */
export function nodeName(nodes: readonly CanvasNode[], id: Id): string {
  const node = nodes.find((n) => n.id === id);
  return node ? node.data.row.label || '(unnamed)' : '(missing)';
}

// ---------------------------------------------------------------------------
// Resilience policies
// ---------------------------------------------------------------------------

/** Lower-case names used in undo labels: "Turn on retry", "Edit timeout". */
export const POLICY_SHORT_NAMES: Record<PolicyKind, string> = {
  timeout: 'timeout',
  retry: 'retry',
  circuitBreaker: 'circuit breaker',
  fallback: 'fallback',
  rateLimit: 'rate limit',
  bulkhead: 'bulkhead',
  idempotency: 'idempotency key',
  deadLetter: 'dead-letter target',
};

/** One line of help under each policy's switch. */
export const POLICY_HINTS: Record<PolicyKind, string> = {
  timeout: 'Give up on a call that takes too long.',
  retry: 'Try again after a growing delay.',
  circuitBreaker: 'Stop calling a failing dependency for a while.',
  fallback: 'What happens instead when the call fails.',
  rateLimit: 'Cap how many requests get through.',
  bulkhead: 'Isolate a pool so one overload cannot sink the rest.',
  idempotency: 'Make retried requests safe to repeat.',
  deadLetter: 'Where work that keeps failing is parked.',
};

export type PolicyField =
  | {
      key: string;
      label: string;
      type: 'number';
      min: number;
      /** Whole numbers only (the default). */
      integer?: boolean;
      step?: number;
    }
  | { key: string; label: string; type: 'text'; placeholder?: string }
  | { key: string; label: string; type: 'jitter' }
  | { key: string; label: string; type: 'target' };

/** The parameters of each policy, in the order the inspector shows them. Labels are unique. */
export const POLICY_FIELDS: Record<PolicyKind, PolicyField[]> = {
  timeout: [{ key: 'ms', label: 'Timeout (ms)', type: 'number', min: 1, step: 100 }],
  retry: [
    { key: 'maxAttempts', label: 'Max attempts', type: 'number', min: 1 },
    { key: 'baseDelayMs', label: 'Base delay (ms)', type: 'number', min: 0, step: 50 },
    { key: 'maxDelayMs', label: 'Max delay (ms)', type: 'number', min: 0, step: 100 },
    { key: 'jitter', label: 'Jitter', type: 'jitter' },
  ],
  circuitBreaker: [
    { key: 'failureThreshold', label: 'Failure threshold', type: 'number', min: 1 },
    { key: 'resetTimeoutMs', label: 'Reset timeout (ms)', type: 'number', min: 0, step: 1000 },
    { key: 'halfOpenProbes', label: 'Half-open probes', type: 'number', min: 1 },
  ],
  fallback: [
    {
      key: 'description',
      label: 'Fallback behaviour',
      type: 'text',
      placeholder: 'e.g. serve cached prices',
    },
  ],
  rateLimit: [
    { key: 'requestsPerSecond', label: 'Requests per second', type: 'number', min: 0, integer: false },
    { key: 'burst', label: 'Burst', type: 'number', min: 0 },
  ],
  bulkhead: [
    { key: 'maxConcurrent', label: 'Max concurrent', type: 'number', min: 1 },
    { key: 'maxQueue', label: 'Max queue', type: 'number', min: 0 },
  ],
  idempotency: [
    { key: 'keySource', label: 'Key source', type: 'text', placeholder: 'e.g. Idempotency-Key header' },
  ],
  deadLetter: [
    { key: 'targetId', label: 'Target queue', type: 'target' },
    { key: 'maxDeliveries', label: 'Max deliveries', type: 'number', min: 1 },
  ],
};

export const JITTER_OPTIONS: { value: JitterKind; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'full', label: 'Full' },
  { value: 'equal', label: 'Equal' },
  { value: 'decorrelated', label: 'Decorrelated' },
];

/** Policies with `kind` switched on (with its defaults, unless already on) or off (key removed). */
export function togglePolicy(
  policies: ResiliencePolicies,
  kind: PolicyKind,
  on: boolean,
): ResiliencePolicies {
  if (on) {
    if (policies[kind]) return policies;
    return { ...policies, [kind]: defaultPolicy(kind) };
  }
  if (!(kind in policies)) return policies;
  const next = { ...policies };
  delete next[kind];
  return next;
}

/** Policies with one parameter of an active policy changed; unchanged (same object) otherwise. */
export function setPolicyField(
  policies: ResiliencePolicies,
  kind: PolicyKind,
  key: string,
  value: string | number,
): ResiliencePolicies {
  const current = policies[kind] as Record<string, unknown> | undefined;
  if (!current || current[key] === value) return policies;
  return { ...policies, [kind]: { ...current, [key]: value } };
}

/** The text of `policy[key]`, for an input. */
export function policyValue(policies: ResiliencePolicies, kind: PolicyKind, key: string): string | number {
  const value = (policies[kind] as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'number' || typeof value === 'string' ? value : '';
}

export interface TargetOption {
  id: Id;
  label: string;
}

export interface TargetGroup {
  label: string;
  options: TargetOption[];
}

const TARGET_KINDS: { kind: ComponentKind; group: string }[] = [
  { kind: 'dead-letter-queue', group: 'Dead letter queues' },
  { kind: 'queue', group: 'Queues' },
  { kind: 'stream', group: 'Streams / topics' },
];

/**
 * Components that can receive dead letters, grouped (dead letter queues first), never `selfId`.
 * Labels repeat the kind when several share a name.
 */
export function deadLetterTargets(components: readonly Component[], selfId?: Id): TargetGroup[] {
  const counts = new Map<string, number>();
  for (const c of components) counts.set(c.label, (counts.get(c.label) ?? 0) + 1);
  return TARGET_KINDS.map(({ kind, group }) => ({
    label: group,
    options: components
      .filter((c) => c.kind === kind && c.id !== selfId)
      .map((c) => ({
        id: c.id,
        label: (counts.get(c.label) ?? 0) > 1 ? `${c.label} (${COMPONENT_CATALOGUE[c.kind].label})` : c.label,
      }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  })).filter((g) => g.options.length > 0);
}

// ---------------------------------------------------------------------------
// Reading what was typed
// ---------------------------------------------------------------------------

/**
 * The number in `text`, or null when it is empty, not a number or below `min`.
 * Whole numbers are rounded.
 */
export function parseNumber(text: string, opts: { min?: number; integer?: boolean } = {}): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return null;
  const value = opts.integer === false ? n : Math.round(n);
  if (opts.min !== undefined && value < opts.min) return null;
  return value;
}
