import {UserError} from '../../errors.js'
import {checkCompute, checkIds, checkKey, checkProject, checkTimeZone, checkYesNo, COMPUTE_CHOICES, SECURITY_GROUP, SUBNET} from './init-answers.js'
import type {Checked} from './init-answers.js'
import type {StarterCompute, StarterOptions} from './starter-config.js'

/** Where the init questions are asked: a terminal in the CLI, scripted streams in tests. */
export interface LinePrompter {
  /** Shows `prompt` and resolves with the line typed, or undefined at end of input or on Ctrl-C. */
  ask(prompt: string): Promise<string | undefined>
  /** Writes one line of text (explanations, the reason an answer was refused). */
  say(line: string): void
}

/** What the user already decided with flags, and the defaults offered. */
export interface InitQuestionContext {
  /** From --project: not asked when set. */
  project?: string | undefined
  /** From --compute: not asked when set. */
  compute?: StarterCompute | undefined
  /** Offered as the project name (from the folder). */
  defaultProject: string
  /** Offered for the nightly schedule (the machine's zone). */
  defaultTimeZone: string
}

/** Thrown when the user ends the questions (Ctrl-C or Ctrl-D); nothing has been written. */
export class InitCancelledError extends UserError {
  constructor() {
    super('init cancelled; nothing was written.', {code: 'init-cancelled', hints: ['run `batchctl init` again, or pass --project and --compute to skip the questions']})
  }
}

/**
 * Asks until the answer passes `check`, saying why each refused answer was refused. An empty
 * answer takes `fallback` when there is one (shown in brackets).
 */
async function askValid<T>(prompter: LinePrompter, question: string, fallback: string | undefined, check: (answer: string) => Checked<T>): Promise<T> {
  const prompt = fallback === undefined || fallback === '' ? `${question}: ` : `${question} [${fallback}]: `
  for (;;) {
    const line = await prompter.ask(prompt)
    if (line === undefined) throw new InitCancelledError()
    const answer = line.trim() === '' && fallback !== undefined ? fallback : line
    const checked = check(answer)
    if (checked.ok) return checked.value
    prompter.say(`  ✗ ${checked.reason}`)
  }
}

/**
 * The `batchctl init` questions, in order: project name, compute kind, queue and job names,
 * subnets and security groups (optional), and a nightly schedule with its time zone. Each answer
 * is checked when entered and asked again, with the reason, until it is valid, so the options
 * returned always render a batch.yaml that validates.
 */
export async function askInit(prompter: LinePrompter, context: InitQuestionContext): Promise<StarterOptions> {
  prompter.say('A few questions for your batch.yaml (Enter takes the value in brackets, Ctrl-C cancels).')
  const project = context.project ?? (await askValid(prompter, 'Project name (lower-case; prefixes every AWS name)', context.defaultProject, checkProject))
  let compute = context.compute
  if (compute === undefined) {
    prompter.say('Compute:')
    COMPUTE_CHOICES.forEach((choice, index) => prompter.say(`  ${index + 1}. ${choice.kind.padEnd(7)} ${choice.explanation}`))
    compute = await askValid(prompter, `Compute (1-${COMPUTE_CHOICES.length} or name)`, 'fargate', checkCompute)
  }
  const queue = await askValid(prompter, 'Job queue name', 'default', (answer) => checkKey(answer, 'jobQueue', project))
  const job = await askValid(prompter, 'Job definition name', 'hello', (answer) => checkKey(answer, 'jobDefinition', project))
  const subnets = await askValid(prompter, 'Subnet IDs, comma-separated (Enter: placeholders to fill in later)', '', (answer) => checkIds(answer, SUBNET))
  const securityGroups = await askValid(prompter, 'Security group IDs, comma-separated (Enter: placeholders)', '', (answer) => checkIds(answer, SECURITY_GROUP))
  const nightly = await askValid(prompter, `Add a schedule that runs ${job} every night at 02:00? (y/n)`, 'n', (answer) => checkYesNo(answer, false))
  const nightlyTimezone = nightly ? await askValid(prompter, 'Time zone of the schedule', context.defaultTimeZone, checkTimeZone) : undefined
  return {project, compute, queue, job, subnets, securityGroups, nightlyTimezone}
}
