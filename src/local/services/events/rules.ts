import type {PutRuleRequest, Rule} from '@aws-sdk/client-eventbridge'

import {AwsError, validationException} from '../../aws-error.js'
import type {RequestContext} from '../../service.js'
import {parseEventPattern} from './event-pattern.js'
import {findBus, findRule} from './lookup.js'
import {armRule, disarmRule} from './rule-timers.js'
import {parseScheduleExpression} from './schedule-expression.js'
import {type EventsState, type RuleRecord, ruleArn, ruleKey} from './state.js'
import {applyTags, checkTags} from './tags.js'
import {checkEnum, checkLength, checkPattern, checkRange, page, requireString} from './validate.js'

type Ctx = RequestContext<EventsState>

/** EventBridge's default quota of rules per event bus. */
const MAX_RULES_PER_BUS = 300

const RULE_STATES = ['DISABLED', 'ENABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'] as const

export function checkRuleName(name: unknown, member = 'name'): string {
  const value = requireString(name, member)
  checkLength(value, member, 1, 64)
  checkPattern(value, member, /^[.\-_A-Za-z0-9]+$/, '[\\.\\-_A-Za-z0-9]+')
  return value
}

/** The fields DescribeRule and ListRules show. */
function view(rule: RuleRecord): Rule {
  return {
    Name: rule.Name,
    Arn: rule.Arn,
    EventPattern: rule.EventPattern,
    ScheduleExpression: rule.ScheduleExpression,
    State: rule.State,
    Description: rule.Description,
    RoleArn: rule.RoleArn,
    EventBusName: rule.EventBusName,
  }
}

export const invalidToken = () => validationException('The provided nextToken is not valid.')

export const ruleHandlers = {
  /** Creates a rule or replaces every field of an existing one (targets and tags stay). */
  PutRule(input: PutRuleRequest, {state, clock}: Ctx) {
    const name = checkRuleName(input.Name)
    const bus = findBus(state, input.EventBusName)
    checkLength(input.ScheduleExpression, 'scheduleExpression', 0, 256)
    checkLength(input.EventPattern, 'eventPattern', 0, 4096)
    checkLength(input.Description, 'description', 0, 512)
    checkLength(input.RoleArn, 'roleArn', 1, 1600)
    checkEnum(input.State, 'state', RULE_STATES)
    const tags = checkTags(input.Tags)
    if (!input.ScheduleExpression && !input.EventPattern) {
      throw validationException('Parameter(s) EventPattern or ScheduleExpression must be specified.')
    }
    if (input.ScheduleExpression) {
      if (!parseScheduleExpression(input.ScheduleExpression)) {
        throw validationException('Parameter ScheduleExpression is not valid.')
      }
      if (bus.Name !== 'default') {
        throw validationException('ScheduleExpression is supported only on the default event bus.')
      }
    }
    if (input.EventPattern) parseEventPattern(input.EventPattern)
    const key = ruleKey(bus.Name, name)
    const existing = state.rules.get(key)
    if (!existing && [...state.rules.values()].filter((rule) => rule.EventBusName === bus.Name).length >= MAX_RULES_PER_BUS) {
      throw new AwsError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.', 400)
    }
    const rule: RuleRecord = {
      Name: name,
      Arn: ruleArn(state, bus.Name, name),
      EventBusName: bus.Name,
      EventPattern: input.EventPattern || undefined,
      ScheduleExpression: input.ScheduleExpression || undefined,
      State: input.State ?? 'ENABLED',
      Description: input.Description,
      RoleArn: input.RoleArn,
      CreatedBy: state.accountId,
      scheduledSince:
        existing && existing.ScheduleExpression === (input.ScheduleExpression || undefined) ? existing.scheduledSince : clock.now(),
      targets: existing?.targets ?? new Map(),
    }
    if (existing) disarmRule(state, existing)
    // Tags are set when a rule is created; later PutRule calls leave them (TagResource changes them).
    else applyTags(state, rule.Arn, tags)
    state.rules.set(key, rule)
    armRule(state, rule)
    return {RuleArn: rule.Arn}
  },

  DescribeRule(input: {Name?: string; EventBusName?: string}, {state}: Ctx) {
    const rule = findRule(state, checkRuleName(input.Name), input.EventBusName)
    return {...view(rule), CreatedBy: rule.CreatedBy}
  },

  ListRules(input: {NamePrefix?: string; EventBusName?: string; NextToken?: string; Limit?: number}, {state}: Ctx) {
    const bus = findBus(state, input.EventBusName)
    checkRange(input.Limit, 'limit', 1, 100)
    checkLength(input.NamePrefix, 'namePrefix', 1, 64)
    const rules = [...state.rules.values()]
      .filter((rule) => rule.EventBusName === bus.Name && rule.Name.startsWith(input.NamePrefix ?? ''))
      .sort((a, b) => (a.Name < b.Name ? -1 : 1))
    const {items, next} = page(rules, input.NextToken, input.Limit ?? 100, invalidToken)
    return {Rules: items.map(view), NextToken: next}
  },

  /** Succeeds for a rule that does not exist; refuses while targets remain, as EventBridge does. */
  DeleteRule(input: {Name?: string; EventBusName?: string}, {state}: Ctx) {
    const name = checkRuleName(input.Name)
    const bus = findBus(state, input.EventBusName)
    const rule = state.rules.get(ruleKey(bus.Name, name))
    if (!rule) return {}
    if (rule.targets.size > 0) throw validationException("Rule can't be deleted since it has targets.")
    disarmRule(state, rule)
    state.rules.delete(ruleKey(bus.Name, name))
    state.tags.delete(rule.Arn)
    return {}
  },

  EnableRule(input: {Name?: string; EventBusName?: string}, {state}: Ctx) {
    const rule = findRule(state, checkRuleName(input.Name), input.EventBusName)
    if (rule.State === 'DISABLED') rule.State = 'ENABLED'
    armRule(state, rule)
    return {}
  },

  DisableRule(input: {Name?: string; EventBusName?: string}, {state}: Ctx) {
    const rule = findRule(state, checkRuleName(input.Name), input.EventBusName)
    rule.State = 'DISABLED'
    disarmRule(state, rule)
    return {}
  },
}
