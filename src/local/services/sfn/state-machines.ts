import {createHash, randomUUID} from 'node:crypto'

import {AwsError} from '../../aws-error.js'
import type {Handler} from '../../service.js'
import {constraint, invalidArn, missingParameter, stateMachineDoesNotExist, validation} from './errors.js'
import {sfnOptions} from './options.js'
import {paginate} from './pagination.js'
import {epochSeconds, type SfnState, type StateMachineRecord, stateMachineArn} from './state.js'
import {validateDefinition} from './validate-definition.js'
import {checkName, checkRoleArn, checkTags} from './validate-input.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachines.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html

const DEFAULT_LOGGING = {level: 'OFF', includeExecutionData: false}

/** Resolves a state machine ARN or a version ARN (`<machine arn>:<n>`) to the machine and version. */
export function findStateMachine(state: SfnState, arn: unknown): {machine: StateMachineRecord; version?: number} {
  if (typeof arn !== 'string' || arn === '') throw constraint('null', 'stateMachineArn', 'Member must not be null')
  const match = /^(arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+)(?::(\d+))?$/.exec(arn)
  if (!match) throw invalidArn(arn)
  const machine = state.stateMachines.get(match[1]!)
  if (!machine) throw stateMachineDoesNotExist(arn)
  if (match[2] === undefined) return {machine}
  const version = Number(match[2])
  if (!machine.versions.some((v) => v.version === version)) throw stateMachineDoesNotExist(arn)
  return {machine, version}
}

function checkType(type: unknown): 'STANDARD' | 'EXPRESS' {
  if (type === undefined || type === null) return 'STANDARD'
  if (type !== 'STANDARD' && type !== 'EXPRESS') {
    throw constraint(type, 'type', 'Member must satisfy enum value set: [STANDARD, EXPRESS]')
  }
  return type
}

const revision = (): string => randomUUID()

const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF']

/**
 * A logging configuration with AWS's defaults filled in (level OFF, no execution data).
 * AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_LoggingConfiguration.html
 * ("destinations ... Limited to size 1. Required, if your log level is not set to OFF"; level
 * ALL | ERROR | FATAL | OFF); CreateStateMachine and UpdateStateMachine refuse others with
 * InvalidLoggingConfiguration.
 */
function checkLogging(config: unknown): Record<string, unknown> {
  const logging: Record<string, unknown> = {...DEFAULT_LOGGING, ...((config as Record<string, unknown> | undefined) ?? {})}
  if (!LOG_LEVELS.includes(logging.level as string)) {
    throw constraint(logging.level, 'loggingConfiguration.level', `Member must satisfy enum value set: [${LOG_LEVELS.join(', ')}]`)
  }
  const destinations = logging.destinations
  const count = Array.isArray(destinations) ? destinations.length : 0
  if (count > 1) throw new AwsError('InvalidLoggingConfiguration', 'Invalid Logging Configuration: Must specify at most one Log Destination.')
  if (logging.level !== 'OFF' && count === 0) {
    throw new AwsError('InvalidLoggingConfiguration', 'Invalid Logging Configuration: Must specify exactly one Log Destination if logging level is not OFF.')
  }
  return logging
}

function publishVersion(machine: StateMachineRecord, now: number, description: unknown): string {
  const version = (machine.versions.at(-1)?.version ?? 0) + 1
  machine.versions.push({
    version,
    definition: machine.definition,
    roleArn: machine.roleArn,
    revisionId: machine.revisionId,
    creationDate: now,
    ...(typeof description === 'string' ? {description} : {}),
  })
  return `${machine.stateMachineArn}:${version}`
}

const ENCRYPTION_TYPES = ['AWS_OWNED_KEY', 'CUSTOMER_MANAGED_KMS_KEY']

/**
 * AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_EncryptionConfiguration.html
 * (type AWS_OWNED_KEY | CUSTOMER_MANAGED_KMS_KEY, required; kmsKeyId 1-2048 characters;
 * kmsDataKeyReusePeriodSeconds 60-900) and CreateStateMachine's InvalidEncryptionConfiguration
 * ("if type is set to CUSTOMER_MANAGED_KMS_KEY, but kmsKeyId is null, or
 * kmsDataKeyReusePeriodSeconds is not between 60 and 900").
 */
function checkEncryption(config: unknown): Record<string, unknown> | undefined {
  if (config === undefined || config === null) return undefined
  const encryption = {...(config as Record<string, unknown>)}
  if (encryption.type === undefined) throw constraint('null', 'encryptionConfiguration.type', 'Member must not be null')
  if (!ENCRYPTION_TYPES.includes(encryption.type as string)) {
    throw constraint(encryption.type, 'encryptionConfiguration.type', `Member must satisfy enum value set: [${ENCRYPTION_TYPES.join(', ')}]`)
  }
  const key = encryption.kmsKeyId
  if (key !== undefined && (typeof key !== 'string' || key.length < 1 || key.length > 2048)) {
    throw constraint(key, 'encryptionConfiguration.kmsKeyId', 'Member must have length between 1 and 2048')
  }
  const invalid = (why: string) => new AwsError('InvalidEncryptionConfiguration', `Invalid Encryption Configuration: ${why}`)
  const period = encryption.kmsDataKeyReusePeriodSeconds
  if (period !== undefined && (!Number.isInteger(period) || (period as number) < 60 || (period as number) > 900)) {
    throw invalid('kmsDataKeyReusePeriodSeconds must be between 60 and 900.')
  }
  if (encryption.type === 'CUSTOMER_MANAGED_KMS_KEY' && key === undefined) {
    throw invalid('kmsKeyId must be provided when type is CUSTOMER_MANAGED_KMS_KEY.')
  }
  return encryption
}

const createStateMachine: Handler<SfnState> = (input, {state, clock}) => {
  const name = checkName(input.name)
  const type = checkType(input.type)
  validateDefinition(input.definition, type)
  const roleArn = checkRoleArn(input.roleArn)
  const tags = checkTags(input.tags)
  if (tags.length > 50) throw new AwsError('TooManyTags', 'Too many tags', 400, {resourceName: name})
  if (input.versionDescription !== undefined && input.publish !== true) {
    throw validation('Version description can only be set when publish is true')
  }
  const logging = checkLogging(input.loggingConfiguration)
  const tracing = {enabled: Boolean(input.tracingConfiguration?.enabled)}
  const encryption = checkEncryption(input.encryptionConfiguration)
  // The idempotency check covers name, definition, type, logging, tracing, encryption, publish and
  // the version description; a differing roleArn or tags are ignored (and not applied).
  const createKey = createHash('sha256')
    .update(JSON.stringify([input.definition, type, logging, tracing, encryption ?? null, input.publish === true, input.versionDescription ?? null]))
    .digest('hex')
  const arn = stateMachineArn(state, name)
  const existing = state.stateMachines.get(arn)
  if (existing) {
    if (existing.createKey !== createKey || existing.status === 'DELETING') {
      throw new AwsError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`)
    }
    const latest = existing.versions.at(-1)
    return {
      stateMachineArn: arn,
      creationDate: epochSeconds(existing.creationDate),
      ...(input.publish === true && latest ? {stateMachineVersionArn: `${arn}:${latest.version}`} : {}),
    }
  }
  const now = clock.now()
  const machine: StateMachineRecord = {
    stateMachineArn: arn,
    name,
    status: 'ACTIVE',
    type,
    definition: input.definition,
    roleArn,
    loggingConfiguration: logging,
    tracingConfiguration: tracing,
    ...(encryption ? {encryptionConfiguration: encryption} : {}),
    creationDate: now,
    revisionId: revision(),
    tags,
    versions: [],
    createKey,
  }
  state.stateMachines.set(arn, machine)
  const versionArn = input.publish === true ? publishVersion(machine, now, input.versionDescription) : undefined
  return {stateMachineArn: arn, creationDate: epochSeconds(now), ...(versionArn ? {stateMachineVersionArn: versionArn} : {})}
}

const updateStateMachine: Handler<SfnState> = (input, {state, clock}) => {
  const {machine, version} = findStateMachine(state, input.stateMachineArn)
  if (version !== undefined) throw invalidArn(String(input.stateMachineArn))
  if (
    input.definition === undefined &&
    input.roleArn === undefined &&
    input.loggingConfiguration === undefined &&
    input.tracingConfiguration === undefined &&
    input.encryptionConfiguration === undefined
  ) {
    throw missingParameter('Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified')
  }
  if (input.versionDescription !== undefined && input.publish !== true) {
    throw validation('Version description can only be set when publish is true')
  }
  if (machine.status === 'DELETING') throw stateMachineDoesNotExist(machine.stateMachineArn)
  if (input.definition !== undefined) validateDefinition(input.definition, machine.type)
  const logging = input.loggingConfiguration ? checkLogging(input.loggingConfiguration) : undefined
  const encryption = checkEncryption(input.encryptionConfiguration)
  const roleArn = input.roleArn !== undefined ? checkRoleArn(input.roleArn) : machine.roleArn
  const now = clock.now()
  if (input.definition !== undefined) machine.definition = input.definition
  machine.roleArn = roleArn
  if (logging) machine.loggingConfiguration = logging
  if (encryption) machine.encryptionConfiguration = encryption
  if (input.tracingConfiguration) machine.tracingConfiguration = {enabled: Boolean(input.tracingConfiguration.enabled)}
  machine.updateDate = now
  machine.revisionId = revision()
  // A later identical CreateStateMachine is no longer a replay of the first one.
  machine.createKey = `updated:${machine.revisionId}`
  const versionArn = input.publish === true ? publishVersion(machine, now, input.versionDescription) : undefined
  return {updateDate: epochSeconds(now), revisionId: machine.revisionId, ...(versionArn ? {stateMachineVersionArn: versionArn} : {})}
}

const describeStateMachine: Handler<SfnState> = (input, {state}) => {
  const {machine, version} = findStateMachine(state, input.stateMachineArn)
  const base = {
    stateMachineArn: machine.stateMachineArn,
    name: machine.name,
    status: machine.status,
    type: machine.type,
    loggingConfiguration: machine.loggingConfiguration,
    tracingConfiguration: machine.tracingConfiguration,
    ...(machine.encryptionConfiguration ? {encryptionConfiguration: machine.encryptionConfiguration} : {}),
    creationDate: epochSeconds(machine.creationDate),
  }
  if (version !== undefined) {
    const v = machine.versions.find((candidate) => candidate.version === version)!
    return {
      ...base,
      stateMachineArn: `${machine.stateMachineArn}:${version}`,
      definition: v.definition,
      roleArn: v.roleArn,
      revisionId: v.revisionId,
      creationDate: epochSeconds(v.creationDate),
      ...(v.description ? {description: v.description} : {}),
    }
  }
  return {...base, definition: machine.definition, roleArn: machine.roleArn, revisionId: machine.revisionId}
}

const listStateMachines: Handler<SfnState> = (input, {state}) => {
  const machines = [...state.stateMachines.values()].sort((a, b) => a.name.localeCompare(b.name))
  const {page, nextToken} = paginate(machines, input, 'ListStateMachines')
  return {
    stateMachines: page.map((m) => ({stateMachineArn: m.stateMachineArn, name: m.name, type: m.type, creationDate: epochSeconds(m.creationDate)})),
    ...(nextToken ? {nextToken} : {}),
  }
}

const listStateMachineVersions: Handler<SfnState> = (input, {state}) => {
  const {machine} = findStateMachine(state, input.stateMachineArn)
  // Newest first, as the API lists them.
  const versions = [...machine.versions].reverse()
  const {page, nextToken} = paginate(versions, input, `versions:${machine.stateMachineArn}`)
  return {
    stateMachineVersions: page.map((v) => ({
      stateMachineVersionArn: `${machine.stateMachineArn}:${v.version}`,
      creationDate: epochSeconds(v.creationDate),
    })),
    ...(nextToken ? {nextToken} : {}),
  }
}

/**
 * The machine goes to DELETING at once; its running executions end at their next state
 * transition, and the machine (with its versions) disappears once none is left running.
 * A qualified ARN (a version) is a ValidationException.
 */
const deleteStateMachine: Handler<SfnState> = (input, {state, emulator}) => {
  const arn = input.stateMachineArn
  if (typeof arn !== 'string' || arn === '') throw constraint('null', 'stateMachineArn', 'Member must not be null')
  if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:/]+([:/][^:/]+)?$/.test(arn)) throw invalidArn(arn)
  if (/:stateMachine:[^:/]+[:/]/.test(arn)) throw validation(`Qualified state machine ARNs are not supported by DeleteStateMachine: '${arn}'`)
  const machine = state.stateMachines.get(arn)
  // Deleting a machine that does not exist succeeds: the call is idempotent.
  if (!machine || machine.status === 'DELETING') return {}
  machine.status = 'DELETING'
  const delay = sfnOptions(emulator).deleteDelayMs
  const finish = (): void => {
    if (state.stateMachines.get(arn) !== machine) return
    const running = [...state.running.keys()].some((execution) => state.executions.get(execution)?.stateMachineArn === arn)
    if (running) emulator.clock.setTimeout(finish, delay)
    else state.stateMachines.delete(arn)
  }
  emulator.clock.setTimeout(finish, delay)
  return {}
}

export const stateMachineHandlers: Record<string, Handler<SfnState>> = {
  CreateStateMachine: createStateMachine,
  UpdateStateMachine: updateStateMachine,
  DescribeStateMachine: describeStateMachine,
  ListStateMachines: listStateMachines,
  ListStateMachineVersions: listStateMachineVersions,
  DeleteStateMachine: deleteStateMachine,
}
