import type {StepInfo} from '../../apply/events.js'
import type {ResourceKind} from '../../model/index.js'
import type {StepOp} from '../../plan/index.js'
import {assertNever} from '../../errors.js'

const KIND_NAMES: Record<ResourceKind, string> = {
  'ecr.repository': 'ECR repository',
  'batch.schedulingPolicy': 'scheduling policy',
  'batch.computeEnvironment': 'compute environment',
  'batch.jobQueue': 'job queue',
  'batch.jobDefinition': 'job definition',
  'sfn.stateMachine': 'state machine',
  'scheduler.scheduleGroup': 'schedule group',
  'scheduler.schedule': 'schedule',
  'events.rule': 'EventBridge rule',
}

function opName(op: StepOp): string {
  switch (op) {
    case 'create':
    case 'update':
    case 'disable':
    case 'delete':
      return op
    case 'register-revision':
      return 'register revision of'
    case 'deregister-revisions':
      return 'deregister revisions of'
    default:
      return assertNever(op, 'step op')
  }
}

/**
 * What a step does, in words, e.g. `create compute environment spot (spot-1a2b3c4d)`: the
 * batch.yaml name first, the physical name when it differs (replacements get generated names).
 */
export function stepLabel(step: StepInfo): string {
  const name = step.logicalName ?? step.physicalName
  const physical = step.physicalName === name ? '' : ` (${step.physicalName})`
  return `${opName(step.op)} ${KIND_NAMES[step.kind]} ${name}${physical}`
}

/** `0.4s`, `12s`, `2m05s`, `1h02m`: short enough for a progress line, precise where it matters. */
export function formatDuration(ms: number): string {
  const safe = Math.max(0, ms)
  if (safe < 10_000) return `${(Math.floor(safe / 100) / 10).toFixed(1)}s`
  const seconds = Math.floor(safe / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`
}
