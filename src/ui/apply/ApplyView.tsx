import {Box, Static, Text} from 'ink'
import type {ReactNode} from 'react'

import {Tone} from '../shared/Tone.js'
import {summarizeApply} from './apply-summary.js'
import type {ProgressState, StepLine} from './progress-state.js'
import {activeLines, finishedLines, pendingLines} from './progress-state.js'
import {waitingText} from './progress-text.js'
import {formatDuration, stepLabel} from './step-label.js'

/** cli-spinners' "dots", inlined: the frame is picked from `now`, so a render is a pure function of props. */
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
const SPINNER_INTERVAL_MS = 80

export function spinnerFrame(now: number): string {
  return SPINNER[Math.floor(now / SPINNER_INTERVAL_MS) % SPINNER.length] ?? SPINNER[0]!
}

export interface ApplyViewProps {
  state: ProgressState
  /** The clock the elapsed times and the spinner are drawn at (the mount helper ticks it). */
  now: number
  /** Pending steps listed by name before the rest are counted (keeps the live area short). */
  maxPending?: number
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`

type StaticItem = {key: string; kind: 'header'; count: number} | {key: string; kind: 'step'; line: StepLine}

/** A mark, the text (wrapping in its own column) and a duration that stays on the first line. */
function Row({mark, text, time}: {mark: ReactNode; text: ReactNode; time: number}) {
  return (
    <Box flexDirection="row">
      <Box flexShrink={0} width={2}>
        {mark}
      </Box>
      <Box flexShrink={1}>{text}</Box>
      <Box flexShrink={0} marginLeft={2}>
        <Tone style="gray">{formatDuration(time)}</Tone>
      </Box>
    </Box>
  )
}

function FinishedLine({line}: {line: StepLine}) {
  const status = line.status
  if (status.state === 'done') {
    return <Row mark={<Tone style="green">✓</Tone>} text={<Tone style="green">{stepLabel(line.step)}</Tone>} time={status.durationMs} />
  }
  if (status.state === 'failed') {
    return (
      <Box flexDirection="column">
        <Tone style="red">{`✗ ${stepLabel(line.step)}`}</Tone>
        <Box paddingLeft={2}>
          <Tone style="red">{status.error}</Tone>
        </Box>
      </Box>
    )
  }
  return null
}

function ActiveLine({line, now}: {line: StepLine; now: number}) {
  const status = line.status
  if (status.state !== 'running' && status.state !== 'waiting' && status.state !== 'retrying') return null
  const elapsed = now - status.since
  if (status.state === 'retrying') {
    const text = `${stepLabel(line.step)}  retrying: attempt ${status.attempt} failed (${status.error})`
    return <Row mark={<Tone style="yellow">↻</Tone>} text={<Tone style="yellow">{text}</Tone>} time={elapsed} />
  }
  const detail = status.state === 'waiting' ? waitingText(status) : status.call
  const text = (
    <Text>
      {stepLabel(line.step)}
      {detail ? <Tone style="gray">{`  ${detail}`}</Tone> : ''}
    </Text>
  )
  return <Row mark={<Tone style="cyan">{spinnerFrame(now)}</Tone>} text={text} time={elapsed} />
}

/**
 * Live apply progress. Finished steps go into `<Static>` (printed once, never redrawn), so a long
 * apply does not flicker; the live area holds the running steps, a few pending ones and, at
 * the end, the summary.
 */
export function ApplyView({state, now, maxPending = 5}: ApplyViewProps) {
  const items: StaticItem[] = [
    ...(state.startedAt === undefined ? [] : [{key: 'header', kind: 'header' as const, count: state.lines.length}]),
    ...finishedLines(state).map((line) => ({key: line.step.id, kind: 'step' as const, line})),
  ]
  const active = activeLines(state)
  const pending = state.result ? [] : pendingLines(state)
  const summary = state.result ? summarizeApply(state.result) : undefined
  // Once interrupted, pending steps will never start: count them rather than list them as coming.
  const interrupted = state.interruptedAt !== undefined && !summary
  const listed = interrupted ? [] : pending.slice(0, maxPending)
  return (
    <Box flexDirection="column">
      {/* Static output is absolutely positioned: without a width its rows would not wrap. */}
      <Static items={items} style={{width: '100%'}}>
        {(item) =>
          item.kind === 'header' ? (
            <Box key={item.key}>
              <Tone style="bold">{`Applying ${item.count} step${item.count === 1 ? '' : 's'}`}</Tone>
            </Box>
          ) : (
            <FinishedLine key={item.key} line={item.line} />
          )
        }
      </Static>
      {active.map((line) => (
        <ActiveLine key={line.step.id} line={line} now={now} />
      ))}
      {listed.map((line) => (
        <Tone key={line.step.id} style="gray">{`· ${stepLabel(line.step)}`}</Tone>
      ))}
      {pending.length > listed.length && !interrupted ? <Tone style="gray">{`· … and ${pending.length - listed.length} more pending`}</Tone> : null}
      {interrupted ? (
        <Tone style="yellow">
          {`Interrupted: ${plural(pending.length, 'pending step')} will not start; waiting for ${plural(active.length, 'running step')} to stop.`}
        </Tone>
      ) : null}
      {summary ? (
        <Box flexDirection="column" marginTop={1}>
          <Tone style={summary.ok ? 'green' : 'red'}>{summary.headline}</Tone>
          {summary.hint ? <Text>{summary.hint}</Text> : null}
        </Box>
      ) : null}
    </Box>
  )
}
