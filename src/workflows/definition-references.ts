import {UserError} from '../errors.js'
import type {Link, ResourceKind} from '../model/index.js'

/**
 * References in a hand-written ASL file (`workflows.<key>.definitionFile`):
 *
 *   ${jobQueues.<key>.name}       ${jobQueues.<key>.arn}
 *   ${jobDefinitions.<key>.name}  ${jobDefinitions.<key>.arn}   (unversioned: latest ACTIVE revision)
 *   ${workflows.<key>.name}       ${workflows.<key>.arn}        (another state machine of batch.yaml)
 *
 * A string value that is exactly one `.name` reference becomes a link to the resource, so
 * the plan orders the state machine after it and follows a replacement that renames it.
 * `.arn` needs the region and account id; when both are known the ARN is written out,
 * otherwise a whole-value `.arn` reference also becomes a link (the adapter writes the ARN).
 * A reference inside a longer string is replaced by the text (physical name or ARN); there
 * an `.arn` without a known account is an error.
 */
export interface ReferenceContext {
  /** Physical name of a batch.yaml key of the given kind. */
  physicalName: (key: string) => string
  /** Keys that exist, by section. */
  keys: Record<Section, readonly string[]>
  region?: string
  accountId?: string
}

type Section = 'jobQueues' | 'jobDefinitions' | 'workflows'

const KINDS: Record<Section, ResourceKind> = {
  jobQueues: 'batch.jobQueue',
  jobDefinitions: 'batch.jobDefinition',
  workflows: 'sfn.stateMachine',
}

const REFERENCE = /\$\{([A-Za-z]+)\.([^.}]+)\.(name|arn)\}/g

function arnOf(section: Section, name: string, region: string, account: string): string {
  switch (section) {
    case 'jobQueues':
      return `arn:aws:batch:${region}:${account}:job-queue/${name}`
    case 'jobDefinitions':
      return `arn:aws:batch:${region}:${account}:job-definition/${name}`
    case 'workflows':
      return `arn:aws:states:${region}:${account}:stateMachine:${name}`
  }
}

/** Resolves every `${...}` reference in a parsed ASL document (see above). */
export function resolveReferences(definition: unknown, ctx: ReferenceContext, file: string): unknown {
  const check = (sectionText: string, key: string): Section => {
    if (!(sectionText in KINDS)) {
      throw new UserError(`"${file}" refers to \${${sectionText}.${key}...}; only jobQueues, jobDefinitions and workflows can be referenced.`, {
        code: 'asl-reference',
        hints: ['e.g. ${jobQueues.default.arn} or ${jobDefinitions.align.name}'],
      })
    }
    const section = sectionText as Section
    if (!ctx.keys[section].includes(key)) {
      throw new UserError(`"${file}" refers to ${section}.${key}, which batch.yaml does not define.`, {
        code: 'asl-reference',
        hints: [`defined ${section}: ${ctx.keys[section].join(', ') || '(none)'}`],
      })
    }
    return section
  }
  const known = ctx.region !== undefined && ctx.accountId !== undefined
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const whole = /^\$\{([A-Za-z]+)\.([^.}]+)\.(name|arn)\}$/.exec(value)
      if (whole && (whole[3] === 'name' || !known)) {
        const section = check(whole[1]!, whole[2]!)
        return {ref: {kind: KINDS[section], logicalName: whole[2]!}} satisfies Link
      }
      return value.replace(REFERENCE, (_, sectionText: string, key: string, attribute: string) => {
        const section = check(sectionText, key)
        const name = ctx.physicalName(key)
        if (attribute === 'name') return name
        if (!known) {
          throw new UserError(`"${file}" uses \${${section}.${key}.arn} inside a longer string, which needs the AWS region and account id.`, {
            code: 'asl-reference',
            hints: ['use the reference as the whole value, or use .name (Batch and Step Functions accept names)'],
          })
        }
        return arnOf(section, name, ctx.region!, ctx.accountId!)
      })
    }
    if (Array.isArray(value)) return value.map(visit)
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]))
    return value
  }
  return visit(definition)
}
