import {createRequire} from 'node:module'

import {constraint, invalidDefinition} from './errors.js'

interface AslError {
  'Error code': string
  Message: string
}
type AslValidator = (definition: unknown, options?: {checkPaths: boolean; checkArn: boolean}) => {isValid: boolean; errors: AslError[]}

// asl-validator is CommonJS without type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator

/** AWS caps a definition at 1 MB. */
const MAX_DEFINITION_BYTES = 1024 * 1024

/**
 * Parses and validates an Amazon States Language definition the way CreateStateMachine does:
 * unparsable JSON and ASL violations fail with `InvalidDefinition`, whose message lists
 * `CODE: message` entries (`SCHEMA_VALIDATION_FAILED`, `MISSING_TRANSITION_TARGET`, ...).
 */
export function validateDefinition(definition: unknown): Record<string, any> {
  if (typeof definition !== 'string' || definition === '') throw constraint('null', 'definition', 'Member must not be null')
  if (Buffer.byteLength(definition) > MAX_DEFINITION_BYTES) {
    throw constraint('<definition>', 'definition', `Member must have length less than or equal to ${MAX_DEFINITION_BYTES}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(definition)
  } catch (error) {
    throw invalidDefinition(`INVALID_JSON_DESCRIPTION: ${(error as Error).message}`)
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidDefinition('SCHEMA_VALIDATION_FAILED: The definition must be a JSON object')
  }
  // The validator annotates the object it is given (QueryLanguage); give it a copy.
  const result = aslValidator(structuredClone(parsed))
  if (!result.isValid) {
    throw invalidDefinition(result.errors.map((e) => `${e['Error code']}: ${e.Message}`).join(', '))
  }
  checkResources(parsed as Record<string, any>, '')
  return parsed as Record<string, any>
}

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html lists submitJob
// (request-response and .sync) as the optimized Batch integration; any other `batch:` resource
// is refused at creation.
const OPTIMIZED_BATCH = new Set(['submitJob', 'submitJob.sync'])

function checkResources(machine: Record<string, any>, at: string): void {
  for (const [name, state] of Object.entries<Record<string, any>>(machine.States ?? {})) {
    const where = `${at}/States/${name}`
    const resource = state?.Resource
    const batch = typeof resource === 'string' ? /^arn:aws[a-z-]*:states:::batch:(.+)$/.exec(resource) : null
    if (batch && !OPTIMIZED_BATCH.has(batch[1]!)) {
      throw invalidDefinition(
        `SCHEMA_VALIDATION_FAILED: The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at ${where}/Resource`,
      )
    }
    for (const [i, branch] of (state?.Branches ?? []).entries()) checkResources(branch, `${where}/Branches[${i}]`)
    const processor = state?.ItemProcessor ?? state?.Iterator
    if (processor) checkResources(processor, `${where}/${state.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`)
  }
}
