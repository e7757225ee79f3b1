import {Flags} from '@oclif/core'

import {BatchJobs} from '../aws/jobs/batch-jobs.js'
import {LogEvents} from '../aws/jobs/log-events.js'
import {awsFlags, BaseCommand, projectFlags} from '../cli/base-command.js'
import {onInterrupt} from '../cli/interrupt.js'
import {withProjectSession} from '../cli/project-session.js'
import {projectQueues} from '../status/project-queues.js'
import {StatusReader} from '../status/read-status.js'
import {recentLogLines} from '../status/recent-logs.js'
import type {StatusSnapshot} from '../status/snapshot.js'
import {statusText} from '../status/status-text.js'
import {watchStatus} from '../status/watch-status.js'
import {canShowStatusLive, runStatusDashboard} from '../ui/status/status-live.js'

export default class Status extends BaseCommand {
  static override summary = "Show the project's job queues: jobs by status, running jobs and their progress, recent failures."

  static override description = `For each job queue of batch.yaml (its physical name, with --env): how many jobs are in each status, the running jobs with their age and array progress (arrayProperties.statusSummary) or node count, and the latest failures with their status reasons.

One snapshot by default (plain text, or one JSON document with --json). With --watch on a terminal: a live dashboard refreshing every 2 s while things change and less often, up to every 15 s, while they do not; ↑/↓ select a job, Enter shows its recent log lines, Esc goes back, q quits. Each refresh makes 5 ListJobs calls per queue (7 when a job finished), far below Batch's request limits.`

  static override examples = [
    {description: 'A snapshot of every queue.', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'The live dashboard of the prod queues.', command: '<%= config.bin %> <%= command.id %> --env prod --watch'},
    {description: 'One queue as JSON, for scripts.', command: '<%= config.bin %> <%= command.id %> --queue default --json'},
    {description: 'Against the embedded emulator.', command: '<%= config.bin %> <%= command.id %> --local --watch'},
  ]

  static override flags = {
    ...projectFlags,
    ...awsFlags,
    queue: Flags.string({char: 'q', summary: 'Only this job queue (a batch.yaml key).'}),
    watch: Flags.boolean({char: 'w', summary: 'Live dashboard on a terminal (one snapshot when piped or with --json).', default: false}),
  }

  async run(): Promise<StatusSnapshot | undefined> {
    const {flags} = await this.parse(Status)
    return withProjectSession(flags, async ({loaded, session}) => {
      const jobs = new BatchJobs(session.clients.batch)
      const reader = new StatusReader(jobs, projectQueues(loaded.config, loaded.env, flags.queue))
      if (flags.watch && !this.jsonEnabled() && canShowStatusLive()) {
        const logs = new LogEvents(session.clients.logs)
        // Ctrl-C is a key the dashboard reads itself; SIGTERM stops it from outside.
        const interrupt = onInterrupt(undefined, ['SIGTERM'])
        try {
          await runStatusDashboard({
            watch: (onSnapshot, onError, signal) => watchStatus(reader, onSnapshot, onError, {signal}),
            readLogs: async (jobId, signal) => (await recentLogLines(jobs, logs, jobId, {signal})).lines,
            signal: interrupt.signal,
          })
        } finally {
          interrupt.dispose()
        }
        return undefined
      }
      const snapshot = await reader.read()
      if (!this.jsonEnabled()) process.stdout.write(statusText(snapshot))
      return snapshot
    })
  }
}
