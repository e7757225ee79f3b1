import type {Plan, Step} from './change.js'

/**
 * Kahn's algorithm over steps, taking ready steps in their given order so the result is
 * stable. Steps on a cycle (or waiting for one) are returned in `stuck`.
 */
export function sortSteps(steps: readonly Step[]): {order: Step[]; stuck: Step[]} {
  const byId = new Map(steps.map((s) => [s.id, s]))
  const index = new Map(steps.map((s, i) => [s.id, i]))
  const remaining = new Map(steps.map((s) => [s.id, s.dependsOn.filter((d) => byId.has(d)).length]))
  const dependants = new Map<string, string[]>()
  for (const s of steps) for (const d of s.dependsOn) dependants.set(d, [...(dependants.get(d) ?? []), s.id])
  const ready = steps.filter((s) => remaining.get(s.id) === 0).map((s) => s.id)
  const order: Step[] = []
  while (ready.length > 0) {
    ready.sort((a, b) => index.get(a)! - index.get(b)!)
    const id = ready.shift()!
    order.push(byId.get(id)!)
    for (const next of dependants.get(id) ?? []) {
      const left = remaining.get(next)! - 1
      remaining.set(next, left)
      if (left === 0) ready.push(next)
    }
  }
  const done = new Set(order.map((s) => s.id))
  return {order, stuck: steps.filter((s) => !done.has(s.id))}
}

/**
 * Every step of a plan in one serial order that respects all `dependsOn` edges: what apply
 * runs with a concurrency of 1. (Within `plan.changes`, a CE replace's steps interleave with
 * its queues' updates, so listing change by change is not an execution order.)
 */
export function executionOrder(plan: Plan): Step[] {
  const {order, stuck} = sortSteps(plan.changes.flatMap((c) => c.steps))
  return [...order, ...stuck]
}
