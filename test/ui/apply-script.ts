import type {ApplyEvent, ApplyResult, StepInfo} from '../../src/apply/events.js'
import type {ProgressAction} from '../../src/ui/apply/progress-state.js'

/**
 * A scripted apply, shaped like what `applyPlan` emits (src/apply/engine.ts): a compute environment
 * created and waited for, a job definition revision registered in parallel, a queue that needs the
 * CE (throttled once), and an old CE disabled then deleted. Shared by the reducer, text, Ink and
 * tmux tests so they all tell the same story. The statuses waited through (CREATING until VALID,
 * DELETING until gone) are those of ComputeEnvironmentDetail.status in the Batch API reference:
 * https://docs.aws.amazon.com/goto/WebAPI/batch-2016-08-10/ComputeEnvironmentDetail
 */
export const steps = {
  ce: {id: 'batch.computeEnvironment/spot#create', changeId: 'batch.computeEnvironment/spot', op: 'create', kind: 'batch.computeEnvironment', physicalName: 'genomics-spot', action: 'create', logicalName: 'spot'},
  jd: {id: 'batch.jobDefinition/align#register-revision', changeId: 'batch.jobDefinition/align', op: 'register-revision', kind: 'batch.jobDefinition', physicalName: 'genomics-align', action: 'update', logicalName: 'align'},
  queue: {id: 'batch.jobQueue/default#create', changeId: 'batch.jobQueue/default', op: 'create', kind: 'batch.jobQueue', physicalName: 'genomics-default', action: 'create', logicalName: 'default'},
  disableOld: {id: '-batch.computeEnvironment/genomics-legacy#disable', changeId: '-batch.computeEnvironment/genomics-legacy', op: 'disable', kind: 'batch.computeEnvironment', physicalName: 'genomics-legacy', action: 'delete'},
  deleteOld: {id: '-batch.computeEnvironment/genomics-legacy#delete', changeId: '-batch.computeEnvironment/genomics-legacy', op: 'delete', kind: 'batch.computeEnvironment', physicalName: 'genomics-legacy', action: 'delete'},
} satisfies Record<string, StepInfo>

const all: StepInfo[] = [steps.ce, steps.jd, steps.queue, steps.disableOld, steps.deleteOld]

/** The common start: up to the queue step retrying after throttling, at t = 12.6 s. */
export const opening: ApplyEvent[] = [
  {type: 'apply-started', steps: all, at: 0},
  {type: 'step-started', step: steps.ce, at: 0},
  {type: 'step-started', step: steps.jd, at: 0},
  {type: 'step-progress', step: steps.ce, progress: {type: 'call', operation: 'CreateComputeEnvironment'}, at: 10},
  {type: 'step-progress', step: steps.jd, progress: {type: 'call', operation: 'RegisterJobDefinition'}, at: 20},
  {type: 'step-progress', step: steps.ce, progress: {type: 'waiting', for: 'VALID', status: 'CREATING'}, at: 1_000},
  {type: 'step-done', step: steps.jd, at: 1_400, durationMs: 1_400},
  {type: 'step-progress', step: steps.ce, progress: {type: 'waiting', for: 'VALID', status: 'CREATING'}, at: 6_000},
  {type: 'step-done', step: steps.ce, at: 12_000, durationMs: 12_000},
  {type: 'step-started', step: steps.queue, at: 12_000},
  {type: 'step-retrying', step: steps.queue, attempt: 1, error: 'Rate exceeded', at: 12_100},
]

function finished(result: Omit<ApplyResult, 'durationMs'>, at: number): ApplyEvent {
  return {type: 'apply-finished', result: {...result, durationMs: at}, at}
}

/** Everything succeeds. */
export const success: ApplyEvent[] = [
  ...opening,
  {type: 'step-progress', step: steps.queue, progress: {type: 'call', operation: 'CreateJobQueue'}, at: 12_600},
  {type: 'step-done', step: steps.queue, at: 14_000, durationMs: 2_000},
  {type: 'step-started', step: steps.disableOld, at: 14_000},
  {type: 'step-done', step: steps.disableOld, at: 15_000, durationMs: 1_000},
  {type: 'step-started', step: steps.deleteOld, at: 15_000},
  {type: 'step-progress', step: steps.deleteOld, progress: {type: 'waiting', for: 'deleted', status: 'DELETING'}, at: 16_000},
  {type: 'step-done', step: steps.deleteOld, at: 75_000, durationMs: 60_000},
  finished({ok: true, done: [steps.jd, steps.ce, steps.queue, steps.disableOld, steps.deleteOld], failed: [], notStarted: []}, 75_000),
]

export const queueError = 'job queue genomics-default is INVALID: CLIENT_ERROR - computeEnvironmentOrder names a DISABLED compute environment'

/** The queue fails: the old CE is never touched. */
export const failure: ApplyEvent[] = [
  ...opening,
  {type: 'step-failed', step: steps.queue, error: queueError, at: 13_000},
  finished({ok: false, stopped: 'failed', done: [steps.jd, steps.ce], failed: [{step: steps.queue, error: queueError}], notStarted: [steps.disableOld, steps.deleteOld]}, 13_000),
]

/** Ctrl-C while the CE is being waited for: no new step starts, the running one finishes. */
export const interruption: ProgressAction[] = [
  ...opening.slice(0, 7),
  {type: 'interrupt-requested', at: 7_000},
  {type: 'step-done', step: steps.ce, at: 8_000, durationMs: 8_000},
  finished({ok: false, stopped: 'interrupted', done: [steps.jd, steps.ce], failed: [], notStarted: [steps.queue, steps.disableOld, steps.deleteOld]}, 8_000),
]
