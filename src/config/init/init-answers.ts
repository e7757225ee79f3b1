import {nameRules, physicalName} from '../physical-name.js'
import {isTimeZone, suggestTimeZone} from '../semantic/timezone.js'
import {isProjectName, PROJECT_MAX_LENGTH, projectNameFromDirectory} from './project-name.js'
import {STARTER_COMPUTES} from './starter-config.js'
import type {StarterCompute} from './starter-config.js'

/** An answer to one init question: the value to use, or why it was refused (shown before asking again). */
export type Checked<T> = {ok: true; value: T} | {ok: false; reason: string}

const accept = <T>(value: T): Checked<T> => ({ok: true, value})
const refuse = <T>(reason: string): Checked<T> => ({ok: false, reason})

/** A project name: the schema's rule (lower-case, used in every physical name). */
export function checkProject(answer: string): Checked<string> {
  const name = answer.trim()
  if (name === '') return refuse('a project name is needed')
  if (isProjectName(name)) return accept(name)
  const suggestion = projectNameFromDirectory(name)
  return refuse(
    `"${name}" is not a project name: lower-case letters, digits and hyphens, starting with a letter, at most ${PROJECT_MAX_LENGTH} (e.g. "${suggestion}")`,
  )
}

/** One line per compute kind, for the question. */
export const COMPUTE_CHOICES: ReadonlyArray<{kind: StarterCompute; explanation: string}> = [
  {kind: 'fargate', explanation: 'Fargate Spot: serverless, no instances to manage; no GPUs'},
  {kind: 'spot', explanation: 'EC2 Spot: spare EC2 capacity, much cheaper; jobs can be interrupted'},
  {kind: 'ec2', explanation: 'EC2 On-Demand: full price, never interrupted; any type incl. GPUs'},
]

/** A compute kind, by name or by its number in COMPUTE_CHOICES (1-based). */
export function checkCompute(answer: string): Checked<StarterCompute> {
  const text = answer.trim().toLowerCase()
  const byNumber = /^\d+$/.test(text) ? COMPUTE_CHOICES[Number(text) - 1]?.kind : undefined
  const kind = byNumber ?? STARTER_COMPUTES.find((candidate) => candidate === text)
  if (kind !== undefined) return accept(kind)
  return refuse(`"${answer.trim()}" is not one of the choices: answer 1-${COMPUTE_CHOICES.length} or ${STARTER_COMPUTES.join(', ')}`)
}

/** The schema's rule for keys of every section (before the physical-name rules apply). */
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/
const KEY_MAX_LENGTH = 64

/**
 * A key of `jobQueues` or `jobDefinitions`: the schema's key rule, then AWS's rule for the
 * physical name `<project>-<key>` it becomes (see physical-name.ts).
 */
export function checkKey(answer: string, kind: 'jobQueue' | 'jobDefinition', project: string): Checked<string> {
  const key = answer.trim()
  if (key === '') return refuse('a name is needed')
  if (key.length > KEY_MAX_LENGTH) return refuse(`"${key}" has ${key.length} characters; at most ${KEY_MAX_LENGTH}`)
  if (!KEY_PATTERN.test(key)) return refuse(`"${key}" is not a valid name: use letters, numbers, hyphens and underscores, starting with a letter or number`)
  const rule = nameRules[kind]
  const name = physicalName(project, undefined, key)
  if (name.length > rule.maxLength) return refuse(`the AWS name "${name}" has ${name.length} characters; ${rule.source} allows ${rule.maxLength}`)
  if (!rule.pattern.test(name)) return refuse(`the AWS name "${name}" is not accepted by ${rule.source}: use ${rule.allowed}`)
  return accept(key)
}

/** What a list of resource IDs holds, for messages and the pattern of one ID. */
export interface IdKind {
  /** e.g. "subnet" */
  what: string
  prefix: string
}

export const SUBNET: IdKind = {what: 'subnet', prefix: 'subnet-'}
export const SECURITY_GROUP: IdKind = {what: 'security group', prefix: 'sg-'}

/**
 * Comma-separated (or blank-separated) resource IDs such as `subnet-0abc1234, subnet-0def5678`;
 * an empty answer means none (the file gets REPLACE_ME placeholders). EC2 IDs are the prefix and
 * 8 or 17 lower-case hexadecimal characters (longer IDs since 2018).
 */
export function checkIds(answer: string, kind: IdKind): Checked<string[]> {
  const ids = answer
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter((id) => id !== '')
  const pattern = new RegExp(`^${kind.prefix}(?:[0-9a-f]{8}|[0-9a-f]{17})$`)
  for (const id of ids) {
    if (!pattern.test(id)) return refuse(`"${id}" is not a ${kind.what} ID: expected ${kind.prefix} and 8 or 17 hexadecimal characters, e.g. ${kind.prefix}0abc1234`)
  }
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index)
  if (repeated !== undefined) return refuse(`${repeated} is listed twice`)
  return accept(ids)
}

/** Yes or no; an empty answer takes `fallback`. */
export function checkYesNo(answer: string, fallback: boolean): Checked<boolean> {
  const text = answer.trim().toLowerCase()
  if (text === '') return accept(fallback)
  if (text === 'y' || text === 'yes') return accept(true)
  if (text === 'n' || text === 'no') return accept(false)
  return refuse('answer yes or no (y/n)')
}

/** An IANA time zone the runtime knows, with a "did you mean" for near misses. */
export function checkTimeZone(answer: string): Checked<string> {
  const zone = answer.trim()
  if (zone === '') return refuse('a time zone is needed, e.g. Europe/Berlin or UTC')
  if (isTimeZone(zone)) return accept(zone)
  const suggestion = suggestTimeZone(zone)
  return refuse(`"${zone}" is not an IANA time zone${suggestion ? `; did you mean ${suggestion}?` : ' (e.g. Europe/Berlin, America/New_York, UTC)'}`)
}

/** The machine's time zone, for the default answer; UTC when the runtime reports none usable. */
export function localTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  return zone && isTimeZone(zone) ? zone : 'UTC'
}
