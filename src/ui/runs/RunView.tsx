import {Box, Text} from 'ink'

import {spinnerFrame} from '../apply/ApplyView.js'
import {Tone} from '../shared/Tone.js'
import {formatDuration} from './run-text.js'
import type {RunStepRow, RunViewState} from './run-view-state.js'

export interface RunViewProps {
  state: RunViewState
  /** The clock elapsed times and the spinner are drawn at (the mount helper ticks it). */
  now: number
}

function StepRow({row, now, nameWidth}: {row: RunStepRow; now: number; nameWidth: number}) {
  const elapsed = row.startedAt === undefined ? undefined : formatDuration((row.endedAt ?? now) - row.startedAt)
  const mark =
    row.status === 'succeeded' ? <Tone style="green">✓</Tone> : row.status === 'failed' ? <Tone style="red">✗</Tone> : row.status === 'running' ? <Tone style="cyan">{spinnerFrame(now)}</Tone> : <Tone style="gray">·</Tone>
  const nameStyle = row.status === 'pending' ? 'gray' : row.status === 'failed' ? 'red' : row.status === 'succeeded' ? 'green' : undefined
  return (
    <Box flexDirection="column">
      <Box flexDirection="row">
        <Box flexShrink={0} width={2}>
          {mark}
        </Box>
        <Box flexShrink={0} minWidth={nameWidth}>
          <Tone style={nameStyle}>{row.step}</Tone>
          {row.caught ? <Tone style="yellow"> (caught)</Tone> : null}
        </Box>
        {row.progress ? (
          <Box flexShrink={1} marginLeft={2}>
            <Tone style="gray">{row.progress}</Tone>
          </Box>
        ) : null}
        {elapsed ? (
          <Box flexShrink={0} marginLeft={2}>
            <Tone style="gray">{elapsed}</Tone>
          </Box>
        ) : null}
      </Box>
      {row.detail ? (
        <Box paddingLeft={2}>
          <Tone style="red">{row.detail}</Tone>
        </Box>
      ) : null}
    </Box>
  )
}

/** `batchctl run --follow` on a terminal: the workflow's steps with their state, jobs and progress. */
export function RunView({state, now}: RunViewProps) {
  const outcome = state.outcome
  // Names in one column, so progress and times line up.
  const nameWidth = Math.max(0, ...state.steps.map((row) => row.step.length + (row.caught ? ' (caught)'.length : 0)))
  return (
    <Box flexDirection="column">
      {state.title ? <Tone style="bold">{state.title}</Tone> : null}
      {state.steps.map((row) => (
        <StepRow key={row.step} row={row} now={now} nameWidth={nameWidth} />
      ))}
      {outcome ? (
        <Text>
          <Tone style={outcome.status === 'SUCCEEDED' ? 'green' : 'red'}>{`execution ${outcome.status}`}</Tone>
          {outcome.durationMs !== undefined ? <Tone style="gray">{` after ${formatDuration(outcome.durationMs)}`}</Tone> : null}
          {outcome.detail ? <Tone style="red">{`: ${outcome.detail}`}</Tone> : null}
        </Text>
      ) : null}
    </Box>
  )
}
