/**
 * Mermaid `sequenceDiagram` export of one flow. Pure: plain rows in, text out.
 *
 * - `title` is the flow's name ("… (error path)" for error flows); `autonumber` numbers steps.
 * - Participants are declared in order of first appearance, named after their components
 *   (`participant p_… as Label`); an id with no component keeps the id as its label.
 * - Steps: `->>` for sync requests, `-)` (open arrow) for async messages. The message is the
 *   step's (or else its connection's label), followed by the connection's policy summary.
 * - A step with a failure note sits in an `opt` block labelled with the note, inside a
 *   translucent red `rect` (readable on light and dark themes): colour plus a labelled box.
 *
 * Text is escaped with `escapeLabel(…, 'sequence')` (newline → `<br>`).
 */
import type { Connection, Flow, FlowStep, Id } from '../model/types';
import { policySummary } from '../model/policies';
import { escapeLabel, mermaidIds } from './mermaid-escape';
import { titleText } from './mermaid';

export interface SequenceOptions {
  /** Append the followed connection's resilience policies to each message (default true). */
  includePolicies?: boolean;
  /** Write a `title` line (default true). */
  title?: boolean;
}

/** What a participant needs: a component or boundary row fits. */
export interface ParticipantSource {
  label: string;
}

export type ConnectionSource = Pick<Connection, 'label' | 'policies'>;

export interface SequenceParticipant {
  recordId: Id;
  id: string;
  /** Label before escaping. */
  label: string;
}

export interface SequenceStep {
  stepId: Id;
  from: string;
  to: string;
  /** Message before escaping. */
  text: string;
  mode: FlowStep['mode'];
  failureNote: string;
}

export interface SequenceExport {
  text: string;
  /** Title before escaping ('' when none was written). */
  title: string;
  participants: SequenceParticipant[];
  steps: SequenceStep[];
}

/** Background of failure steps: translucent, so it reads on light and dark themes. */
export const FAILURE_RECT_COLOUR = 'rgba(198, 40, 40, 0.1)';

const ARROWS: Readonly<Record<FlowStep['mode'], string>> = { sync: '->>', async: '-)' };
const INDENT = '  ';

/** The title written for a flow. */
export function sequenceTitle(flow: Pick<Flow, 'name' | 'kind'>): string {
  const name = titleText(flow.name).trim();
  if (flow.kind !== 'error') return name;
  return name === '' ? 'Error path' : `${name} (error path)`;
}

/** The message text written for a step. */
export function sequenceMessageText(
  step: Pick<FlowStep, 'message' | 'connectionId'>,
  connections?: ReadonlyMap<Id, ConnectionSource>,
  includePolicies = true,
): string {
  const via = step.connectionId !== null ? connections?.get(step.connectionId) : undefined;
  const message = step.message !== '' ? step.message : (via?.label ?? '');
  const summary = includePolicies && via ? policySummary(via.policies).join(' ') : '';
  return [message, summary].filter((s) => s !== '').join(' · ');
}

function line(text: string): string {
  const escaped = escapeLabel(text, 'sequence');
  return escaped === '' ? '' : ` ${escaped}`;
}

export function buildSequence(
  flow: Pick<Flow, 'name' | 'kind' | 'steps'>,
  components: ReadonlyMap<Id, ParticipantSource>,
  connections?: ReadonlyMap<Id, ConnectionSource>,
  opts: SequenceOptions = {},
): SequenceExport {
  const order: Id[] = [];
  const seen = new Set<Id>();
  for (const s of flow.steps) {
    for (const id of [s.fromId, s.toId]) {
      if (!seen.has(id)) {
        seen.add(id);
        order.push(id);
      }
    }
  }
  const ids = mermaidIds(order, 'p');
  const participants: SequenceParticipant[] = order.map((recordId) => ({
    recordId,
    id: ids.get(recordId) ?? '',
    label: components.get(recordId)?.label ?? recordId,
  }));

  const title = opts.title === false ? '' : sequenceTitle(flow);
  const lines = ['sequenceDiagram'];
  if (title !== '') lines.push(`${INDENT}title${line(title)}`);
  lines.push(`${INDENT}autonumber`);
  if (flow.steps.length === 0) lines.push(`${INDENT}%% This flow has no steps yet.`);
  for (const p of participants) lines.push(`${INDENT}participant ${p.id} as${line(p.label)}`);

  const steps: SequenceStep[] = [];
  for (const s of flow.steps) {
    const from = ids.get(s.fromId) ?? '';
    const to = ids.get(s.toId) ?? '';
    const mode: FlowStep['mode'] = s.mode === 'async' ? 'async' : 'sync';
    const text = sequenceMessageText(s, connections, opts.includePolicies ?? true);
    const message = `${from}${ARROWS[mode]}${to}:${line(text)}`;
    if (s.failureNote === '') {
      lines.push(INDENT + message);
    } else {
      lines.push(`${INDENT}rect ${FAILURE_RECT_COLOUR}`);
      lines.push(`${INDENT.repeat(2)}opt${line(s.failureNote)}`);
      lines.push(INDENT.repeat(3) + message);
      lines.push(`${INDENT.repeat(2)}end`);
      lines.push(`${INDENT}end`);
    }
    steps.push({ stepId: s.id, from, to, text, mode, failureNote: s.failureNote });
  }
  return { text: lines.join('\n') + '\n', title, participants, steps };
}

/** A complete Mermaid `sequenceDiagram` for one flow. Deterministic for the same input. */
export function exportSequence(
  flow: Pick<Flow, 'name' | 'kind' | 'steps'>,
  components: ReadonlyMap<Id, ParticipantSource>,
  connections?: ReadonlyMap<Id, ConnectionSource>,
  opts: SequenceOptions = {},
): string {
  return buildSequence(flow, components, connections, opts).text;
}
