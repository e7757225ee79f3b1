import {Box, Text} from 'ink'
import {type ReactElement, type ReactNode, useContext} from 'react'

import {JOB_STATUSES, type JobStatus} from '../../jobs/jobs-api.js'
import {labelColor} from '../../jobs/render-text.js'
import type {ActiveJob, QueueStatus} from '../../status/snapshot.js'
import {activeJobText, failureText, formatAge, unlistedRunning} from '../../status/status-text.js'
import type {Style} from '../shared/colors.js'
import {ColorContext, Tone} from '../shared/Tone.js'
import type {LogPane, StatusViewState} from './status-state.js'

export interface StatusViewProps {
  state: StatusViewState
  now: number
  /** Terminal height: the list scrolls to keep the selection in view and stay below it. */
  rows?: number
  /** Log lines shown when a job's logs are open (the newest; default: what fits in `rows`, else 20). */
  logLines?: number
  /** Width of an array's progress bar. */
  barWidth?: number
}

const STATUS_STYLE: Record<JobStatus, Style> = {
  SUBMITTED: 'gray',
  PENDING: 'gray',
  RUNNABLE: 'yellow',
  STARTING: 'blue',
  RUNNING: 'cyan',
  SUCCEEDED: 'green',
  FAILED: 'red',
}

// render-text's ANSI palette as Ink colour names, so a child has one colour in every view.
const INK_COLORS: Record<number, string> = {36: 'cyan', 32: 'green', 33: 'yellow', 35: 'magenta', 34: 'blue', 96: 'cyanBright', 92: 'greenBright', 93: 'yellowBright', 95: 'magentaBright', 94: 'blueBright'}

function Counts({queue}: {queue: QueueStatus}) {
  return (
    <Text wrap="truncate-end">
      {'  '}
      {JOB_STATUSES.map((status, i) => (
        <Text key={status}>
          {i > 0 ? '  ' : ''}
          <Tone style={queue.counts[status] > 0 ? STATUS_STYLE[status] : 'gray'}>{status}</Tone>
          {` ${queue.counts[status]}${queue.truncated.includes(status) ? '+' : ''}`}
        </Text>
      ))}
    </Text>
  )
}

function Bar({job, width}: {job: ActiveJob; width: number}) {
  if (job.arraySize === undefined || job.arraySize === 0) return null
  const p = job.progress ?? {}
  const succeeded = Math.round(((p.SUCCEEDED ?? 0) / job.arraySize) * width)
  const failed = Math.min(width - succeeded, Math.round(((p.FAILED ?? 0) / job.arraySize) * width))
  return (
    <Text>
      {' '}
      <Tone style="green">{'█'.repeat(succeeded)}</Tone>
      <Tone style="red">{'█'.repeat(failed)}</Tone>
      <Tone style="gray">{'░'.repeat(width - succeeded - failed)}</Tone>
    </Text>
  )
}

function Row({selected, children}: {selected: boolean; children: ReactNode}) {
  return (
    <Box>
      <Text>{selected ? '› ' : '  '}</Text>
      {children}
    </Box>
  )
}

/** One screen line of the list; `jobId` when it shows a selectable job. */
interface ListLine {
  key: string
  node: ReactElement
  jobId?: string
}

function queueLines(queue: QueueStatus, selectedId: string | undefined, now: number, barWidth: number): ListLine[] {
  const k = (suffix: string) => `${queue.name}/${suffix}`
  const more = unlistedRunning(queue)
  return [
    {key: k('gap'), node: <Text> </Text>},
    {
      key: k('title'),
      node: (
        <Text>
          <Tone style="bold">{queue.key}</Tone>
          <Tone style="gray">{` (${queue.name})`}</Tone>
        </Text>
      ),
    },
    {key: k('counts'), node: <Counts queue={queue} />},
    ...(queue.running.length > 0 ? [{key: k('running'), node: <Tone style="gray">  running</Tone>}] : []),
    ...queue.running.map((job) => ({
      key: k(job.jobId),
      jobId: job.jobId,
      node: (
        <Row selected={job.jobId === selectedId}>
          <Text wrap="truncate-end">
            {'  '}
            <Tone style={job.jobId === selectedId ? 'bold' : undefined}>{activeJobText(job, now)}</Tone>
          </Text>
          <Bar job={job} width={barWidth} />
        </Row>
      ),
    })),
    ...(more > 0 ? [{key: k('more'), node: <Tone style="gray">{`    … ${more} more running`}</Tone>}] : []),
    ...(queue.failures.length > 0 ? [{key: k('failures'), node: <Tone style="gray">  recent failures</Tone>}] : []),
    ...queue.failures.map((job) => ({
      key: k(`f/${job.jobId}`),
      jobId: job.jobId,
      node: (
        <Row selected={job.jobId === selectedId}>
          <Text wrap="truncate-end">
            {'  '}
            <Tone style="red">{failureText(job, now)}</Tone>
          </Text>
        </Row>
      ),
    })),
  ]
}

/**
 * The lines that fit in `height`: all of them when they fit, otherwise a window that keeps the
 * selected job in view, with a line saying how many are above and below.
 */
export function visibleWindow<T extends {jobId?: string}>(lines: T[], selectedId: string | undefined, height: number): {shown: T[]; above: number; below: number} {
  if (lines.length <= height) return {shown: lines, above: 0, below: 0}
  const room = Math.max(1, height - 2)
  const selected = Math.max(0, lines.findIndex((line) => line.jobId !== undefined && line.jobId === selectedId))
  const start = Math.min(Math.max(0, selected - Math.floor(room / 2)), lines.length - room)
  return {shown: lines.slice(start, start + room), above: start, below: lines.length - start - room}
}

function Label({label}: {label: string}) {
  const color = useContext(ColorContext)
  if (!label) return null
  return color ? <Text color={INK_COLORS[labelColor(label)]}>{label} </Text> : <Text>{label} </Text>
}

function LogBlock({log, lines}: {log: LogPane; lines: number}) {
  const shown = log.lines.slice(-lines)
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Tone style="bold">{`logs of ${log.jobName}`}</Tone>
        <Tone style="gray">{` (${log.jobId})  Esc back · q quit`}</Tone>
      </Text>
      {log.loading ? <Tone style="gray">reading logs…</Tone> : null}
      {!log.loading && shown.length === 0 && !log.error ? <Tone style="gray">no log lines in the last hour</Tone> : null}
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          <Label label={line.label} />
          {line.message}
        </Text>
      ))}
      {log.error ? <Tone style="red">{`reading logs failed: ${log.error}`}</Tone> : null}
    </Box>
  )
}

/**
 * The `status --watch` dashboard: per queue the jobs by status, running jobs with their age and
 * array progress, recent failures with their reasons; or, after Enter, the selected job's recent
 * log lines. A pure function of its props.
 */
export function StatusView({state, now, rows, logLines, barWidth = 20}: StatusViewProps) {
  if (state.mode === 'log' && state.log) return <LogBlock log={state.log} lines={logLines ?? (rows === undefined ? 20 : Math.max(1, rows - 4))} />
  const snapshot = state.snapshot
  const lines = (snapshot?.queues ?? []).flatMap((queue) => queueLines(queue, state.selectedId, now, barWidth))
  // The header and a possible error line stay; Ink redraws cleanly only below the terminal's height.
  const shown = visibleWindow(lines, state.selectedId, rows === undefined ? Infinity : rows - (state.error ? 3 : 2))
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Tone style="bold">batchctl status</Tone>
        <Tone style="gray">{snapshot ? `  refreshed ${formatAge(now - snapshot.takenAt)} ago · ↑↓ select · Enter logs · q quit` : '  reading queues…'}</Tone>
      </Text>
      {state.error ? (
        <Text wrap="truncate-end">
          <Tone style="yellow">{`refresh failed: ${state.error}; retrying`}</Tone>
        </Text>
      ) : null}
      {snapshot?.queues.length === 0 ? <Text>batch.yaml defines no job queues</Text> : null}
      {shown.above > 0 ? <Tone style="gray">{`↑ ${shown.above} more lines`}</Tone> : null}
      {shown.shown.map((line) => (
        <Box key={line.key}>{line.node}</Box>
      ))}
      {shown.below > 0 ? <Tone style="gray">{`↓ ${shown.below} more lines`}</Tone> : null}
    </Box>
  )
}
