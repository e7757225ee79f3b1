import {Box, Text} from 'ink'
import {type ReactNode, useContext} from 'react'

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
  /** Log lines shown when a job's logs are open (the newest). */
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

function QueueBlock({queue, selectedId, now, barWidth}: {queue: QueueStatus; selectedId: string | undefined; now: number; barWidth: number}) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>
        <Tone style="bold">{queue.key}</Tone>
        <Tone style="gray">{` (${queue.name})`}</Tone>
      </Text>
      <Counts queue={queue} />
      {queue.running.length > 0 ? <Tone style="gray">  running</Tone> : null}
      {queue.running.map((job) => (
        <Row key={job.jobId} selected={job.jobId === selectedId}>
          <Text wrap="truncate-end">
            {'  '}
            <Tone style={job.jobId === selectedId ? 'bold' : undefined}>{activeJobText(job, now)}</Tone>
          </Text>
          <Bar job={job} width={barWidth} />
        </Row>
      ))}
      {unlistedRunning(queue) > 0 ? <Tone style="gray">{`    … ${unlistedRunning(queue)} more running`}</Tone> : null}
      {queue.failures.length > 0 ? <Tone style="gray">  recent failures</Tone> : null}
      {queue.failures.map((job) => (
        <Row key={job.jobId} selected={job.jobId === selectedId}>
          <Text wrap="truncate-end">
            {'  '}
            <Tone style="red">{failureText(job, now)}</Tone>
          </Text>
        </Row>
      ))}
    </Box>
  )
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
      <Text>
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
export function StatusView({state, now, logLines = 20, barWidth = 20}: StatusViewProps) {
  if (state.mode === 'log' && state.log) return <LogBlock log={state.log} lines={logLines} />
  const snapshot = state.snapshot
  return (
    <Box flexDirection="column">
      <Text>
        <Tone style="bold">batchctl status</Tone>
        <Tone style="gray">{snapshot ? `  refreshed ${formatAge(now - snapshot.takenAt)} ago · ↑↓ select · Enter logs · q quit` : '  reading queues…'}</Tone>
      </Text>
      {state.error ? <Tone style="yellow">{`refresh failed: ${state.error}; retrying`}</Tone> : null}
      {snapshot?.queues.length === 0 ? <Text>batch.yaml defines no job queues</Text> : null}
      {snapshot?.queues.map((queue) => <QueueBlock key={queue.name} queue={queue} selectedId={state.selectedId} now={now} barWidth={barWidth} />)}
    </Box>
  )
}
