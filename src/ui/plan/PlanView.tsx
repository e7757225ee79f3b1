import {Box, Text} from 'ink'

import {Tone} from '../shared/Tone.js'
import type {ChangeOutline, PlanOutline} from './outline.js'
import {actionStyle} from './plan-text.js'

/** `before → after`, `(removed)` for a field batch.yaml drops, the value alone for a new field. */
function fieldValue(field: ChangeOutline['fields'][number]): string {
  if (field.before === undefined) return `${field.after}`
  if (field.after === undefined) return `${field.before} → (removed)`
  return `${field.before} → ${field.after}`
}

function ChangeLines({change}: {change: ChangeOutline}) {
  const style = actionStyle(change.action)
  return (
    <Box flexDirection="column">
      {/* A row, so a long note wraps under the name instead of back to column 0. */}
      <Box flexDirection="row">
        <Box flexShrink={0} width={6}>
          <Tone style={style}>{`  ${change.symbol.padEnd(3)}`}</Tone>
        </Box>
        <Text>
          <Tone style={style}>{change.name}</Tone>
          {change.physicalName === change.name ? '' : <Tone style="gray">{` (${change.physicalName})`}</Tone>}
          {change.note ? <Tone style="gray">{`  # ${change.note}`}</Tone> : ''}
        </Text>
      </Box>
      {change.schedule ? (
        <Box paddingLeft={8}>
          <Tone style="gray">{`# ${change.schedule}`}</Tone>
        </Box>
      ) : null}
      {change.fields.map((field) => (
        // Wrapped values stay indented under their field rather than running back to column 0.
        <Box key={field.path} paddingLeft={8}>
          <Text>
            {`${field.path}: ${fieldValue(field)}`}
            {field.forcesReplace ? <Tone style="magenta">{'  (forces replacement)'}</Tone> : ''}
          </Text>
        </Box>
      ))}
    </Box>
  )
}

/**
 * A plan for the terminal: changes grouped by kind with their symbols and field diffs, plan
 * errors with hints, and the summary. Same content as `renderPlanText`; static (render once).
 */
export function PlanView({outline}: {outline: PlanOutline}) {
  return (
    <Box flexDirection="column">
      <Box marginBottom={1}>
        <Tone style="bold">{outline.title}</Tone>
      </Box>
      {outline.groups.map((group) => (
        <Box key={group.kind} flexDirection="column" marginBottom={1}>
          <Tone style="bold">{group.label}</Tone>
          {group.changes.map((change) => (
            <ChangeLines key={`${change.action}:${change.physicalName}:${change.name}`} change={change} />
          ))}
        </Box>
      ))}
      {outline.errors.length > 0 ? (
        <Box flexDirection="column" marginBottom={1}>
          {outline.errors.map((error, index) => (
            <Box key={index} flexDirection="column">
              <Tone style="red">{`error: ${error.message}`}</Tone>
              {error.hints.map((hint) => (
                <Box key={hint} paddingLeft={2}>
                  <Text>{`→ ${hint}`}</Text>
                </Box>
              ))}
            </Box>
          ))}
        </Box>
      ) : null}
      <Tone style="bold">{outline.summary}</Tone>
    </Box>
  )
}
