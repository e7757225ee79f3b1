import {AwsError} from '../../aws-error.js'

/**
 * How a service words model violations. `model` (CloudWatch Logs and most JSON services):
 * `1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: Member
 * must ...`, all violations joined with `; `. `ecr`: `Invalid parameter at 'member' failed to
 * satisfy constraint: 'must ...'`, the first violation only.
 */
export type ConstraintStyle = 'model' | 'ecr'

/**
 * Input constraint checks that answer as AWS does when a request breaks the API model, under
 * the service's validation code (CloudWatch Logs and ECR both use `InvalidParameterException`).
 */
export class Constraints {
  private readonly errors: string[] = []

  constructor(
    private readonly style: ConstraintStyle = 'model',
    private readonly code = 'InvalidParameterException',
  ) {}

  /** Records a violation of `member`; `value` is shown as AWS shows it (null when missing). */
  fail(member: string, value: unknown, constraint: string): this {
    this.errors.push(
      this.style === 'ecr'
        ? `Invalid parameter at '${member}' failed to satisfy constraint: 'must ${constraint}'`
        : `Value ${show(value)} at '${member}' failed to satisfy constraint: Member must ${constraint}`,
    )
    return this
  }

  required(member: string, value: unknown): this {
    if (value === undefined || value === null) this.fail(member, null, 'not be null')
    return this
  }

  /** String length and pattern; `undefined` passes (pair with `required`). */
  string(member: string, value: unknown, options: {min?: number; max?: number; pattern?: RegExp}): this {
    if (value === undefined || value === null) return this
    if (typeof value !== 'string') return this.fail(member, value, 'be a string')
    if (options.min !== undefined && value.length < options.min) {
      this.fail(member, value, `have length greater than or equal to ${options.min}`)
    }
    if (options.max !== undefined && value.length > options.max) {
      this.fail(member, value, `have length less than or equal to ${options.max}`)
    }
    if (options.pattern && !new RegExp(`^(?:${options.pattern.source})$`, 'u').test(value)) {
      // RegExp#source escapes `/`; AWS prints patterns without that escape.
      const source = options.pattern.source.replace(/\\\//g, '/')
      const wording = this.style === 'ecr' ? `satisfy regular expression '${source}'` : `satisfy regular expression pattern: ${source}`
      this.fail(member, value, wording)
    }
    return this
  }

  number(member: string, value: unknown, options: {min?: number; max?: number}): this {
    if (value === undefined || value === null) return this
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.fail(member, value, 'be a number')
    if (options.min !== undefined && value < options.min) this.fail(member, value, `have value greater than or equal to ${options.min}`)
    if (options.max !== undefined && value > options.max) this.fail(member, value, `have value less than or equal to ${options.max}`)
    return this
  }

  list(member: string, value: unknown, options: {min?: number; max?: number}): this {
    if (value === undefined || value === null) return this
    if (!Array.isArray(value)) return this.fail(member, value, 'be a list')
    if (options.min !== undefined && value.length < options.min) {
      this.fail(member, value, `have length greater than or equal to ${options.min}`)
    }
    if (options.max !== undefined && value.length > options.max) {
      this.fail(member, value, `have length less than or equal to ${options.max}`)
    }
    return this
  }

  oneOf(member: string, value: unknown, allowed: readonly (string | number)[]): this {
    if (value === undefined || value === null) return this
    if (!allowed.includes(value as string | number)) {
      this.fail(member, value, `satisfy enum value set: [${allowed.join(', ')}]`)
    }
    return this
  }

  /** A map of tags: key/value lengths and patterns, at most `max` entries. */
  tags(member: string, value: unknown, options: {max: number; keyPattern: RegExp; valuePattern: RegExp}): this {
    if (value === undefined || value === null) return this
    if (typeof value !== 'object' || Array.isArray(value)) return this.fail(member, value, 'be a map')
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length < 1 || entries.length > options.max) {
      this.fail(member, value, `have length ${entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${options.max}`}`)
    }
    for (const [key, tagValue] of entries) {
      this.string(`${member}.key`, key, {min: 1, max: 128, pattern: options.keyPattern})
      this.string(`${member}.value`, tagValue, {max: 256, pattern: options.valuePattern})
    }
    return this
  }

  /** Throws the collected violations, if any. */
  check(): void {
    if (this.errors.length === 0) return
    if (this.style === 'ecr') throw new AwsError(this.code, this.errors[0]!, 400)
    const count = this.errors.length === 1 ? '1 validation error' : `${this.errors.length} validation errors`
    throw new AwsError(this.code, `${count} detected: ${this.errors.join('; ')}`, 400)
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return `'${value}'`
  if (typeof value === 'number' || typeof value === 'boolean') return `'${value}'`
  return `'${JSON.stringify(value)}'`
}

/** `InvalidParameterException` (400) with a free-form message, as Logs and ECR send for rule violations. */
export const invalidParameter = (message: string): AwsError => new AwsError('InvalidParameterException', message, 400)
