import type {IncomingHttpHeaders} from 'node:http'

import {AwsError} from './aws-error.js'
import {RestRouter} from './protocols/rest-routes.js'
import {escapeXml, toXml} from './protocols/xml.js'
import type {ServiceDefinition} from './service.js'

/** What the wire layer decoded from one HTTP request. */
export interface DecodedRequest {
  operation: string
  input: Record<string, unknown>
}

export interface EncodedResponse {
  status: number
  headers: Record<string, string>
  body: string
}

const routers = new WeakMap<ServiceDefinition, RestRouter>()

function routerFor(service: ServiceDefinition): RestRouter {
  let router = routers.get(service)
  if (!router) {
    router = new RestRouter(service.routes ?? [])
    routers.set(service, router)
  }
  return router
}

function parseJson(body: string): Record<string, unknown> {
  if (body.trim() === '') return {}
  try {
    const value: unknown = JSON.parse(body)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // fall through to the error AWS gives for a body it cannot read
  }
  throw new AwsError('SerializationException', 'Unable to parse the request body as JSON', 400)
}

/** Decodes a request in the service's protocol into an operation name and its input. */
export function decodeRequest(
  service: ServiceDefinition,
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  body: string,
): DecodedRequest {
  switch (service.protocol) {
    case 'awsJson1_0':
    case 'awsJson1_1': {
      const target = String(headers['x-amz-target'] ?? '')
      const [prefix, operation] = target.split('.')
      if (method !== 'POST' || !operation || prefix !== service.targetPrefix) {
        throw new AwsError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`, 400)
      }
      return {operation, input: parseJson(body)}
    }
    case 'restJson1': {
      const match = routerFor(service).match(method, url)
      if (!match) throw new AwsError('UnknownOperationException', `No operation for ${method} ${url.pathname}`, 404)
      return {operation: match.route.operation, input: {...parseJson(body), ...match.bound}}
    }
    case 'awsQuery': {
      const params = new URLSearchParams(body || url.search)
      const operation = params.get('Action')
      if (!operation) throw new AwsError('MissingAction', 'Missing Action parameter', 400)
      const input: Record<string, unknown> = {}
      for (const [key, value] of params) if (key !== 'Action' && key !== 'Version') input[key] = value
      return {operation, input}
    }
  }
}

function jsonContentType(service: ServiceDefinition): string {
  switch (service.protocol) {
    case 'awsJson1_0':
      return 'application/x-amz-json-1.0'
    case 'awsJson1_1':
      return 'application/x-amz-json-1.1'
    default:
      return 'application/json'
  }
}

export function encodeResult(
  service: ServiceDefinition,
  operation: string,
  output: unknown,
  requestId: string,
  status = 200,
): EncodedResponse {
  if (service.protocol === 'awsQuery') {
    const ns = service.xmlNamespace ?? ''
    const body =
      `<${operation}Response xmlns="${ns}"><${operation}Result>${toXml(output)}</${operation}Result>` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
    return {status, headers: {'content-type': 'text/xml', 'x-amzn-requestid': requestId}, body}
  }
  return {
    status,
    headers: {'content-type': jsonContentType(service), 'x-amzn-requestid': requestId},
    body: JSON.stringify(output ?? {}),
  }
}

/** Errors as each protocol carries them, so the SDK raises the same typed exception as with AWS. */
export function encodeError(service: ServiceDefinition | undefined, error: AwsError, requestId: string): EncodedResponse {
  const headers: Record<string, string> = {'x-amzn-requestid': requestId}
  if (service?.protocol === 'awsQuery') {
    const type = error.status >= 500 ? 'Receiver' : 'Sender'
    return {
      status: error.status,
      headers: {...headers, 'content-type': 'text/xml'},
      body:
        `<ErrorResponse xmlns="${service.xmlNamespace ?? ''}"><Error><Type>${type}</Type>` +
        `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
        `<RequestId>${requestId}</RequestId></ErrorResponse>`,
    }
  }
  if (!service || service.protocol === 'restJson1') {
    return {
      status: error.status,
      headers: {...headers, 'content-type': 'application/json', 'x-amzn-errortype': error.code},
      body: JSON.stringify({...error.fields, message: error.message}),
    }
  }
  return {
    status: error.status,
    headers: {...headers, 'content-type': jsonContentType(service)},
    body: JSON.stringify({__type: error.code, ...error.fields, message: error.message}),
  }
}

/** The SigV4 credential scope: `Credential=AKID/20260101/us-east-1/batch/aws4_request`. */
export function credentialScope(authorization: string | undefined): {region: string; service: string} | undefined {
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '')
  return match ? {region: match[1]!, service: match[2]!} : undefined
}
