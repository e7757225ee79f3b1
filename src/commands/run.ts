import {Args, Flags} from '@oclif/core'

import {sfnExecutions} from '../aws/runs/sfn-executions.js'
import {awsFlags, BaseCommand, projectFlags} from '../cli/base-command.js'
import {onInterrupt} from '../cli/interrupt.js'
import {withProjectSession} from '../cli/project-session.js'
import {UserError} from '../errors.js'
import {followRun} from '../runs/follow-run.js'
import {listRuns, type RunListing} from '../runs/list-runs.js'
import type {RunEvent} from '../runs/run-events.js'
import type {ExecutionInfo} from '../runs/executions-api.js'
import {checkExecutionName, executionName, readRunInput, startRun, type StartedRun} from '../runs/start-run.js'
import {workflowMachines} from '../runs/workflow-machines.js'
import {canShowRunLive, mountRunLive} from '../ui/runs/run-live.js'
import {runEventLine, runListText} from '../ui/runs/run-text.js'

export default class RunCommand extends BaseCommand {
  static override summary = 'Start a Step Functions workflow from batch.yaml and follow it.'
  static override description = `Starts an execution of the workflow's state machine under a name chosen once (or --name), so a start retried after a lost answer is the same execution. With --follow it shows each step as it runs, succeeds or fails, the Batch job behind each step and array progress (a live view on a terminal, one line per change when piped); with --wait only the outcome. Ctrl-C stops following, not the execution. --list shows recent executions instead.

Exit status: 0 when the execution SUCCEEDED (or was only started), 1 when it FAILED, TIMED_OUT or was ABORTED, and on errors. With --json and --follow/--wait, one JSON object per line.`

  static override examples = [
    {description: 'Start the pipeline workflow and follow its steps.', command: '<%= config.bin %> <%= command.id %> pipeline --follow'},
    {description: 'Start with input from a file and wait for the outcome (CI).', command: '<%= config.bin %> <%= command.id %> pipeline --input @input.json --wait --json'},
    {description: 'Retry a start safely under a fixed execution name.', command: '<%= config.bin %> <%= command.id %> pipeline --name nightly-2026-11-23'},
    {description: 'Recent executions of every workflow.', command: '<%= config.bin %> <%= command.id %> --list'},
  ]

  static override args = {
    workflow: Args.string({description: 'Key of the workflow under `workflows:` in batch.yaml (optional with --list).'}),
  }

  static override flags = {
    ...projectFlags,
    ...awsFlags,
    input: Flags.string({char: 'i', summary: 'Execution input: a JSON text, or @file with one (default {}).'}),
    name: Flags.string({char: 'n', summary: 'Execution name (default: <workflow>-<UTC time>-<random>).'}),
    follow: Flags.boolean({summary: 'Print step transitions, jobs and progress until the execution ends.', default: false, exclusive: ['wait']}),
    wait: Flags.boolean({summary: 'Wait for the execution to end; print only the outcome.', default: false, exclusive: ['follow']}),
    list: Flags.boolean({summary: 'List recent executions instead of starting one.', default: false, exclusive: ['input', 'name', 'follow', 'wait']}),
    limit: Flags.integer({summary: 'Executions listed per workflow with --list.', default: 10, min: 1, max: 1000}),
    'poll-ms': Flags.integer({summary: 'Milliseconds between polls while following.', default: 2000, min: 10, hidden: true}),
  }

  async run(): Promise<StartedRun | {executions: RunListing[]} | undefined> {
    const {args, flags} = await this.parse(RunCommand)
    if (!flags.list && args.workflow === undefined) {
      throw new UserError('Name the workflow to run.', {code: 'missing-workflow', hints: ['batchctl run <workflow>, or batchctl run --list']})
    }
    // Parsed before any AWS call: a bad --input never starts anything.
    const input = flags.list ? '{}' : readRunInput(flags.input)
    if (flags.name !== undefined) checkExecutionName(flags.name)
    return withProjectSession(flags, async ({loaded, session}) => {
      const api = sfnExecutions(session.clients)
      const machines = await workflowMachines(api, loaded, session.target.region, args.workflow)
      if (flags.list) {
        const executions = await listRuns(api, machines, {limit: flags.limit})
        if (!this.jsonEnabled()) process.stdout.write(runListText(executions))
        return {executions}
      }
      const machine = machines[0]!
      const started = await startRun(api, machine, {name: flags.name ?? executionName(machine.workflow), input})
      if (!flags.follow && !flags.wait) {
        if (!this.jsonEnabled()) this.log(runEventLine({type: 'started', workflow: machine.workflow, ...started}))
        return started
      }
      // On a terminal --follow draws a live view on stderr; piped, it prints one line per event.
      const live = flags.follow && !this.jsonEnabled() && canShowRunLive() ? mountRunLive() : undefined
      const emit = (event: RunEvent) => {
        if (flags.wait && event.type !== 'started' && event.type !== 'finished') return
        if (this.jsonEnabled()) process.stdout.write(JSON.stringify(event) + '\n')
        // The outcome is printed on stdout once the view is closed, not drawn twice.
        else if (live) {
          if (event.type !== 'finished') live.onEvent(event)
        }
        else {
          const line = runEventLine(event)
          if (line !== undefined) process.stdout.write(line + '\n')
        }
      }
      emit({type: 'started', workflow: machine.workflow, ...started})
      const interrupt = onInterrupt(undefined, ['SIGINT'])
      try {
        const outcome = await followRun(api, started.executionArn, {emit, pollMs: flags['poll-ms'], signal: interrupt.signal})
        await live?.close()
        // The live view is progress (stderr); the outcome is the result, on stdout.
        if (live && outcome.status !== 'RUNNING') process.stdout.write(`${runEventLine({type: 'finished', executionArn: outcome.executionArn, ...pickOutcome(outcome)})}\n`)
        if (outcome.status === 'RUNNING') this.logToStderr(`Stopped following; ${started.name} is still running.`)
        if (outcome.status !== 'SUCCEEDED') process.exitCode = 1
      } finally {
        await live?.close()
        interrupt.dispose()
      }
      // The events were the output; oclif prints nothing more.
      return undefined
    })
  }
}

/** The outcome fields of a `finished` event from a described execution. */
function pickOutcome(info: ExecutionInfo) {
  return {
    status: info.status,
    startDate: info.startDate,
    ...(info.stopDate !== undefined ? {stopDate: info.stopDate} : {}),
    ...(info.error !== undefined ? {error: info.error} : {}),
    ...(info.cause !== undefined ? {cause: info.cause} : {}),
  }
}
