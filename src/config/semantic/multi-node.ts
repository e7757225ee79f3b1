import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig, JobDefinition} from '../types.generated.js'
import {diagnostic, entries} from './context.js'
import {jobUses} from './platform.js'

/** A parsed `targetNodes` range, inclusive on both ends. */
export interface NodeRange {
  start: number
  end: number
}

/** Parses `targetNodes` ("0:3", ":3", "2:", "5") for a job of `count` nodes; undefined if malformed. */
export function parseTargetNodes(text: string, count: number): NodeRange | undefined {
  const match = /^([0-9]*)(?::([0-9]*))?$/.exec(text)
  if (!match || text === '' || text === ':') return undefined
  const hasColon = text.includes(':')
  const start = match[1] === '' ? 0 : Number(match[1])
  const end = hasColon ? (match[2] === '' || match[2] === undefined ? count - 1 : Number(match[2])) : start
  return {start, end}
}

/**
 * Multi-node parallel jobs: they run only on EC2 On-Demand compute environments (not SPOT, not
 * Fargate) and cannot be array jobs; the main node is one of the nodes; node ranges cover every
 * node exactly once.
 */
export function checkMultiNode(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [key, job] of entries(config.jobDefinitions)) {
    if (job.nodes !== undefined) checkNodes(out, key, job, job.nodes)
  }
  for (const use of jobUses(config)) {
    const job = config.jobDefinitions?.[use.job]
    if (job?.nodes === undefined) continue
    if (use.arraySize !== undefined) {
      out.push(
        diagnostic('multi-node-array', [...use.path, 'arraySize'], `Job "${use.job}" is a multi-node job and cannot be submitted as an array job.`, {
          expected: 'no `arraySize` for multi-node jobs',
          atKey: true,
        }),
      )
    }
    const queue = use.queue === undefined ? undefined : config.jobQueues?.[use.queue]
    for (const ceKey of queue?.computeEnvironments ?? []) {
      const ce = config.computeEnvironments?.[ceKey]
      if (ce === undefined || ce.type === 'EC2') continue
      out.push(
        diagnostic('multi-node-platform', [...use.path, 'queue'], `Multi-node job "${use.job}" cannot run on queue "${use.queue}": its compute environment "${ceKey}" is ${ce.type}.`, {
          expected: 'a queue whose compute environments are all EC2 (On-Demand)',
          hint: 'multi-node parallel jobs are not supported on SPOT, FARGATE or FARGATE_SPOT',
        }),
      )
      break
    }
  }
  return out
}

function checkNodes(out: Diagnostic[], key: string, job: JobDefinition, nodes: NonNullable<JobDefinition['nodes']>): void {
  const base = ['jobDefinitions', key]
  if (job.platform === 'FARGATE') {
    out.push(
      diagnostic('multi-node-platform', [...base, 'platform'], `Job "${key}" is a multi-node job, which Fargate does not support.`, {
        expected: '`platform: EC2` (or no platform) for multi-node jobs',
      }),
    )
  }
  const main = nodes.main ?? 0
  if (main >= nodes.count) {
    out.push(
      diagnostic('multi-node-main', [...base, 'nodes', 'main'], `Main node ${main} of job "${key}" is not one of its ${nodes.count} nodes.`, {
        expected: `a node index from 0 to ${nodes.count - 1}`,
      }),
    )
  }
  if (nodes.ranges === undefined) return
  const owner = new Array<number | undefined>(nodes.count).fill(undefined)
  for (const [i, range] of nodes.ranges.entries()) {
    const path = [...base, 'nodes', 'ranges', i, 'targetNodes']
    const parsed = parseTargetNodes(range.targetNodes, nodes.count)
    const expected = `"start:end" within 0:${nodes.count - 1}`
    if (parsed === undefined || parsed.start > parsed.end) {
      out.push(diagnostic('multi-node-ranges', path, `Node range "${range.targetNodes}" of job "${key}" is not a valid range.`, {expected}))
      continue
    }
    if (parsed.end >= nodes.count) {
      out.push(diagnostic('multi-node-ranges', path, `Node range "${range.targetNodes}" of job "${key}" goes past its last node ${nodes.count - 1}.`, {expected}))
      continue
    }
    let reported = false
    for (let n = parsed.start; n <= parsed.end; n++) {
      const other = owner[n]
      if (other === undefined) {
        owner[n] = i
      } else if (!reported) {
        const previous = nodes.ranges[other]!.targetNodes
        out.push(diagnostic('multi-node-ranges', path, `Node range "${range.targetNodes}" of job "${key}" overlaps range "${previous}" at node ${n}.`, {expected: 'ranges that cover each node once'}))
        reported = true
      }
    }
  }
  const uncovered = owner.flatMap((o, n) => (o === undefined ? [n] : []))
  if (uncovered.length > 0) {
    out.push(
      diagnostic('multi-node-ranges', [...base, 'nodes', 'ranges'], `Node ranges of job "${key}" leave node${uncovered.length > 1 ? 's' : ''} ${compact(uncovered)} without a range.`, {
        expected: `ranges covering nodes 0 to ${nodes.count - 1} exactly once`,
        hint: 'an open range such as "1:" reaches the last node',
        atKey: true,
      }),
    )
  }
}

/** "0, 2-5" for [0, 2, 3, 4, 5]. */
function compact(numbers: number[]): string {
  const parts: string[] = []
  let i = 0
  while (i < numbers.length) {
    let j = i
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++
    parts.push(i === j ? String(numbers[i]) : `${numbers[i]}-${numbers[j]}`)
    i = j + 1
  }
  return parts.join(', ')
}
