import type {ServiceAdapter} from '../apply/adapter.js'
import {selectSteps} from '../apply/engine.js'
import type {LoadedConfig} from '../config/load-config.js'
import {UserError} from '../errors.js'
import {KINDS, summarize, type Plan, type PlanError} from '../plan/index.js'
import {planProject, type PlanProjectOptions} from './planning.js'

/** What `batchctl import` will do: the adopting changes (and what they need), nothing else. */
export interface ImportPlan {
  /** The plan restricted to the changes apply will run for the import. */
  plan: Plan
  /** The refKeys being adopted (`batch.jobQueue/default`): the `--target`s of the apply. */
  adopted: string[]
}

/** Which resources to import: named by refKey, or every conflict of the plan. */
export type ImportSelection = {keys: string[]} | {allConflicts: true}

const conflictKey = (error: PlanError) => `${error.kind}/${error.logicalName ?? error.physicalName}`

/**
 * Reads the resources to import from the command line. Both `kind/name` and the `kind name`
 * pair the plan's conflict hint prints (`batchctl import batch.jobQueue default`) are accepted.
 */
export function parseImportKeys(tokens: readonly string[]): string[] {
  const kinds = new Set<string>(Object.keys(KINDS))
  const keys: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    const next = tokens[i + 1]
    if (kinds.has(token) && next !== undefined && !next.includes('/')) {
      keys.push(`${token}/${next}`)
      i++
      continue
    }
    const slash = token.indexOf('/')
    const kind = slash === -1 ? token : token.slice(0, slash)
    if (slash <= 0 || slash === token.length - 1 || !kinds.has(kind)) {
      throw new UserError(`not a resource to import: ${token}`, {
        code: 'import-bad-name',
        hints: [`name it as kind/name, e.g. batch.jobQueue/default; kinds: ${[...kinds].join(', ')}`],
      })
    }
    keys.push(token)
  }
  return [...new Set(keys)]
}

/**
 * The keys to adopt, checked against a plan made without adoption: each must be a conflict of
 * that plan (a wanted name held by a resource the project does not own).
 */
export function chooseImports(plain: Plan, wanted: readonly string[], selection: ImportSelection): string[] {
  const conflicts = plain.errors.filter((error) => error.code === 'conflict')
  const existing = conflicts.map(conflictKey)
  if ('allConflicts' in selection) return existing
  const unknown = selection.keys.filter((key) => !existing.includes(key))
  if (unknown.length === 0) return selection.keys
  const listing = existing.length === 0 ? ['the plan has no conflicts: nothing needs importing'] : conflicts.map((error) => `conflict: ${conflictKey(error)} (${error.message})`)
  const why = unknown.map((key) => (wanted.includes(key) ? `${key} has no conflict (already owned by this project, or not in AWS)` : `${key} is not in batch.yaml`))
  throw new UserError(`cannot import ${unknown.join(', ')}: ${why.join('; ')}`, {code: 'import-unknown', hints: listing})
}

/**
 * Restricts an adopting plan to the changes of the adopted resources and the steps they need.
 * Conflicts of resources not being imported stay untouched, so they no longer block this apply;
 * every other plan error still does.
 */
export function restrictToImports(adopting: Plan, adopted: readonly string[]): Plan {
  const stepsToRun = selectSteps(adopting, [...adopted])
  const changeIds = new Set(stepsToRun.map((step) => step.changeId))
  const changes = adopting.changes.filter((change) => changeIds.has(change.id) || adopted.includes(change.id))
  const errors = adopting.errors.filter((error) => error.code !== 'conflict')
  return {...adopting, changes, errors, summary: summarize(changes)}
}

/**
 * Plans an import: batch.yaml against AWS once plainly (to know the conflicts), then again
 * adopting the chosen ones. Resources tagged by another project cannot be adopted.
 */
export async function planImport(
  loaded: LoadedConfig,
  adapters: readonly ServiceAdapter[],
  selection: ImportSelection,
  options: Omit<PlanProjectOptions, 'adopt' | 'destroy'> = {},
): Promise<ImportPlan> {
  const plain = await planProject(loaded, adapters, options)
  const wanted = plain.model.resources.map((resource) => `${resource.kind}/${resource.logicalName}`)
  const adopted = chooseImports(plain.plan, wanted, selection)
  if (adopted.length === 0) return {plan: restrictToImports(plain.plan, []), adopted}
  const {plan} = await planProject(loaded, adapters, {...options, adopt: adopted})
  const refused = plan.errors.filter((error) => error.code === 'conflict' && adopted.includes(conflictKey(error)))
  if (refused.length > 0) {
    throw new UserError(`cannot import ${refused.map(conflictKey).join(', ')}: only resources no batchctl project owns can be adopted`, {
      code: 'import-owned-elsewhere',
      hints: [...refused.map((error) => error.message), 'give the resource another name in batch.yaml'],
    })
  }
  return {plan: restrictToImports(plan, adopted), adopted}
}
