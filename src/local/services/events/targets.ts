import type {PutTargetsRequest} from '@aws-sdk/client-eventbridge'

import {AwsError} from '../../aws-error.js'
import type {RequestContext} from '../../service.js'
import {findBus, findRule} from './lookup.js'
import {checkRuleName, invalidToken} from './rules.js'
import type {EventsState} from './state.js'
import {checkLength, checkRange, constraintError, page, requireString} from './validate.js'
import {checkTarget} from './validate-target.js'

type Ctx = RequestContext<EventsState>

/** EventBridge allows five targets per rule. */
const MAX_TARGETS = 5

export const targetHandlers = {
  PutTargets(input: PutTargetsRequest, {state}: Ctx) {
    const name = checkRuleName(input.Rule, 'rule')
    const targets = input.Targets
    if (!Array.isArray(targets)) throw constraintError(targets, 'targets', 'not be null')
    if (targets.length < 1) throw constraintError(targets, 'targets', 'have length greater than or equal to 1')
    if (targets.length > 10) throw constraintError(`[${targets.length} targets]`, 'targets', 'have length less than or equal to 10')
    const rule = findRule(state, name, input.EventBusName)
    targets.forEach(checkTarget)
    const ids = new Set([...rule.targets.keys(), ...targets.map((t) => t.Id!)])
    if (ids.size > MAX_TARGETS) {
      throw new AwsError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.', 400)
    }
    for (const target of targets) rule.targets.set(target.Id!, structuredClone(target))
    return {FailedEntryCount: 0, FailedEntries: []}
  },

  ListTargetsByRule(input: {Rule?: string; EventBusName?: string; NextToken?: string; Limit?: number}, {state}: Ctx) {
    const rule = findRule(state, checkRuleName(input.Rule, 'rule'), input.EventBusName)
    checkRange(input.Limit, 'limit', 1, 100)
    const {items, next} = page([...rule.targets.values()], input.NextToken, input.Limit ?? 100, invalidToken)
    return {Targets: items, NextToken: next}
  },

  /** Names of the rules on a bus that have a target with this ARN. */
  ListRuleNamesByTarget(input: {TargetArn?: string; EventBusName?: string; NextToken?: string; Limit?: number}, {state}: Ctx) {
    const arn = requireString(input.TargetArn, 'targetArn')
    checkLength(arn, 'targetArn', 1, 1600)
    checkRange(input.Limit, 'limit', 1, 100)
    const bus = findBus(state, input.EventBusName)
    const names = [...state.rules.values()]
      .filter((rule) => rule.EventBusName === bus.Name && [...rule.targets.values()].some((target) => target.Arn === arn))
      .map((rule) => rule.Name)
      .sort()
    const {items, next} = page(names, input.NextToken, input.Limit ?? 100, invalidToken)
    return {RuleNames: items, NextToken: next}
  },

  RemoveTargets(input: {Rule?: string; EventBusName?: string; Ids?: string[]; Force?: boolean}, {state}: Ctx) {
    const rule = findRule(state, checkRuleName(input.Rule, 'rule'), input.EventBusName)
    const ids = input.Ids
    if (!Array.isArray(ids)) throw constraintError(ids, 'ids', 'not be null')
    if (ids.length < 1 || ids.length > 100) throw constraintError(ids, 'ids', 'have length between 1 and 100')
    for (const id of ids) rule.targets.delete(id)
    return {FailedEntryCount: 0, FailedEntries: []}
  },
}
