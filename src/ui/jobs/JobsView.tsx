import {Box, Static, Text} from 'ink'
import {useContext} from 'react'

import {labelColor} from '../../jobs/render-text.js'
import {JOB_STATUSES} from '../../jobs/jobs-api.js'
import {ColorContext, Tone} from '../shared/Tone.js'
import type {FollowState, PrintedLine} from './follow-state.js'

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

// The ANSI codes of render-text's palette as Ink colour names, so both renderings agree.
const INK_COLORS: Record<number, string> = {
  36: 'cyan',
  32: 'green',
  33: 'yellow',
  35: 'magenta',
  34: 'blue',
  96: 'cyanBright',
  92: 'greenBright',
  93: 'yellowBright',
  95: 'magentaBright',
  94: 'blueBright',
}

export interface JobsViewProps {
  state: FollowState
  now: number
  /** Prefix log lines with their ISO time. */
  timestamps?: boolean
  /** Width of the progress bar. */
  barWidth?: number
  /** Failures listed in the live area (the rest are counted). */
  maxFailures?: number
}

function Label({label}: {label: string}) {
  const color = useContext(ColorContext)
  if (!label) return null
  return color ? <Text color={INK_COLORS[labelColor(label)]}>{label} </Text> : <Text>{label} </Text>
}

function LogLine({line, timestamps}: {line: PrintedLine; timestamps: boolean}) {
  const time = timestamps ? `${new Date(line.timestamp).toISOString()} ` : ''
  // A log line is data: written as is, and the terminal wraps it. Ink would break a line wider
  // than the terminal with real newlines at word boundaries (a URL split, a continuation
  // without the child's prefix), so the line gets a box wide enough for it: at most 2 columns
  // per UTF-16 unit. Lines are drawn once (<Static>), so the width costs nothing later.
  const width = Math.max(1, 2 * (time.length + (line.label ? line.label.length + 1 : 0) + line.message.length))
  return (
    <Box width={width}>
      <Text>
        {time ? <Tone style="gray">{time}</Tone> : ''}
        <Label label={line.label} />
        {line.message}
      </Text>
    </Box>
  )
}

function ProgressBar({state, width}: {state: FollowState; width: number}) {
  const counts = state.counts
  if (!counts || !state.total) return null
  const succeeded = Math.round((counts.SUCCEEDED / state.total) * width)
  const failed = Math.min(width - succeeded, Math.round((counts.FAILED / state.total) * width))
  const rest = width - succeeded - failed
  const parts = [...JOB_STATUSES].reverse().filter((status) => counts[status] > 0)
  return (
    <Box flexDirection="column">
      <Text>
        <Tone style="green">{'█'.repeat(succeeded)}</Tone>
        <Tone style="red">{'█'.repeat(failed)}</Tone>
        <Tone style="gray">{'░'.repeat(rest)}</Tone>
        {` ${counts.SUCCEEDED + counts.FAILED}/${state.total}`}
      </Text>
      <Text>
        {parts.map((status, i) => (
          <Text key={status}>
            {i > 0 ? '  ' : ''}
            <Tone style={status === 'FAILED' ? 'red' : status === 'SUCCEEDED' ? 'green' : status === 'RUNNING' ? 'cyan' : 'gray'}>{status}</Tone>
            {` ${counts[status]}`}
          </Text>
        ))}
      </Text>
    </Box>
  )
}

/**
 * The live view of a followed job: finished log lines above (drawn once, `<Static>`), and below
 * them the job's status, an array's progress bar and counts by status, and failures with reasons.
 * A pure function of its props.
 */
export function JobsView({state, now, timestamps = false, barWidth = 30, maxFailures = 5}: JobsViewProps) {
  const elapsed = state.since !== undefined ? Math.max(0, Math.round((now - state.since) / 1000)) : 0
  const mark = state.done ? (state.status === 'SUCCEEDED' ? <Tone style="green">✓</Tone> : <Tone style="red">✗</Tone>) : <Tone style="cyan">{SPINNER[Math.floor(now / 80) % SPINNER.length]!}</Tone>
  const shown = state.failures.slice(-maxFailures)
  const hidden = state.failures.length - shown.length
  return (
    <Box flexDirection="column">
      <Static key={state.batch} items={state.lines}>{(line) => <LogLine key={line.key} line={line} timestamps={timestamps} />}</Static>
      {state.status ? (
        <Text>
          {mark} {state.jobName ?? state.jobId} <Tone style="bold">{state.status}</Tone>
          {state.done && state.status === 'FAILED' && state.statusReason ? <Tone style="red">{`: ${state.statusReason}`}</Tone> : ''}
          <Tone style="gray">{`  ${elapsed}s`}</Tone>
        </Text>
      ) : null}
      <ProgressBar state={state} width={barWidth} />
      {hidden > 0 ? <Tone style="red">{`✗ ${hidden} more failed children`}</Tone> : null}
      {shown.map((failure, i) => (
        <Tone key={i} style="red">{`✗ ${failure.label} failed${failure.exitCode !== undefined ? ` (exit ${failure.exitCode})` : ''}${failure.reason ? `: ${failure.reason}` : ''}`}</Tone>
      ))}
      {state.warnings.map((warning, i) => (
        <Tone key={`w${i}`} style="yellow">{`warning: ${warning}`}</Tone>
      ))}
    </Box>
  )
}
