import {createRequire} from 'node:module'

import type {Handler} from '../../service.js'
import {constraint, invalidDefinition} from './errors.js'
import type {SfnState} from './state.js'

interface AslError {
  'Error code': string
  Message: string
  schemaError?: {instancePath?: string}
}
type AslValidator = (definition: unknown, options?: {checkPaths: boolean; checkArn: boolean}) => {isValid: boolean; errors: AslError[]}

// asl-validator is CommonJS without type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator

/** AWS caps a definition at 1 MB. */
const MAX_DEFINITION_BYTES = 1024 * 1024

/** One problem in a definition: an ASL error code, a message and where (a JSON pointer). */
export interface DefinitionProblem {
  code: string
  message: string
  location?: string
}

/** Everything wrong with an ASL definition (empty when it is valid); parses nothing twice. */
export function definitionProblems(definition: string): {parsed?: Record<string, any>; problems: DefinitionProblem[]} {
  let parsed: unknown
  try {
    parsed = JSON.parse(definition)
  } catch (error) {
    return {problems: [{code: 'INVALID_JSON_DESCRIPTION', message: (error as Error).message}]}
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {problems: [{code: 'SCHEMA_VALIDATION_FAILED', message: 'The definition must be a JSON object'}]}
  }
  // The validator annotates the object it is given (QueryLanguage); give it a copy.
  const result = aslValidator(structuredClone(parsed))
  const problems: DefinitionProblem[] = result.isValid
    ? []
    : result.errors.map((e) => ({
        code: e['Error code'],
        message: e.Message,
        ...(e.schemaError?.instancePath ? {location: e.schemaError.instancePath} : {}),
      }))
  if (problems.length === 0) checkResources(parsed as Record<string, any>, '', problems)
  return {parsed: parsed as Record<string, any>, problems}
}

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
  const {parsed, problems} = definitionProblems(definition)
  if (problems.length > 0 || !parsed) {
    throw invalidDefinition(problems.map((p) => `${p.code}: ${p.message}${p.location ? ` at ${p.location}` : ''}`).join(', '))
  }
  return parsed
}

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html lists submitJob
// (request-response and .sync) as the optimized Batch integration; any other `batch:` resource
// is refused at creation.
const OPTIMIZED_BATCH = new Set(['submitJob', 'submitJob.sync'])

function checkResources(machine: Record<string, any>, at: string, problems: DefinitionProblem[]): void {
  for (const [name, state] of Object.entries<Record<string, any>>(machine.States ?? {})) {
    const where = `${at}/States/${name}`
    const resource = state?.Resource
    const batch = typeof resource === 'string' ? /^arn:aws[a-z-]*:states:::batch:(.+)$/.exec(resource) : null
    if (batch && !OPTIMIZED_BATCH.has(batch[1]!)) {
      problems.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`,
        location: `${where}/Resource`,
      })
    }
    for (const [i, branch] of (state?.Branches ?? []).entries()) checkResources(branch, `${where}/Branches[${i}]`, problems)
    const processor = state?.ItemProcessor ?? state?.Iterator
    if (processor) checkResources(processor, `${where}/${state.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`, problems)
  }
}

// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html
// Answers OK or FAIL with diagnostics instead of throwing; maxResults 0–100 (0: 100).
export const validateStateMachineDefinition: Handler<SfnState> = (input) => {
  if (typeof input.definition !== 'string' || input.definition === '') throw constraint('null', 'definition', 'Member must not be null')
  const max = input.maxResults === undefined || input.maxResults === 0 ? 100 : input.maxResults
  if (typeof max !== 'number' || max < 0 || max > 100) throw constraint(input.maxResults, 'maxResults', 'Member must have value less than or equal to 100')
  const {problems} = definitionProblems(input.definition)
  const diagnostics = problems.map((p) => ({severity: 'ERROR', code: p.code, message: p.message, ...(p.location ? {location: p.location} : {})}))
  return {result: diagnostics.length > 0 ? 'FAIL' : 'OK', diagnostics: diagnostics.slice(0, max), truncated: diagnostics.length > max}
}
