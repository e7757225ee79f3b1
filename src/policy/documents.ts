/** An IAM policy statement as batchctl prints it (always Allow; Resource always a list). */
export interface PolicyStatement {
  Sid: string
  Effect: 'Allow'
  Action: string[]
  Resource: string[]
  Condition?: Record<string, Record<string, string | string[]>>
}

/** An IAM identity-based policy document. */
export interface PolicyDocument {
  Version: '2012-10-17'
  Statement: PolicyStatement[]
}

/** A role's trust policy: which AWS service principals may assume it. */
export interface TrustPolicyDocument {
  Version: '2012-10-17'
  Statement: Array<{Effect: 'Allow'; Principal: {Service: string[]}; Action: 'sts:AssumeRole'}>
}

/**
 * Collects statements by Sid, merging the actions and resources of statements with the same
 * Sid (and the same condition), so a role used by several schedules gets one statement per
 * purpose. Output is sorted for stable, diffable policies.
 */
export class StatementSet {
  private readonly bySid = new Map<string, {actions: Set<string>; resources: Set<string>; condition?: PolicyStatement['Condition']}>()

  add(sid: string, actions: string[], resources: string[], condition?: PolicyStatement['Condition']): void {
    if (actions.length === 0 || resources.length === 0) return
    let entry = this.bySid.get(sid)
    if (!entry) {
      entry = {actions: new Set(), resources: new Set(), ...(condition ? {condition} : {})}
      this.bySid.set(sid, entry)
    }
    actions.forEach((a) => entry.actions.add(a))
    resources.forEach((r) => entry.resources.add(r))
  }

  get size(): number {
    return this.bySid.size
  }

  document(): PolicyDocument {
    return {
      Version: '2012-10-17',
      Statement: [...this.bySid].map(([sid, entry]) => ({
        Sid: sid,
        Effect: 'Allow' as const,
        Action: [...entry.actions].sort(),
        // "*" alone when present: a list holding "*" and ARNs means "*" anyway.
        Resource: entry.resources.has('*') ? ['*'] : [...entry.resources].sort(),
        ...(entry.condition ? {Condition: entry.condition} : {}),
      })),
    }
  }
}

export function trustPolicy(principals: Iterable<string>): TrustPolicyDocument {
  return {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: [...new Set(principals)].sort()}, Action: 'sts:AssumeRole'}]}
}
