import type {Diagnostic} from '../diagnostic.js'
import {nameRules, physicalName} from '../physical-name.js'
import type {ResourceKind} from '../physical-name.js'
import type {BatchConfig} from '../types.generated.js'
import type {SemanticContext} from './context.js'
import {diagnostic, entries} from './context.js'

type KeyedSection = 'images' | 'computeEnvironments' | 'jobQueues' | 'schedulingPolicies' | 'jobDefinitions' | 'schedules' | 'triggers' | 'workflows'

/** The AWS resource each section's entries become. Schedules in `mode: rule` become rules. */
function kindOf(section: KeyedSection, entry: unknown): ResourceKind {
  switch (section) {
    case 'images':
      return 'repository'
    case 'computeEnvironments':
      return 'computeEnvironment'
    case 'jobQueues':
      return 'jobQueue'
    case 'schedulingPolicies':
      return 'schedulingPolicy'
    case 'jobDefinitions':
      return 'jobDefinition'
    case 'schedules':
      return (entry as {mode?: string}).mode === 'rule' ? 'rule' : 'schedule'
    case 'triggers':
      return 'rule'
    case 'workflows':
      return 'stateMachine'
  }
}

const SECTIONS: KeyedSection[] = ['images', 'computeEnvironments', 'jobQueues', 'schedulingPolicies', 'jobDefinitions', 'schedules', 'triggers', 'workflows']

/**
 * The physical name of every entry (see physical-name.ts) fits AWS's length and character rules,
 * for the selected environment, or for every declared environment when none is selected.
 * Image repositories set by `repository.name` are checked by the schema instead.
 */
export function checkNames(config: BatchConfig, context: SemanticContext): Diagnostic[] {
  const out: Diagnostic[] = []
  const envs: Array<string | undefined> = context.env !== undefined ? [context.env] : [undefined, ...(context.environments ?? [])]
  for (const section of SECTIONS) {
    for (const [key, entry] of entries<unknown>(config[section] as Record<string, unknown> | undefined)) {
      if (section === 'images' && (entry as {repository?: {name?: string}}).repository?.name !== undefined) continue
      const kind = kindOf(section, entry)
      const rule = nameRules[kind]
      for (const env of envs) {
        let name = physicalName(config.project, env, key)
        // ECR repositories are created lower-cased (see the schema's `repository.name`).
        if (kind === 'repository') name = name.toLowerCase()
        const where = env === undefined ? '' : ` in environment "${env}"`
        if (name.length > rule.maxLength) {
          out.push(
            diagnostic('name-too-long', [section, key], `Physical name "${name}"${where} has ${name.length} characters; ${rule.source} allows ${rule.maxLength}.`, {
              expected: `a key of at most ${rule.maxLength - (name.length - key.length)} characters here`,
              hint: 'shorten the key (or the project or environment name)',
              atKey: true,
            }),
          )
          break
        }
        if (!rule.pattern.test(name)) {
          out.push(diagnostic('invalid-name', [section, key], `Physical name "${name}"${where} is not accepted by ${rule.source}.`, {expected: rule.allowed, atKey: true}))
          break
        }
      }
    }
  }
  return out
}
