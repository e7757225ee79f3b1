import type {Change, FieldDiff, Plan, PlanError} from '../../plan/index.js'
import {ACTION_SYMBOLS, formatSummary, SENSITIVE_VALUE} from '../../plan/index.js'
import type {ResourceKind} from '../../model/index.js'
import {RESOURCE_KINDS} from '../../model/index.js'
import type {SchedulePreview} from '../../desired/schedules.js'
import {scheduleNote} from './schedule-note.js'

/**
 * A plan laid out for reading, shared by the Ink view and the plain-text view: changes
 * grouped by kind, each with its field diffs before → after, long values folded.
 */
export interface PlanOutline {
  title: string
  groups: Array<{kind: ResourceKind; label: string; changes: ChangeOutline[]}>
  errors: PlanError[]
  summary: string
  empty: boolean
}

export interface ChangeOutline {
  action: Change['action']
  symbol: string
  name: string
  physicalName: string
  /** e.g. "forces replacement: computeResources.instanceTypes", "new revision". */
  note?: string
  /** For a schedule being created or changed: what its expression means and its next runs. */
  schedule?: string
  fields: Array<{path: string; before?: string; after?: string; forcesReplace: boolean}>
}

const KIND_LABELS: Record<ResourceKind, string> = {
  'ecr.repository': 'ECR repositories',
  'batch.schedulingPolicy': 'Scheduling policies',
  'batch.computeEnvironment': 'Compute environments',
  'batch.jobQueue': 'Job queues',
  'batch.jobDefinition': 'Job definitions',
  'sfn.stateMachine': 'Step Functions state machines',
  'scheduler.scheduleGroup': 'Schedule groups',
  'scheduler.schedule': 'Schedules',
  'events.rule': 'EventBridge rules',
}

/** Values longer than this are folded to their start and end. */
const FOLD_AT = 120

/** One line of JSON, folded in the middle when long; secrets never reach here (see FieldDiff). */
export function formatValue(value: unknown, fold = FOLD_AT): string | undefined {
  if (value === undefined) return undefined
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value)
  if (text.length <= fold) return text
  const keep = Math.floor((fold - 5) / 2)
  return `${text.slice(0, keep)} … ${text.slice(-keep)}`
}

function fieldOutline(diff: FieldDiff, forcedBy: readonly string[]) {
  const show = (value: unknown) => (diff.sensitive ? (value === undefined ? undefined : SENSITIVE_VALUE) : formatValue(value))
  const before = show(diff.before)
  const after = show(diff.after)
  return {
    path: diff.path,
    ...(before === undefined ? {} : {before}),
    ...(after === undefined ? {} : {after}),
    forcesReplace: forcedBy.some((path) => diff.path === path || diff.path.startsWith(`${path}.`) || diff.path.startsWith(`${path}[`)),
  }
}

function noteOf(change: Change): string | undefined {
  switch (change.action) {
    case 'replace':
      return `forces replacement: ${change.forcedBy.join(', ')}`
    case 'update':
      if (change.flavour === 'new-revision') {
        const retire = change.deregisterRevisions?.length ?? 0
        return retire > 0 ? `new revision; deregisters ${retire} old revision${retire === 1 ? '' : 's'}` : 'new revision'
      }
      return change.flavour === 'infrastructure-update' ? 'infrastructure update: AWS replaces the instances' : undefined
    default:
      return undefined
  }
}

/** What the views need besides the plan. */
export interface PlanContext {
  region?: string
  /** Schedule previews by change id (see `schedulePreviews`), shown under created and updated schedules. */
  schedules?: Record<string, SchedulePreview>
}

export function outlinePlan(plan: Plan, context: PlanContext = {}): PlanOutline {
  const groups = RESOURCE_KINDS.map((kind) => ({
    kind,
    label: KIND_LABELS[kind],
    changes: plan.changes
      .filter((change) => change.kind === kind)
      .map((change): ChangeOutline => {
        const forcedBy = change.action === 'replace' ? change.forcedBy : []
        const note = noteOf(change)
        const preview = change.action === 'delete' ? undefined : context.schedules?.[change.id]
        return {
          action: change.action,
          symbol: ACTION_SYMBOLS[change.action],
          name: change.logicalName ?? change.physicalName,
          physicalName: change.physicalName,
          ...(note ? {note} : {}),
          ...(preview === undefined ? {} : {schedule: scheduleNote(preview)}),
          fields: change.action === 'delete' ? [] : change.diffs.map((diff) => fieldOutline(diff, forcedBy)),
        }
      }),
  })).filter((group) => group.changes.length > 0)
  const where = [plan.env ? `env ${plan.env}` : undefined, context.region].filter(Boolean).join(', ')
  return {
    title: `Plan for ${plan.project}${where ? ` (${where})` : ''}`,
    groups,
    errors: plan.errors,
    summary: plan.changes.length === 0 ? 'No changes. AWS matches batch.yaml.' : `Plan: ${formatSummary(plan.summary)}.`,
    empty: plan.changes.length === 0 && plan.errors.length === 0,
  }
}
