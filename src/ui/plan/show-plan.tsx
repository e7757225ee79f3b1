import type {Plan} from '../../plan/index.js'
import {colorEnabled, painter} from '../shared/colors.js'
import {isInteractive, renderOnce} from '../shared/mount.js'
import {outlinePlan, type PlanContext} from './outline.js'
import {PlanView} from './PlanView.js'
import {renderPlanText} from './plan-text.js'

/** Prints a plan where the user is: the Ink view on a terminal, plain lines when piped. */
export function showPlan(plan: Plan, options: PlanContext & {stream?: NodeJS.WriteStream} = {}): void {
  const {stream = process.stdout, ...context} = options
  const outline = outlinePlan(plan, context)
  if (isInteractive(stream)) renderOnce(<PlanView outline={outline} />, {stream})
  else stream.write(renderPlanText(outline, painter(colorEnabled(stream.isTTY))))
}
