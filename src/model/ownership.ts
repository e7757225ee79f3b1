/** Ownership tags written on every resource batchctl creates (schedules inherit from their group). */
export const TAG_PROJECT = 'batchctl:project'
export const TAG_ENV = 'batchctl:env'
/** Hash of the normalized desired spec at the last apply; see spec-hash.ts. */
export const TAG_SPEC_HASH = 'batchctl:spec-hash'
/**
 * The logical name in batch.yaml. Needed because a replaced compute environment or job
 * queue gets a new physical name (AWS names are unique and replace is create-before-delete),
 * so the planner finds it again by this tag rather than by name.
 */
export const TAG_LOGICAL_NAME = 'batchctl:logical-name'

/** True for tags batchctl manages itself (never diffed as user tags). */
export function isOwnershipTag(key: string): boolean {
  return key.startsWith('batchctl:')
}

/** The owner a set of tags names, or undefined when there is no project tag. */
export function ownerOf(tags: Record<string, string>): {project: string; env?: string} | undefined {
  const project = tags[TAG_PROJECT]
  if (project === undefined) return undefined
  const env = tags[TAG_ENV]
  return env === undefined ? {project} : {project, env}
}

/** True when the tags say project `project` and environment `env` own the resource. */
export function isOwnedBy(tags: Record<string, string>, project: string, env: string | undefined): boolean {
  const owner = ownerOf(tags)
  return owner !== undefined && owner.project === project && owner.env === env
}

/** The ownership tags apply writes for one resource. */
export function ownershipTags(options: {
  project: string
  env?: string
  logicalName: string
  specHash: string
}): Record<string, string> {
  const tags: Record<string, string> = {
    [TAG_PROJECT]: options.project,
    [TAG_LOGICAL_NAME]: options.logicalName,
    [TAG_SPEC_HASH]: options.specHash,
  }
  if (options.env !== undefined) tags[TAG_ENV] = options.env
  return tags
}

/** Tags without the batchctl:* ones: what the user declared. */
export function userTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !isOwnershipTag(k)))
}
