import {assertNever} from '../errors.js'
import type {Change, PlanSummary} from './change.js'

/** The symbol views print before a change, as in Terraform. */
export const ACTION_SYMBOLS: Record<Change['action'], string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
}

/** Counts changes by action. */
export function summarize(changes: readonly Change[]): PlanSummary {
  const summary: PlanSummary = {add: 0, change: 0, replace: 0, destroy: 0}
  for (const change of changes) {
    switch (change.action) {
      case 'create':
        summary.add++
        break
      case 'update':
        summary.change++
        break
      case 'replace':
        summary.replace++
        break
      case 'delete':
        summary.destroy++
        break
      default:
        assertNever(change, 'change')
    }
  }
  return summary
}

/** `3 to add, 1 to change, 1 to replace, 0 to destroy` */
export function formatSummary(summary: PlanSummary): string {
  return `${summary.add} to add, ${summary.change} to change, ${summary.replace} to replace, ${summary.destroy} to destroy`
}

/**
 * How disruptive a change is, from harmless to destructive. `infrastructure-update` ranks above a
 * plain update because AWS replaces the compute environment's instances.
 */
export type Impact = 'none' | 'create' | 'update' | 'infrastructure-update' | 'replace' | 'delete'

const RANK: Record<Impact, number> = {
  none: 0,
  create: 1,
  update: 2,
  'infrastructure-update': 3,
  replace: 4,
  delete: 5,
}

/** The impact of one change. */
export function impactOf(change: Change): Impact {
  switch (change.action) {
    case 'create':
      return 'create'
    case 'update':
      return change.flavour === 'infrastructure-update' ? 'infrastructure-update' : 'update'
    case 'replace':
      return 'replace'
    case 'delete':
      return 'delete'
    default:
      return assertNever(change, 'change')
  }
}

/** The worst impact of a set of changes (`none` for an empty plan): what a confirmation prompt should warn about. */
export function worstImpact(changes: readonly Change[]): Impact {
  return changes.reduce<Impact>((worst, change) => {
    const impact = impactOf(change)
    return RANK[impact] > RANK[worst] ? impact : worst
  }, 'none')
}
