import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig} from '../types.generated.js'
import {diagnostic, entries} from './context.js'
import {referenceHint} from './did-you-mean.js'

/** Checks that a key named somewhere exists in the section it refers to. */
export function checkReference(
  out: Diagnostic[],
  config: BatchConfig,
  section: keyof BatchConfig & string,
  wanted: string,
  path: Diagnostic['path'],
  what: string,
): void {
  const keys = Object.keys((config[section] as object | undefined) ?? {})
  if (keys.includes(wanted)) return
  out.push(
    diagnostic('dangling-reference', path, `${what} "${wanted}" is not defined under \`${section}\`.`, {
      expected: `a key of \`${section}\``,
      hint: referenceHint(wanted, keys, section),
    }),
  )
}

/** References between sections resolve: queues → compute environments. */
export function checkReferences(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [key, queue] of entries(config.jobQueues)) {
    const q = queue as {computeEnvironments?: string[]}
    for (const [i, ce] of (q.computeEnvironments ?? []).entries()) {
      checkReference(out, config, 'computeEnvironments', ce, ['jobQueues', key, 'computeEnvironments', i], 'Compute environment')
    }
  }
  return out
}
