/** Every rule, in listing order (findings of one severity are listed in this order). */
import type { Rule } from '../types';
import { COMPONENT_RULES } from './components';
import { DECISION_RULES } from './decisions';
import { FLOW_RULES } from './flows';
import { HAPPY_PATH_RULES } from './happy-path';
import { METRIC_RULES } from './metrics';
import { QUEUE_RULES } from './queues';
import { SCOPE_RULES } from './scope';
import { SYNC_CALL_RULES } from './sync-calls';
import { TECHNOLOGY_RULES } from './technologies';

export const ALL_RULES: readonly Rule[] = [
  ...HAPPY_PATH_RULES,
  ...QUEUE_RULES,
  ...SYNC_CALL_RULES,
  ...COMPONENT_RULES,
  ...DECISION_RULES,
  ...METRIC_RULES,
  ...SCOPE_RULES,
  ...FLOW_RULES,
  ...TECHNOLOGY_RULES,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map((r) => [r.id, r]));
