import {pathUnder} from '../diff.js'
import {nothingSensitive, type KindDescription} from './kind-description.js'

/*
 * UpdateStateMachine changes definition, roleArn, logging and tracing in place, but not the
 * type (STANDARD/EXPRESS), which is fixed at creation
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html).
 * A type change replaces; the replacement gets a generated name because deleting a state
 * machine is asynchronous and the old name is not free at once.
 */
export const stateMachine: KindDescription<'sfn.stateMachine'> = {
  kind: 'sfn.stateMachine',
  taggable: true,
  disableBeforeDelete: false,
  replaceOrder: 'create-before-delete',
  generatedNameOnReplace: true,
  // CreateStateMachine: name 1-80 characters
  // (https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html).
  maxNameLength: 80,
  decide: (diffs) => {
    const type = diffs.filter((d) => pathUnder(d.path, 'type')).map((d) => d.path)
    return type.length > 0 ? {action: 'replace', forcedBy: type} : {action: 'update', flavour: 'in-place'}
  },
  isSensitive: nothingSensitive,
}
