/**
 * Failure drills (issue #7): fail components, connections or boundaries and see the blast
 * radius, as pure functions over plain data. The propagation rules are documented in
 * drill.ts; the failure modes table in failure-modes.ts.
 */
export {
  COMPONENT_STATES,
  CONNECTION_STATES,
  FLOW_STATUSES,
  runDrill,
  type ComponentImpact,
  type ComponentState,
  type ConnectionImpact,
  type ConnectionState,
  type DrillInput,
  type DrillReason,
  type DrillResult,
  type DrillSummary,
  type FailureTarget,
  type FailureTargetType,
  type FlowImpact,
  type FlowStatus,
  type StepImpact,
  type StepState,
} from './drill';
export { failureModeRow, failureModes, failureModesTable, type FailureModeRow } from './failure-modes';
