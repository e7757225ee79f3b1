import {UserError} from '../errors.js'
import type {ResourceKind, ResourceRef} from '../model/index.js'

/**
 * References in a hand-written ASL file (`workflows.<key>.definitionFile`):
 *
 *   ${jobQueues.<key>.name}       ${jobQueues.<key>.arn}
 *   ${jobDefinitions.<key>.name}  ${jobDefinitions.<key>.arn}   (unversioned: latest ACTIVE revision)
 *   ${workflows.<key>.name}       ${workflows.<key>.arn}        (another state machine of batch.yaml)
 *
 * References are replaced by text (the state machine adapter sends the definition as it is
 * and refuses links in it), and every referenced resource is returned so the state machine
 * can depend on it. `.arn` needs the region and the account id; without them the ARN of a job
 * queue or job definition falls back to its name (Batch takes either), and a workflow's ARN is
 * an error. A replacement that renames a referenced resource is not followed (known limit).
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

/** ARNs in the `aws` partition (China and GovCloud regions are not handled). */
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
export function resolveReferences(definition: unknown, ctx: ReferenceContext, file: string): {definition: unknown; refs: ResourceRef[]} {
  const refs = new Map<string, ResourceRef>()
  const check = (sectionText: string, key: string): Section => {
    if (!Object.hasOwn(KINDS, sectionText)) {
      throw new UserError(`"${file}" refers to \${${sectionText}.${key}...}; only jobQueues, jobDefinitions and workflows can be referenced.`, {
        code: 'asl-reference',
        hints: ['e.g. ${jobQueues.default.arn} or ${jobDefinitions.align.name}'],
      })
    }
    const section = sectionText as Section
    refs.set(`${section}/${key}`, {kind: KINDS[section], logicalName: key})
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
      return value.replace(REFERENCE, (_, sectionText: string, key: string, attribute: string) => {
        const section = check(sectionText, key)
        const name = ctx.physicalName(key)
        if (attribute === 'name') return name
        if (known) return arnOf(section, name, ctx.region!, ctx.accountId!)
        if (section !== 'workflows') return name
        throw new UserError(`"${file}" uses \${workflows.${key}.arn}, which needs the AWS account id.`, {
          code: 'asl-reference',
          hints: ['run with credentials for the account (the ARN is arn:aws:states:<region>:<account>:stateMachine:<name>)'],
        })
      })
    }
    if (Array.isArray(value)) return value.map(visit)
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]))
    return value
  }
  const resolved = visit(definition)
  return {definition: resolved, refs: [...refs.values()]}
}
