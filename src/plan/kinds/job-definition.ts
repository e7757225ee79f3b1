import {SECRET_ENV_NAME} from '../normalize.js'
import type {KindDescription} from './kind-description.js'

/*
 * Job definitions are immutable: RegisterJobDefinition with an existing name adds a revision
 * (https://docs.aws.amazon.com/batch/latest/APIReference/API_RegisterJobDefinition.html), and
 * DeregisterJobDefinition marks one revision INACTIVE. Every spec change is therefore an
 * `update` of flavour `new-revision`; links by name keep pointing at the latest revision.
 */

/**
 * Environment values whose variable name looks like a secret: by path
 * (`environment[name=DB_PASSWORD].value`), or anywhere inside a larger value being diffed
 * whole (a whole environment list, a whole node range with its container).
 */
function isSensitive(path: string, before: unknown, after: unknown): boolean {
  const m = /environment\[name=([^\]]*)\]/.exec(path)
  if (m !== null) return SECRET_ENV_NAME.test(m[1] ?? '')
  return holdsSecretEnv(before) || holdsSecretEnv(after)
}

function holdsSecretEnv(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsSecretEnv)
  if (value === null || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  if (typeof v.name === 'string' && 'value' in v && SECRET_ENV_NAME.test(v.name)) return true
  return Object.values(v).some(holdsSecretEnv)
}

export const jobDefinition: KindDescription<'batch.jobDefinition'> = {
  kind: 'batch.jobDefinition',
  taggable: true,
  disableBeforeDelete: false,
  replaceOrder: 'create-before-delete',
  generatedNameOnReplace: false,
  // RegisterJobDefinition: jobDefinitionName up to 128 letters, numbers, hyphens, underscores
  // (https://docs.aws.amazon.com/batch/latest/APIReference/API_RegisterJobDefinition.html).
  maxNameLength: 128,
  decide: () => ({action: 'update', flavour: 'new-revision'}),
  isSensitive,
}
