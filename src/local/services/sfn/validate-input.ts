import {constraint, invalidArn, invalidName} from './errors.js'
import type {SfnTag} from './state.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
// "A name must not contain: white space, brackets < > { } [ ], wildcard characters ? *, special
// characters " # % \ ^ | ~ ` $ & , ; : /, control characters (U+0000-001F, U+007F-009F)".
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/

/** Names of state machines and executions: 1–80 characters, none of the forbidden ones. */
export function checkName(name: unknown, member = 'name'): string {
  if (typeof name !== 'string' || name.length === 0) throw constraint(name ?? 'null', member, 'Member must not be null')
  if (name.length > 80) throw constraint(name, member, 'Member must have length less than or equal to 80')
  if (FORBIDDEN.test(name)) throw invalidName(name)
  return name
}

/** The execution role must be an IAM role ARN. */
export function checkRoleArn(roleArn: unknown): string {
  if (typeof roleArn !== 'string' || roleArn === '') throw constraint('null', 'roleArn', 'Member must not be null')
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):([a-z-]+)\/([\w+=,.@/-]+)$/.exec(roleArn)
  if (!match) throw invalidArn(roleArn, `Invalid Arn: Unable to parse ARN: ${roleArn}`)
  if (match[2] !== 'role') throw invalidArn(roleArn, `Invalid Arn: Resource type not valid in this context: ${match[2]}`)
  return roleArn
}

// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_Tag.html
// key 1–128, value 0–256; at most 50 tags per resource (TooManyTags).
export function checkTags(tags: unknown): SfnTag[] {
  if (tags === undefined || tags === null) return []
  if (!Array.isArray(tags)) throw constraint(tags, 'tags', 'Member must be a list')
  return tags.map((tag: {key?: unknown; value?: unknown}, i) => {
    const key = tag?.key
    const value = tag?.value ?? ''
    if (typeof key !== 'string' || key.length < 1 || key.length > 128) {
      throw constraint(key ?? 'null', `tags.${i + 1}.member.key`, 'Member must have length between 1 and 128')
    }
    if (typeof value !== 'string' || value.length > 256) {
      throw constraint(value, `tags.${i + 1}.member.value`, 'Member must have length less than or equal to 256')
    }
    return {key, value}
  })
}

/** `maxResults`: 0–1000, 0 meaning the default page size of 100. */
export function pageSize(maxResults: unknown): number {
  if (maxResults === undefined || maxResults === null || maxResults === 0) return 100
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 0) {
    throw constraint(maxResults, 'maxResults', 'Member must have value greater than or equal to 0')
  }
  if (maxResults > 1000) throw constraint(maxResults, 'maxResults', 'Member must have value less than or equal to 1000')
  return maxResults
}
