import type {ChangeAction, Step} from '../plan/index.js'
import type {StepProgress} from './adapter.js'

/** A step as views need it: what it does to which resource. */
export interface StepInfo {
  id: string
  changeId: string
  op: Step['op']
  kind: Step['kind']
  physicalName: string
  action: ChangeAction
  logicalName?: string
  note?: string
}

/** What apply reports as it goes; views subscribe (Terraform's hooks, CDK's IoHost). */
export type ApplyEvent =
  | {type: 'apply-started'; steps: StepInfo[]; at: number}
  | {type: 'step-started'; step: StepInfo; at: number}
  | {type: 'step-progress'; step: StepInfo; progress: StepProgress; at: number}
  | {type: 'step-retrying'; step: StepInfo; attempt: number; error: string; at: number}
  | {type: 'step-done'; step: StepInfo; at: number; durationMs: number}
  | {type: 'step-failed'; step: StepInfo; error: string; at: number}
  | {type: 'apply-finished'; result: ApplyResult; at: number}

export interface ApplyResult {
  ok: boolean
  /** Why apply stopped early, when it did. */
  stopped?: 'failed' | 'interrupted'
  done: StepInfo[]
  failed: Array<{step: StepInfo; error: string}>
  /** Steps never started because something failed or apply was interrupted. */
  notStarted: StepInfo[]
  durationMs: number
}
