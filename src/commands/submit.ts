import {existsSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

import {Args, Flags} from '@oclif/core'

import {BatchJobs} from '../aws/jobs/batch-jobs.js'
import {LogEvents} from '../aws/jobs/log-events.js'
import {awsFlags, BaseCommand, projectFlags} from '../cli/base-command.js'
import {onInterrupt} from '../cli/interrupt.js'
import {loadConfig} from '../config/load-config.js'
import {UserError} from '../errors.js'
import {eventPrinter, useColor} from '../jobs/render-stream.js'
import {runSubmit, type SubmitSummary} from '../jobs/run-submit.js'
import {parseCommand, parseNumber} from '../jobs/submit-flags.js'
import {parseDependsOn, parsePairs} from '../jobs/submit-request.js'
import {openSession} from '../services/aws-session.js'
import {canFollowLive, type FollowLive, mountFollowLive} from '../ui/jobs/follow-live.js'

export default class Submit extends BaseCommand {
  static override summary = 'Submit a job: overrides, array and multi-node jobs, dependencies; optionally wait or follow its logs.'

  static override description = `<job> is a jobDefinitions key of batch.yaml (its latest ACTIVE revision, named <project>[-<env>]-<key>) or any job definition name, name:revision or ARN. The queue is --queue or defaults.queue.

Each submission is tagged batchctl:submission-id; when SubmitJob's answer is lost (network error, timeout, 5xx) the job is looked up by that tag before any new attempt, so a job is never submitted twice.

Prints the job id on stdout. --wait exits 0 when the job SUCCEEDED and 1 with the reason when it FAILED; --follow also prints every log line of the job, its array children and its nodes.`

  static override examples = [
    {description: 'Submit the align job of batch.yaml to its default queue.', command: '<%= config.bin %> <%= command.id %> align'},
    {description: 'A 500-child array, following progress and logs.', command: '<%= config.bin %> <%= command.id %> align --array-size 500 --follow'},
    {description: 'Overrides, waiting for the result.', command: '<%= config.bin %> <%= command.id %> align --param sample=s1 --set-env LOG_LEVEL=debug --vcpus 4 --memory 8192 --wait'},
    {description: 'Run after another job, child by child.', command: '<%= config.bin %> <%= command.id %> merge --depends-on 1f3c...:N_TO_N --array-size 500'},
    {description: 'A multi-node job on 4 nodes, machine-readable events.', command: '<%= config.bin %> <%= command.id %> train --nodes 4 --follow --json'},
  ]

  static override args = {
    job: Args.string({description: 'batch.yaml job definition key, or a job definition name, name:revision or ARN.', required: true}),
  }

  static override flags = {
    queue: Flags.string({char: 'q', summary: 'Job queue: a batch.yaml key or any queue name or ARN (default: defaults.queue).'}),
    name: Flags.string({char: 'n', summary: 'Job name (default: the job key or definition name).'}),
    param: Flags.string({summary: 'Parameter substituted into Ref::NAME of the command (KEY=VALUE, repeatable).', multiple: true}),
    command: Flags.string({summary: 'Command override: a JSON array, or words split on spaces.'}),
    'set-env': Flags.string({summary: 'Environment variable for the container (KEY=VALUE, repeatable).', multiple: true}),
    vcpus: Flags.string({summary: 'vCPUs override (Fargate takes 0.25, 0.5, 1, 2, 4, 8, 16).'}),
    memory: Flags.integer({summary: 'Memory override in MiB.', min: 1}),
    gpus: Flags.integer({summary: 'GPUs per container, overriding the job definition.', min: 0}),
    'array-size': Flags.integer({summary: 'Submit an array job of this many children (2 to 10,000).', min: 2, max: 10_000}),
    nodes: Flags.integer({summary: 'Number of nodes of a multi-node job.', min: 1}),
    'depends-on': Flags.string({summary: 'Job id to wait for, optionally :N_TO_N or :SEQUENTIAL (repeatable).', multiple: true}),
    timeout: Flags.integer({summary: 'Attempt timeout in seconds (at least 60).', min: 60}),
    retry: Flags.integer({summary: 'Total attempts (1 to 10), overriding the job definition\'s retry.', min: 1, max: 10}),
    tag: Flags.string({summary: 'Tag on the job (KEY=VALUE, repeatable).', multiple: true}),
    wait: Flags.boolean({summary: 'Wait until the job finishes; exit 1 if it FAILED.', default: false, exclusive: ['follow']}),
    follow: Flags.boolean({summary: 'Wait and print progress and every log line (NDJSON events with --json).', default: false}),
    'cancel-on-exit': Flags.boolean({summary: 'Terminate the job if batchctl is interrupted while waiting.', default: false}),
    file: projectFlags.file,
    env: projectFlags.env,
    ...awsFlags,
  }

  async run(): Promise<SubmitSummary | undefined> {
    const {args, flags} = await this.parse(Submit)
    const file = resolve(flags.file)
    const envName = flags.env
    const config = existsSync(file) ? loadConfig(file, envName === undefined ? {} : {env: envName}).config : undefined
    const session = await openSession({
      ...(flags.region ? {region: flags.region} : {}),
      ...(config?.region ? {configRegion: config.region} : {}),
      ...(flags.profile ? {profile: flags.profile} : {}),
      local: flags.local,
      projectDir: dirname(file),
    })
    const interrupt = onInterrupt(new UserError('interrupted'))
    const json = this.jsonEnabled()
    // On a terminal, --follow draws the live view; piped, plain lines; --json, NDJSON.
    let live: FollowLive | undefined
    const text = eventPrinter({json, color: useColor(process.stderr), timestamps: false})
    const print = (event: Parameters<typeof text>[0]): void => (live ? live.onEvent(event) : text(event))
    const waiting = flags.wait || flags.follow
    try {
      const vcpus = parseNumber(flags.vcpus, 'vcpus')
      const command = parseCommand(flags.command)
      const summary = await runSubmit(new BatchJobs(session.clients.batch), new LogEvents(session.clients.logs), {
        job: args.job,
        ...(config ? {config} : {}),
        ...(envName !== undefined ? {env: envName} : {}),
        ...(flags.queue ? {queue: flags.queue} : {}),
        ...(flags.name ? {jobName: flags.name} : {}),
        overrides: {
          ...optional('parameters', parsePairs(flags.param, 'param')),
          ...optional('command', command),
          ...optional('environment', parsePairs(flags['set-env'], 'set-env')),
          ...optional('vcpus', vcpus),
          ...optional('memory', flags.memory),
          ...optional('gpus', flags.gpus),
          ...optional('arraySize', flags['array-size']),
          ...optional('nodes', flags.nodes),
          ...optional('dependsOn', parseDependsOn(flags['depends-on'])),
          ...optional('timeoutSeconds', flags.timeout),
          ...optional('retryAttempts', flags.retry),
          ...optional('tags', parsePairs(flags.tag, 'tag')),
        },
        wait: flags.follow ? 'follow' : flags.wait ? 'wait' : 'none',
        cancelOnExit: flags['cancel-on-exit'],
        signal: interrupt.signal,
        onSubmitted: (job) => {
          if (json && flags.follow) process.stdout.write(JSON.stringify({type: 'submitted', ...job}) + '\n')
          else if (!json) {
            this.log(job.jobId)
            const kind = job.arraySize ? ` (array of ${job.arraySize})` : job.numNodes ? ` (${job.numNodes} nodes)` : ''
            this.logToStderr(`submitted ${job.jobName}${kind} to ${job.jobQueue} as ${job.jobId}${job.recovered ? ' (found by its submission tag after a lost answer)' : ''}`)
            if (flags.follow && canFollowLive()) live = mountFollowLive()
          }
        },
        onEvent: (event) => {
          // --wait prints only the outcome; --follow prints everything.
          if (flags.follow || (!json && (event.type === 'child-failed' || event.type === 'warning'))) print(event)
        },
      })
      await live?.close()
      live = undefined
      if (waiting && summary.status === 'FAILED') {
        if (!json) this.logToStderr(`job ${summary.jobName} (${summary.jobId}) FAILED${summary.statusReason ? `: ${summary.statusReason}` : ''}`)
        process.exitCode = 1
      } else if (waiting && !json && !flags.follow) {
        this.logToStderr(`job ${summary.jobName} (${summary.jobId}) ${summary.status}`)
      }
      if (json && flags.follow) {
        process.stdout.write(JSON.stringify({type: 'result', ...summary}) + '\n')
        return undefined
      }
      return summary
    } finally {
      await live?.close()
      interrupt.dispose()
      await session.close()
    }
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): {[P in K]?: V} {
  return (value === undefined ? {} : {[key]: value}) as {[P in K]?: V}
}
