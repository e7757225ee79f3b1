import type {ServiceAdapter} from '../apply/adapter.js'
import type {ApplyEvent, ApplyResult} from '../apply/events.js'
import {UserError} from '../errors.js'
import type {Plan} from '../plan/index.js'
import {applyProject, assertApplicable} from '../services/applying.js'
import {withApplyLock} from '../services/apply-lock.js'
import {applyProgress, progressMode} from '../ui/apply/apply-progress.js'
import type {PlanContext} from '../ui/plan/outline.js'
import {showPlan} from '../ui/plan/show-plan.js'
import {confirm} from '../ui/prompt/confirm.js'
import {isInteractive} from '../ui/shared/mount.js'

export interface ApplyFlowOptions {
  plan: Plan
  adapters: readonly ServiceAdapter[]
  region: string
  projectDir: string
  autoApprove: boolean
  json: boolean
  concurrency?: number
  targets?: string[]
  /** `destroy` words its prompt differently. */
  verb: 'apply' | 'destroy'
  /** Next run times shown under created or updated schedules. */
  schedules?: PlanContext['schedules']
  /**
   * Run under the lock before anything changes: throws when AWS moved since the plan was made
   * (another apply finished while this one waited for consent, or a saved plan aged).
   */
  recheck?: () => Promise<void>
}

export interface ApplyFlowResult {
  plan: Plan
  /** Absent when there was nothing to do or the user declined. */
  result?: ApplyResult
  declined?: boolean
}

/**
 * What `apply` and `destroy` share once a plan exists: show it, get consent, take the project
 * lock, run it with live progress (plain lines on stderr, or NDJSON events on stdout with --json),
 * and let Ctrl-C stop new work without leaving a step half-done.
 */
export async function runApplyFlow(options: ApplyFlowOptions): Promise<ApplyFlowResult> {
  const {plan} = options
  const lockName = plan.env === undefined ? plan.project : `${plan.project}-${plan.env}`
  const show = () => {
    if (!options.json) showPlan(plan, {region: options.region, ...(options.schedules ? {schedules: options.schedules} : {})})
  }
  if (plan.changes.length === 0 && plan.errors.length === 0) {
    // Nothing to do is still answered under the lock: while another apply runs, "no changes" would
    // describe AWS mid-way through its changes (and be wrong the moment it finishes), so a live lock
    // refuses; a stale one (a crashed apply) is cleared so it does not linger until it expires.
    return withApplyLock(options.projectDir, lockName, async () => {
      show()
      return {plan}
    })
  }
  show()
  assertApplicable(plan)

  if (!options.autoApprove) {
    if (!isInteractive(process.stdin) || options.json) {
      throw new UserError(`refusing to ${options.verb} without confirmation: not on a terminal`, {
        code: 'confirmation-required',
        hints: [`pass --auto-approve to ${options.verb} non-interactively (CI), after reviewing \`batchctl plan\``],
      })
    }
    const question =
      options.verb === 'destroy'
        ? `Destroy everything ${plan.project} owns listed above? Only 'yes' is accepted.`
        : "Apply these changes? Only 'yes' is accepted."
    if (!(await confirm({question}))) {
      process.stderr.write(`${options.verb === 'destroy' ? 'Destroy' : 'Apply'} cancelled; nothing was changed.\n`)
      return {plan, declined: true}
    }
  }

  return withApplyLock(options.projectDir, lockName, async () => {
    await options.recheck?.()
    const controller = new AbortController()
    const progress = applyProgress(progressMode({json: options.json, stream: process.stderr}), options.json ? {stream: process.stdout} : {})
    const onEvent = (event: ApplyEvent) => progress.dispatch(event)
    let interrupts = 0
    const onSigint = () => {
      interrupts++
      if (interrupts > 1) {
        process.stderr.write('Second interrupt: exiting now; steps in flight may be left mid-way (re-run apply).\n')
        process.exit(130) // eslint-disable-line no-restricted-properties -- a second Ctrl-C must end the process
      }
      progress.dispatch({type: 'interrupt-requested', at: Date.now()})
      controller.abort()
    }
    process.on('SIGINT', onSigint)
    try {
      const result = await applyProject(plan, {
        adapters: options.adapters,
        signal: controller.signal,
        onEvent,
        ...(options.concurrency === undefined ? {} : {concurrency: options.concurrency}),
        ...(options.targets ? {targets: options.targets} : {}),
      })
      return {plan, result}
    } finally {
      process.off('SIGINT', onSigint)
      await progress.close()
    }
  })
}
