import type {QueryBinding, RestRoute} from '../service.js'

export interface RouteMatch {
  route: RestRoute
  /** Members bound from path labels and the query string. */
  bound: Record<string, unknown>
}

interface CompiledRoute {
  route: RestRoute
  segments: Array<{literal: string} | {label: string; greedy: boolean}>
}

function compile(route: RestRoute): CompiledRoute {
  const segments = route.path
    .split('/')
    .filter(Boolean)
    .map((part) => {
      const label = /^\{([^}+]+)(\+?)\}$/.exec(part)
      return label ? {label: label[1]!, greedy: label[2] === '+'} : {literal: part}
    })
  return {route, segments}
}

function bindQuery(binding: QueryBinding, values: string[]): [string, unknown] {
  if (typeof binding === 'string') return [binding, values[0]]
  switch (binding.type) {
    case 'list':
      return [binding.member, values]
    case 'number':
      return [binding.member, Number(values[0])]
    case 'boolean':
      return [binding.member, values[0] === 'true']
    case 'string':
      return [binding.member, values[0]]
  }
}

/** Matches restJson1 requests against a service's route table (literal segments win over labels). */
export class RestRouter {
  private readonly routes: CompiledRoute[]

  constructor(routes: RestRoute[]) {
    // More literal segments first, so `/schedule-groups/{Name}` does not shadow a literal route.
    this.routes = routes
      .map(compile)
      .sort((a, b) => literalCount(b) - literalCount(a) || b.segments.length - a.segments.length)
  }

  match(method: string, url: URL): RouteMatch | undefined {
    const parts = url.pathname.split('/').filter(Boolean)
    for (const compiled of this.routes) {
      if (compiled.route.method !== method) continue
      const bound = matchSegments(compiled, parts)
      if (!bound) continue
      for (const [name, binding] of Object.entries(compiled.route.query ?? {})) {
        const values = url.searchParams.getAll(name)
        if (values.length === 0) continue
        const [member, value] = bindQuery(binding, values)
        bound[member] = value
      }
      return {route: compiled.route, bound}
    }
    return undefined
  }
}

function literalCount(route: CompiledRoute): number {
  return route.segments.filter((segment) => 'literal' in segment).length
}

function matchSegments(compiled: CompiledRoute, parts: string[]): Record<string, unknown> | undefined {
  const bound: Record<string, unknown> = {}
  let i = 0
  for (const segment of compiled.segments) {
    if ('literal' in segment) {
      if (parts[i] !== segment.literal) return undefined
      i++
    } else if (segment.greedy) {
      if (i >= parts.length) return undefined
      bound[segment.label] = parts.slice(i).map(decodeURIComponent).join('/')
      i = parts.length
    } else {
      if (parts[i] === undefined) return undefined
      bound[segment.label] = decodeURIComponent(parts[i]!)
      i++
    }
  }
  return i === parts.length ? bound : undefined
}
