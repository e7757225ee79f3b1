import type {Change} from '../../plan/index.js'
import {assertNever} from '../../errors.js'
import type {Paint, Style} from '../shared/colors.js'
import type {PlanOutline} from './outline.js'

export function actionStyle(action: Change['action']): Style {
  switch (action) {
    case 'create':
      return 'green'
    case 'update':
      return 'yellow'
    case 'replace':
      return 'magenta'
    case 'delete':
      return 'red'
    default:
      return assertNever(action, 'action')
  }
}

/** The plan as plain lines (piped output, CI logs): one change per line, fields indented under it. */
export function renderPlanText(outline: PlanOutline, paint: Paint): string {
  const lines: string[] = [paint('bold', outline.title), '']
  for (const group of outline.groups) {
    lines.push(paint('bold', group.label))
    for (const change of group.changes) {
      const head = `  ${change.symbol.padEnd(3)} ${change.name}`
      const physical = change.physicalName === change.name ? '' : paint('gray', ` (${change.physicalName})`)
      const note = change.note ? paint('gray', `  # ${change.note}`) : ''
      lines.push(`${paint(actionStyle(change.action), head)}${physical}${note}`)
      if (change.schedule) lines.push(paint('gray', `        # ${change.schedule}`))
      for (const field of change.fields) {
        const value =
          field.before === undefined
            ? `${field.after}`
            : field.after === undefined
              ? `${field.before} → (removed)`
              : `${field.before} → ${field.after}`
        const forces = field.forcesReplace ? paint('magenta', '  (forces replacement)') : ''
        lines.push(`        ${field.path}: ${value}${forces}`)
      }
    }
    lines.push('')
  }
  for (const error of outline.errors) {
    lines.push(paint('red', `error: ${error.message}`))
    for (const hint of error.hints) lines.push(`  → ${hint}`)
  }
  if (outline.errors.length > 0) lines.push('')
  lines.push(paint('bold', outline.summary))
  return `${lines.join('\n')}\n`
}
