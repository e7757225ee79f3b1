/**
 * The series-parallel structure of a step graph: which steps run one after another and which
 * run side by side. Pure and deterministic: ties are broken by the order the nodes are given in.
 */
export type Structure =
  | {kind: 'step'; name: string}
  | {kind: 'series'; parts: Structure[]}
  | {kind: 'parallel'; branches: Structure[]}

/**
 * Decomposes a DAG into series and parallel compositions. `nodes` gives the order used for
 * ties; `deps(name)` names the nodes that must finish first (names outside `nodes` are ignored).
 *
 * - Nodes that do not depend on each other in any way (weakly connected components) run in parallel.
 * - A connected graph is split at the first point of a topological order where every node
 *   before it is an ancestor of every node after it: that split loses no parallelism.
 * - A graph with no such split is not series-parallel (an "N" shape such as a→c, b→c, b→d).
 *   Step Functions can only express series-parallel graphs with Parallel states, so it is
 *   sequentialised correctly but with less parallelism: its sources run first (in parallel),
 *   then the rest. Every step still runs after all of its dependencies.
 */
export function decompose(nodes: readonly string[], deps: (name: string) => readonly string[]): Structure {
  if (nodes.length === 0) throw new Error('decompose: no nodes')
  const within = (set: readonly string[]) => {
    const members = new Set(set)
    return (name: string) => deps(name).filter((d) => members.has(d))
  }
  const go = (set: readonly string[]): Structure => {
    if (set.length === 1) return {kind: 'step', name: set[0]!}
    const depsIn = within(set)
    const components = weakComponents(set, depsIn)
    if (components.length > 1) return {kind: 'parallel', branches: components.map(go)}
    const order = topologicalOrder(set, depsIn)
    const ancestors = ancestorSets(set, depsIn)
    for (let k = 1; k < order.length; k++) {
      const before = order.slice(0, k)
      const after = order.slice(k)
      if (after.every((node) => before.every((a) => ancestors.get(node)!.has(a)))) {
        return series([go(keepOrder(set, before)), go(keepOrder(set, after))])
      }
    }
    // Not series-parallel: sources first, then the rest (see above).
    const sources = set.filter((node) => depsIn(node).length === 0)
    const rest = set.filter((node) => depsIn(node).length > 0)
    return series([go(sources), go(rest)])
  }
  return go(nodes)
}

/** A series with nested series flattened into it. */
function series(parts: Structure[]): Structure {
  return {kind: 'series', parts: parts.flatMap((p) => (p.kind === 'series' ? p.parts : [p]))}
}

function keepOrder(set: readonly string[], subset: readonly string[]): string[] {
  const members = new Set(subset)
  return set.filter((node) => members.has(node))
}

/** Weakly connected components, each in `set` order, ordered by their first node. */
function weakComponents(set: readonly string[], depsIn: (name: string) => string[]): string[][] {
  const neighbours = new Map<string, Set<string>>(set.map((n) => [n, new Set<string>()]))
  for (const node of set) {
    for (const dep of depsIn(node)) {
      neighbours.get(node)!.add(dep)
      neighbours.get(dep)!.add(node)
    }
  }
  const component = new Map<string, number>()
  let count = 0
  for (const start of set) {
    if (component.has(start)) continue
    const stack = [start]
    component.set(start, count)
    while (stack.length > 0) {
      for (const next of neighbours.get(stack.pop()!)!) {
        if (component.has(next)) continue
        component.set(next, count)
        stack.push(next)
      }
    }
    count++
  }
  return Array.from({length: count}, (_, i) => set.filter((node) => component.get(node) === i))
}

/** Kahn's algorithm; among ready nodes the earliest in `set` goes first. */
function topologicalOrder(set: readonly string[], depsIn: (name: string) => string[]): string[] {
  const done = new Set<string>()
  const order: string[] = []
  while (order.length < set.length) {
    const next = set.find((node) => !done.has(node) && depsIn(node).every((d) => done.has(d)))
    if (next === undefined) throw new Error('decompose: the graph has a cycle')
    done.add(next)
    order.push(next)
  }
  return order
}

function ancestorSets(set: readonly string[], depsIn: (name: string) => string[]): Map<string, Set<string>> {
  const memo = new Map<string, Set<string>>()
  const visit = (node: string): Set<string> => {
    const known = memo.get(node)
    if (known) return known
    const out = new Set<string>()
    memo.set(node, out)
    for (const dep of depsIn(node)) {
      out.add(dep)
      for (const a of visit(dep)) out.add(a)
    }
    return out
  }
  for (const node of set) visit(node)
  return memo
}

/** The steps of a structure in the order they are laid out. */
export function stepsOf(structure: Structure): string[] {
  switch (structure.kind) {
    case 'step':
      return [structure.name]
    case 'series':
      return structure.parts.flatMap(stepsOf)
    case 'parallel':
      return structure.branches.flatMap(stepsOf)
  }
}
