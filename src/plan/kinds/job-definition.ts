import {SECRET_ENV_NAME} from '../normalize.js'
import type {KindDescription} from './kind-description.js'

/*
 * Job definitions are immutable: RegisterJobDefinition with an existing name adds a revision
 * (https://docs.aws.amazon.com/batch/latest/APIReference/API_RegisterJobDefinition.html), and
 * DeregisterJobDefinition marks one revision INACTIVE. Every spec change is therefore an
 * `update` of flavour `new-revision`; links by name keep pointing at the latest revision.
 */

/** Environment values whose variable name looks like a secret, e.g. `environment[name=DB_PASSWORD]`. */
function isSensitive(path: string): boolean {
  const m = /environment\[name=([^\]]*)\]/.exec(path)
  return m !== null && SECRET_ENV_NAME.test(m[1] ?? '')
}

export const jobDefinition: KindDescription<'batch.jobDefinition'> = {
  kind: 'batch.jobDefinition',
  taggable: true,
  disableBeforeDelete: false,
  replaceOrder: 'create-before-delete',
  generatedNameOnReplace: false,
  decide: () => ({action: 'update', flavour: 'new-revision'}),
  isSensitive,
}
