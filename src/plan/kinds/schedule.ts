import {inPlace, nothingSensitive, type KindDescription} from './kind-description.js'

/*
 * UpdateSchedule replaces every setting of a schedule in place
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_UpdateSchedule.html).
 * A schedule is identified by group + name (the `scope` below), and schedules cannot be
 * tagged, so nothing links a schedule in one group to a schedule in another: a rename or a
 * move to another group plans as create the new one + delete the old one (if its group is ours).
 */
export const schedule: KindDescription<'scheduler.schedule'> = {
  kind: 'scheduler.schedule',
  taggable: false,
  disableBeforeDelete: false,
  replaceOrder: 'create-before-delete',
  generatedNameOnReplace: false,
  // CreateSchedule: Name 1-64 of [0-9a-zA-Z-_.]
  // (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html).
  maxNameLength: 64,
  decide: inPlace,
  isSensitive: nothingSensitive,
  scope: (spec, resolve) => resolve(spec.group),
}
