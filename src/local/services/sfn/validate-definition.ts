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
export function definitionProblems(
  definition: string,
  type: 'STANDARD' | 'EXPRESS' = 'STANDARD',
): {parsed?: Record<string, any>; problems: DefinitionProblem[]} {
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
  if (problems.length === 0) checkIntegrationPatterns(parsed as Record<string, any>, '', type === 'EXPRESS', problems)
  return {parsed: parsed as Record<string, any>, problems}
}

/**
 * Parses and validates an Amazon States Language definition the way CreateStateMachine does:
 * unparsable JSON and ASL violations fail with `InvalidDefinition`, whose message lists
 * `CODE: message` entries (`SCHEMA_VALIDATION_FAILED`, `MISSING_TRANSITION_TARGET`, ...).
 */
export function validateDefinition(definition: unknown, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Record<string, any> {
  if (typeof definition !== 'string' || definition === '') throw constraint('null', 'definition', 'Member must not be null')
  if (Buffer.byteLength(definition) > MAX_DEFINITION_BYTES) {
    throw constraint('<definition>', 'definition', `Member must have length less than or equal to ${MAX_DEFINITION_BYTES}`)
  }
  const {parsed, problems} = definitionProblems(definition, type)
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

/**
 * Express workflows only make Request Response calls: no Run a Job (`.sync`) and no Wait for
 * Callback (`.waitForTaskToken`) resources
 * (https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html, "Express Workflows
 * only support Request Response integrations"). The child workflows of a distributed Map run with
 * its ProcessorConfig.ExecutionType, so the rule follows that type inside them.
 */
function checkIntegrationPatterns(machine: Record<string, any>, at: string, express: boolean, problems: DefinitionProblem[]): void {
  for (const [name, state] of Object.entries<Record<string, any>>(machine.States ?? {})) {
    const where = `${at}/States/${name}`
    const pattern = typeof state?.Resource === 'string' ? /^arn:aws[a-z-]*:states:::.+\.(sync(?::\d+)?|waitForTaskToken)$/.exec(state.Resource) : null
    if (express && pattern) {
      problems.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: `Express state machine does not support '.${pattern[1]!.replace(/:\d+$/, '')}' service integration`,
        location: `${where}/Resource`,
      })
    }
    for (const [i, branch] of (state?.Branches ?? []).entries()) checkIntegrationPatterns(branch, `${where}/Branches[${i}]`, express, problems)
    const processor = state?.ItemProcessor ?? state?.Iterator
    if (!processor) continue
    const config = processor.ProcessorConfig
    const childExpress = config?.Mode === 'DISTRIBUTED' ? config.ExecutionType === 'EXPRESS' : express
    checkIntegrationPatterns(processor, `${where}/${state.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`, childExpress, problems)
  }
}

// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html
// Answers OK or FAIL with diagnostics instead of throwing; maxResults 0–100 (0: 100).
export const validateStateMachineDefinition: Handler<SfnState> = (input) => {
  if (typeof input.definition !== 'string' || input.definition === '') throw constraint('null', 'definition', 'Member must not be null')
  const max = input.maxResults === undefined || input.maxResults === 0 ? 100 : input.maxResults
  if (typeof max !== 'number' || max < 0 || max > 100) throw constraint(input.maxResults, 'maxResults', 'Member must have value less than or equal to 100')
  const {problems} = definitionProblems(input.definition, input.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD')
  const diagnostics = problems.map((p) => ({severity: 'ERROR', code: p.code, message: p.message, ...(p.location ? {location: p.location} : {})}))
  return {result: diagnostics.length > 0 ? 'FAIL' : 'OK', diagnostics: diagnostics.slice(0, max), truncated: diagnostics.length > max}
}
