import type {Target} from '@aws-sdk/client-eventbridge'

import {validationException} from '../../aws-error.js'
import {fillTemplate, isJsonPath, placeholderAsKey} from './input-transform.js'
import {checkLength, checkPattern, checkRange, constraintError, requireString} from './validate.js'

/** Target services EventBridge calls through the target's RoleArn. */
const ROLE_TARGETS = new Set(['batch', 'states', 'codebuild', 'codepipeline', 'kinesis', 'ecs', 'ssm'])

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function checkInputs(target: Target, i: number): void {
  const id = target.Id!
  const given = [target.Input, target.InputPath, target.InputTransformer].filter((v) => v !== undefined).length
  if (given > 1) {
    throw validationException(`Only one of Input, InputPath, or InputTransformer must be provided for target ${id}.`)
  }
  checkLength(target.Input, `targets.${i}.member.input`, 0, 8192)
  if (target.Input !== undefined && !isJson(target.Input)) {
    throw validationException(`Parameter Input is not valid for target ${id}. Reason: Input is not valid JSON text.`)
  }
  checkLength(target.InputPath, `targets.${i}.member.inputPath`, 0, 256)
  if (target.InputPath !== undefined && !isJsonPath(target.InputPath)) {
    throw validationException(`Parameter InputPath is not valid for target ${id}. Reason: Invalid JSONPath.`)
  }
  const transformer = target.InputTransformer
  if (transformer) {
    const template = requireString(transformer.InputTemplate, `targets.${i}.member.inputTransformer.inputTemplate`)
    checkLength(template, `targets.${i}.member.inputTransformer.inputTemplate`, 1, 8192)
    const paths = Object.entries(transformer.InputPathsMap ?? {})
    if (paths.length > 100) throw constraintError(transformer.InputPathsMap, `targets.${i}.member.inputTransformer.inputPathsMap`, 'have length less than or equal to 100')
    for (const [key, path] of paths) {
      if (!/^[A-Za-z0-9_-]+$/.test(key) || key.startsWith('aws.')) {
        throw validationException(`InputPathsMap contains invalid key ${key} for target ${id}.`)
      }
      if (!isJsonPath(path)) throw validationException(`Invalid InputPathsMap value ${path} for target ${id}. Reason: Invalid JSONPath.`)
    }
    if (/^\s*\{/.test(template) && placeholderAsKey(template)) {
      throw validationException(`Invalid InputTemplate for target ${id}: a placeholder cannot be used as an object key.`)
    }
    // A JSON template must still be JSON once its placeholders are filled.
    if (/^\s*[[{]/.test(template) && !isJson(fillTemplate({}, transformer, {ruleName: '', ruleArn: '', time: 0}))) {
      throw validationException(`Invalid InputTemplate for target ${id}: the template is not valid JSON.`)
    }
  }
}

function checkBatch(target: Target, i: number): void {
  const batch = target.BatchParameters
  if (!batch) throw validationException(`Parameter(s) BatchParameters must be specified for target: ${target.Id}.`)
  requireString(batch.JobDefinition, `targets.${i}.member.batchParameters.jobDefinition`)
  requireString(batch.JobName, `targets.${i}.member.batchParameters.jobName`)
  const size = batch.ArrayProperties?.Size
  if (size !== undefined && (size < 2 || size > 10_000)) {
    throw validationException(`Parameter Size is not valid for target ${target.Id}. Array size must be between 2 and 10000.`)
  }
  checkRange(batch.RetryStrategy?.Attempts, `targets.${i}.member.batchParameters.retryStrategy.attempts`, 1, 10)
}

/** Validates one PutTargets entry (1-based member names in errors, as AWS reports them). */
export function checkTarget(target: Target, index: number): void {
  const i = index + 1
  const id = requireString(target?.Id, `targets.${i}.member.id`)
  checkLength(id, `targets.${i}.member.id`, 1, 64)
  checkPattern(id, `targets.${i}.member.id`, /^[.\-_A-Za-z0-9]+$/, '[\\.\\-_A-Za-z0-9]+')
  const arn = requireString(target.Arn, `targets.${i}.member.arn`)
  checkLength(arn, `targets.${i}.member.arn`, 1, 1600)
  const parts = /^arn:aws[\w-]*:([\w-]+):[\w-]*:\d*:.+$/.exec(arn)
  if (!parts) throw validationException(`Parameter ${arn} is not valid. Reason: Provided Arn is not in correct format.`)
  checkLength(target.RoleArn, `targets.${i}.member.roleArn`, 1, 1600)
  const service = parts[1]!
  if (service === 'batch') checkBatch(target, i)
  // These targets are called with a role EventBridge assumes (PutTargets says so when it is missing).
  if (ROLE_TARGETS.has(service) && !target.RoleArn) {
    throw validationException(`RoleArn is required for target ${arn}.`)
  }
  if (target.RetryPolicy) {
    checkRange(target.RetryPolicy.MaximumRetryAttempts, `targets.${i}.member.retryPolicy.maximumRetryAttempts`, 0, 185)
    checkRange(target.RetryPolicy.MaximumEventAgeInSeconds, `targets.${i}.member.retryPolicy.maximumEventAgeInSeconds`, 60, 86_400)
  }
  checkInputs(target, i)
}
