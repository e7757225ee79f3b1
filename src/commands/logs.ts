import {dirname, resolve} from 'node:path'

import {Args, Flags} from '@oclif/core'

import {BatchJobs} from '../aws/jobs/batch-jobs.js'
import {LogEvents} from '../aws/jobs/log-events.js'
import {awsFlags, BaseCommand, projectFlags} from '../cli/base-command.js'
import {onInterrupt} from '../cli/interrupt.js'
import {UserError} from '../errors.js'
import {followJob} from '../jobs/follow.js'
import {eventPrinter, useColor} from '../jobs/render-stream.js'
import {parseTimeFlag} from '../jobs/submit-flags.js'
import {openSession} from '../services/aws-session.js'
import {canFollowLive, mountFollowLive} from '../ui/jobs/follow-live.js'

export default class Logs extends BaseCommand {
  static override summary = "Print a job's logs: every array child, every node, every attempt; --follow to tail them live."

  static override description = `Streams are those Batch reports for each attempt (attempts[].container.logStreamName) of the job, each array child and each node, never guessed. Lines are read with FilterLogEvents, at most 100 streams per call and 5 calls per second, and printed exactly once and in order within each stream; lines of array children are prefixed [index], of nodes "node N", of a later attempt "#N".

With --follow, new children and retries are attached as they start, and the command ends when the job has finished and its last lines are read. While following, Live Tail (StartLiveTail, one session per log group) brings new lines within about a second and FilterLogEvents reads each stream only when it starts and when it ends, so lines are still printed exactly once and in order; if Live Tail is not allowed, not served, ends, or reports sampling (over 500 events per second, said in a warning), the streams are read with FilterLogEvents instead. --no-live-tail reads with FilterLogEvents only. With --json, one JSON object per line.`

  static override examples = [
    {description: 'Everything a job has written so far.', command: '<%= config.bin %> <%= command.id %> 1f3c2b9e-...'},
    {description: 'Tail an array job live, with timestamps.', command: '<%= config.bin %> <%= command.id %> 1f3c2b9e-... --follow --timestamps'},
    {description: 'Follow with FilterLogEvents only (no Live Tail session, e.g. without logs:StartLiveTail).', command: '<%= config.bin %> <%= command.id %> 1f3c2b9e-... --follow --no-live-tail'},
    {description: 'Errors of child 42 in the last hour.', command: '<%= config.bin %> <%= command.id %> 1f3c2b9e-... --index 42 --since 1h --filter ERROR'},
    {description: 'The second attempt of node 0, as NDJSON.', command: '<%= config.bin %> <%= command.id %> 1f3c2b9e-... --node 0 --attempt 2 --json'},
  ]

  static override args = {
    jobId: Args.string({description: 'Job id (of a plain, array or multi-node job, or of one child).', required: true}),
  }

  static override flags = {
    follow: Flags.boolean({summary: 'Keep reading until the job finishes.', default: false}),
    'live-tail': Flags.boolean({
      summary: 'With --follow, take new lines from Live Tail (StartLiveTail); --no-live-tail polls FilterLogEvents only.',
      default: true,
      allowNo: true,
    }),
    since: Flags.string({summary: 'Only lines from this long ago (10m, 2h, 1d) or this date on.'}),
    until: Flags.string({summary: 'Only lines up to this long ago or this date.'}),
    filter: Flags.string({summary: 'CloudWatch Logs filter pattern (ERROR, "exact phrase", { $.level = "error" }).'}),
    index: Flags.integer({summary: 'Only this array child.', min: 0, exclusive: ['node']}),
    node: Flags.integer({summary: 'Only this node of a multi-node job.', min: 0}),
    attempt: Flags.integer({summary: 'Only this attempt (1 is the first).', min: 1}),
    timestamps: Flags.boolean({summary: 'Prefix each line with its time (ISO 8601, UTC).', default: false}),
    file: projectFlags.file,
    ...awsFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Logs)
    if (args.jobId.includes(':') && flags.index !== undefined) throw new UserError('give either a child id or --index, not both', {code: 'bad-flag'})
    const since = parseTimeFlag(flags.since, 'since')
    const until = parseTimeFlag(flags.until, 'until')
    // A child or node is a job of its own: `<id>:<index>`, `<id>#<node>`.
    const jobId = flags.index !== undefined ? `${args.jobId}:${flags.index}` : flags.node !== undefined ? `${args.jobId}#${flags.node}` : args.jobId
    const session = await openSession({
      ...(flags.region ? {region: flags.region} : {}),
      ...(flags.profile ? {profile: flags.profile} : {}),
      local: flags.local,
      projectDir: dirname(resolve(flags.file)),
    })
    const interrupt = onInterrupt(new UserError('interrupted'))
    const json = this.jsonEnabled()
    const text = eventPrinter({json, color: useColor(process.stdout), timestamps: flags.timestamps})
    // On a terminal, --follow draws the live view (lines above, progress below); otherwise plain lines or NDJSON.
    const live = flags.follow && !json && canFollowLive() ? mountFollowLive({timestamps: flags.timestamps}) : undefined
    const print = live ? live.onEvent : text
    let printed = 0
    try {
      const job = await followJob(
        new BatchJobs(session.clients.batch),
        // The job's ARN names the account for Live Tail's log group ARNs; STS only when it does not.
        new LogEvents(session.clients.logs, {accountId: session.accountId}),
        jobId,
        (event) => {
          // Log lines always; job progress only while following, and warnings.
          if (event.type === 'log') printed++
          if (event.type === 'log' || event.type === 'warning' || (flags.follow && event.type !== 'streams')) print(event)
        },
        {
          withLogs: true,
          follow: flags.follow,
          liveTail: flags['live-tail'],
          ...(flags.attempt !== undefined ? {attempt: flags.attempt} : {}),
          log: {
            ...(since !== undefined ? {since} : {}),
            ...(until !== undefined ? {until} : {}),
            ...(flags.filter ? {filterPattern: flags.filter} : {}),
          },
          signal: interrupt.signal,
        },
      )
      if (printed === 0 && !json) {
        const started = job.startedAt !== undefined || job.status === 'RUNNING' || job.statusSummary !== undefined || job.numNodes !== undefined
        this.logToStderr(started ? `no log lines for ${jobId} in this range` : `${jobId} is ${job.status}: no logs until it starts (try --follow)`)
      }
    } catch (error) {
      if (interrupt.signal.aborted) return
      throw error
    } finally {
      await live?.close()
      interrupt.dispose()
      await session.close()
    }
  }
}
