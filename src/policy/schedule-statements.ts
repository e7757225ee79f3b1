import {SCHEDULE_GROUP} from '../desired/schedules.js'
import {busName, roleArn} from './arns.js'
import {keys, type PolicyContext, PRINCIPAL, targetStatements} from './policy-context.js'

/** Scheduler schedules, rule-mode schedules and triggers: the deployer's statements and their roles. */
export function scheduleStatements(ctx: PolicyContext): void {
  const {config, defaults: d, name, everyName, a, deployer, roles} = ctx
  const schedules = keys(config.schedules)
  const scheduled = schedules.filter(([, s]) => s.mode !== 'rule')
  const ruleSchedules = schedules.filter(([, s]) => s.mode === 'rule')
  const triggers = keys(config.triggers)
  const schedulerRoles = new Set<string>()
  const eventsRoles = new Set<string>()
  if (scheduled.length > 0) {
    const group = name(SCHEDULE_GROUP)
    deployer.add('SchedulerRead', ['scheduler:ListScheduleGroups', 'scheduler:ListSchedules'], ['*'])
    deployer.add(
      'SchedulerGroup',
      ['scheduler:CreateScheduleGroup', 'scheduler:DeleteScheduleGroup', 'scheduler:GetScheduleGroup', 'scheduler:TagResource', 'scheduler:UntagResource', 'scheduler:ListTagsForResource'],
      [a.scheduleGroup(group)],
    )
    // DeleteScheduleGroup also needs DeleteSchedule on the schedules in it.
    deployer.add('SchedulerSchedules', ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'], [a.schedulesIn(group)])
    for (const [key, schedule] of scheduled) {
      const role = schedule.role ?? d.scheduleRole
      if (role === undefined) continue
      schedulerRoles.add(roleArn(role, a))
      targetStatements(ctx, roles.use(roleArn(role, a), 'schedule', PRINCIPAL.scheduler, `schedules.${key}`), schedule.submit, schedule.start)
    }
    deployer.add('PassRolesToScheduler', ['iam:PassRole'], [...schedulerRoles], {StringEquals: {'iam:PassedToService': PRINCIPAL.scheduler}})
  }
  if (ruleSchedules.length + triggers.length > 0) {
    deployer.add('EventsRead', ['events:ListRules', 'events:ListEventBuses'], ['*'])
    const buses = new Set<string | undefined>([undefined, ...triggers.map(([, t]) => busName(t.bus))])
    deployer.add(
      'EventsRules',
      ['events:PutRule', 'events:DeleteRule', 'events:DescribeRule', 'events:PutTargets', 'events:RemoveTargets', 'events:ListTargetsByRule', 'events:TagResource', 'events:UntagResource', 'events:ListTagsForResource'],
      [...buses].map((bus) => a.rule(everyName, bus)),
    )
    for (const [key, schedule] of ruleSchedules) {
      const role = schedule.role ?? d.scheduleRole
      if (role === undefined) continue
      eventsRoles.add(roleArn(role, a))
      targetStatements(ctx, roles.use(roleArn(role, a), 'schedule', PRINCIPAL.events, `schedules.${key}`), schedule.submit, schedule.start)
    }
    for (const [key, trigger] of triggers) {
      const role = trigger.role ?? d.triggerRole
      if (role === undefined) continue
      eventsRoles.add(roleArn(role, a))
      targetStatements(ctx, roles.use(roleArn(role, a), 'trigger', PRINCIPAL.events, `triggers.${key}`), trigger.submit, trigger.start)
    }
    deployer.add('PassRolesToEvents', ['iam:PassRole'], [...eventsRoles], {StringEquals: {'iam:PassedToService': PRINCIPAL.events}})
  }
}
