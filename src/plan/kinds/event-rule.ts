import {pathUnder} from '../diff.js'
import {nothingSensitive, type KindDescription} from './kind-description.js'

/*
 * PutRule on an existing rule name updates it in place, and PutTargets/RemoveTargets change
 * its targets (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html).
 * A rule lives on one event bus: a different bus means a different rule.
 */
export const eventRule: KindDescription<'events.rule'> = {
  kind: 'events.rule',
  taggable: true,
  disableBeforeDelete: false,
  replaceOrder: 'create-before-delete',
  generatedNameOnReplace: false,
  // PutRule: Name 1-64 of [\.\-_A-Za-z0-9]
  // (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html).
  maxNameLength: 64,
  decide: (diffs) => {
    const bus = diffs.filter((d) => pathUnder(d.path, 'eventBusName')).map((d) => d.path)
    return bus.length > 0 ? {action: 'replace', forcedBy: bus} : {action: 'update', flavour: 'in-place'}
  },
  isSensitive: nothingSensitive,
  scope: (spec) => spec.eventBusName ?? 'default',
}
