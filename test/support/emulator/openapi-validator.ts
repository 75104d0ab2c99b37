import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { undeclaredFields, withoutUndeclaredFields } from './undeclared-fields.js';

// ajv-formats is CommonJS: under NodeNext the function is the default export's `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv,
) => Ajv;

const SUBSET_PATH = fileURLToPath(new URL('../../fixtures/openapi/github-subset.json', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Path parameters whose values contain slashes (`heads/feature/x`, `v1...v2`) when a client does not encode them. */
const MULTI_SEGMENT_PARAMS = new Set(['ref', 'basehead', 'tag']);

type Schema = Record<string, unknown>;

interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  operationId: string;
  method: string;
  pathTemplate: string;
  documentationUrl: string;
  parameters: ParameterSpec[];
  /** JSON pointer (in the subset) of the application/json request body schema, if the operation takes one. */
  jsonBodyPointer?: string;
  bodyRequired: boolean;
  responses: Record<string, { pointer?: string }>;
  pattern: RegExp;
  pathParamNames: string[];
  literalSegments: number;
}

export interface RouteMatch {
  operation: Operation;
  pathParams: Record<string, string>;
}

export interface GitHubErrorBody {
  message: string;
  documentation_url: string;
  status: string;
  errors?: unknown[];
}

interface Description {
  info: Record<string, string>;
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

/**
 * GitHub's OpenAPI description (the committed subset) as a router and a validator. Loaded once per
 * process; ajv validators are compiled on first use per operation so that start-up stays fast.
 */
export class OpenApiValidator {
  readonly info: Record<string, string>;
  private readonly operations: Operation[] = [];
  private readonly byId = new Map<string, Operation>();
  private readonly ajv: Ajv;
  private readonly coercingAjv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly document: Description;

  constructor(description: Description) {
    this.info = description.info;
    const document = convertNullable(description) as Description;
    this.document = document;
    this.ajv = createAjv(false);
    this.coercingAjv = createAjv(true);
    this.ajv.addSchema(document, 'gh');
    for (const [pathTemplate, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const raw = item[method] as Record<string, unknown> | undefined;
        if (!raw) continue;
        const operation = this.readOperation(document, pathTemplate, method, raw, (item.parameters as unknown[]) ?? []);
        this.operations.push(operation);
        this.byId.set(operation.operationId, operation);
      }
    }
    // Literal segments win over parameters: `/releases/latest` before `/releases/{release_id}`.
    this.operations.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  operation(operationId: string): Operation | undefined {
    return this.byId.get(operationId);
  }

  /** Finds the operation for a request; `pathKnown` tells a wrong method from an unknown path. */
  match(method: string, pathname: string): RouteMatch | { pathKnown: boolean } {
    let pathKnown = false;
    for (const operation of this.operations) {
      const found = operation.pattern.exec(pathname);
      if (!found) continue;
      pathKnown = true;
      if (operation.method !== method.toLowerCase()) continue;
      const pathParams: Record<string, string> = {};
      operation.pathParamNames.forEach((name, index) => {
        pathParams[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { operation, pathParams };
    }
    return { pathKnown };
  }

  /** Path and query parameters, coerced to their schema types; problems are GitHub-style messages. */
  validateParameters(
    operation: Operation,
    pathParams: Record<string, string>,
    query: URLSearchParams,
  ): { params: Record<string, unknown>; pathErrors: string[]; queryErrors: string[] } {
    const params: Record<string, unknown> = {};
    const pathErrors: string[] = [];
    const queryErrors: string[] = [];
    for (const spec of operation.parameters) {
      if (spec.in === 'header') continue;
      const present = spec.in === 'path' ? pathParams[spec.name] !== undefined : query.has(spec.name);
      const errors = spec.in === 'path' ? pathErrors : queryErrors;
      // Absent parameters stay absent: GitHub's defaults are sometimes sentinels ("none" means no filter).
      if (!present) {
        if (spec.required) errors.push(`"${spec.name}" wasn't supplied.`);
        continue;
      }
      const value: unknown =
        spec.in === 'path'
          ? pathParams[spec.name]
          : spec.schema.type === 'array'
            ? query.getAll(spec.name)
            : query.get(spec.name);
      const holder = { value };
      const validate = this.compile(
        `param:${operation.operationId}:${spec.name}`,
        { type: 'object', properties: { value: spec.schema } },
        true,
      );
      if (!validate(holder)) errors.push(...describeErrors(validate.errors, spec.name));
      params[spec.name] = holder.value;
    }
    return { params, pathErrors, queryErrors };
  }

  validateBody(operation: Operation, body: unknown): string[] {
    if (!operation.jsonBodyPointer) return [];
    if (body === undefined) return operation.bodyRequired ? ['Request body is required.'] : [];
    const validate = this.compile(`body:${operation.operationId}`, { $ref: `gh#${operation.jsonBodyPointer}` }, false);
    return validate(body) ? [] : describeErrors(validate.errors);
  }

  /**
   * Checks a response body against the schema GitHub declares for that status. A success status
   * GitHub does not declare is itself a mismatch; undeclared error statuses (403 for a missing
   * permission on many operations) are GitHub behaviour the description leaves out.
   */
  validateResponse(operation: Operation, status: number, body: unknown): string[] {
    const declared = operation.responses[String(status)];
    if (!declared)
      return status < 300 ? [`status ${status} is not a documented response of ${operation.operationId}`] : [];
    if (!declared.pointer) return [];
    const validate = this.compile(
      `response:${operation.operationId}:${status}`,
      { $ref: `gh#${declared.pointer}` },
      false,
    );
    return validate(body)
      ? []
      : (validate.errors ?? [])
          .slice(0, 10)
          .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }

  /**
   * What GitHub would ignore but a correct client never sends: query parameters the operation does not take,
   * and body fields its schema does not declare (also nested, also where the schema allows extra properties).
   */
  undeclaredInRequest(operation: Operation, query: URLSearchParams, body: unknown): string[] {
    const taken = new Set(operation.parameters.filter((spec) => spec.in === 'query').map((spec) => spec.name));
    const parameters = [...new Set(query.keys())].filter((name) => !taken.has(name));
    const resolve = (ref: string) => this.schemaAt(ref.slice(1));
    const fields =
      operation.jsonBodyPointer && body !== undefined
        ? undeclaredFields(this.schemaAt(operation.jsonBodyPointer), body, resolve)
        : [];
    return [
      ...parameters.map((name) => `"${name}" is not a query parameter of ${operation.operationId}`),
      ...fields.map((field) => `"${field}" is not a field of ${operation.operationId}'s request body`),
    ];
  }

  /**
   * The response body as GitHub's description declares it for that status: the emulator's representations are
   * shared between operations (a full repository where a pull request holds a minimal one), so fields the
   * operation does not declare are dropped, and code that reads them finds them missing, as it would on GitHub.
   */
  declaredResponse(operation: Operation, status: number, body: unknown): unknown {
    const pointer = operation.responses[String(status)]?.pointer;
    return pointer ? withoutUndeclaredFields(this.schemaAt(pointer), body, (ref) => this.schemaAt(ref.slice(1))) : body;
  }

  private schemaAt(pointer: string): Schema {
    return lookup(this.document, pointer) as Schema;
  }

  private compile(key: string, schema: Schema, coerce: boolean): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      if (coerce) {
        // The coercing instance has no copy of the description: inline parameter schemas are self-contained.
        validate = this.coercingAjv.compile(schema);
      } else {
        validate = this.ajv.compile(schema);
      }
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private readOperation(
    document: Description,
    pathTemplate: string,
    method: string,
    raw: Record<string, unknown>,
    shared: unknown[],
  ): Operation {
    const resolve = (value: unknown): Record<string, unknown> => {
      let current = value as Record<string, unknown>;
      while (typeof current.$ref === 'string')
        current = lookup(document, current.$ref.slice(1)) as Record<string, unknown>;
      return current;
    };
    const parameters = [...shared, ...((raw.parameters as unknown[]) ?? [])].map(
      (p) => resolve(p) as unknown as ParameterSpec,
    );
    const operationPointer = `/paths/${escapePointer(pathTemplate)}/${method}`;
    const requestBody = raw.requestBody ? resolve(raw.requestBody) : undefined;
    const content = requestBody?.content as Record<string, unknown> | undefined;
    const responses: Operation['responses'] = {};
    for (const [status, response] of Object.entries((raw.responses as Record<string, unknown>) ?? {})) {
      let pointer = `${operationPointer}/responses/${status}`;
      let resolved = response as Record<string, unknown>;
      if (typeof resolved.$ref === 'string') {
        pointer = resolved.$ref.slice(1);
        resolved = resolve(resolved);
      }
      const json = (resolved.content as Record<string, { schema?: unknown }> | undefined)?.['application/json'];
      responses[status] = json?.schema
        ? { pointer: `${pointer}/content/${escapePointer('application/json')}/schema` }
        : {};
    }
    const segments = pathTemplate.split('/').filter(Boolean);
    const pathParamNames: string[] = [];
    const pattern = segments
      .map((segment, index) => {
        const param = /^\{(.+)\}$/.exec(segment)?.[1];
        if (!param) return escapeRegExp(segment);
        pathParamNames.push(param);
        return MULTI_SEGMENT_PARAMS.has(param) && index === segments.length - 1 ? '(.+)' : '([^/]+)';
      })
      .join('/');
    return {
      operationId: raw.operationId as string,
      method,
      pathTemplate,
      documentationUrl: ((raw.externalDocs as { url?: string }) ?? {}).url ?? 'https://docs.github.com/rest',
      parameters,
      jsonBodyPointer: content?.['application/json']
        ? `${operationPointer}/requestBody/content/${escapePointer('application/json')}/schema`
        : undefined,
      bodyRequired: requestBody?.required === true,
      responses,
      pattern: new RegExp(`^/${pattern}/?$`),
      pathParamNames,
      literalSegments: segments.filter((s) => !s.startsWith('{')).length,
    };
  }
}

let shared: OpenApiValidator | undefined;

/** The process-wide validator for the committed subset (parsing it takes a few tens of milliseconds). */
export function githubDescription(): OpenApiValidator {
  shared ??= new OpenApiValidator(JSON.parse(readFileSync(SUBSET_PATH, 'utf8')) as Description);
  return shared;
}

function createAjv(coerceTypes: boolean): Ajv {
  // strict: false because OpenAPI adds keywords JSON Schema does not know (example, discriminator, x-*).
  const ajv = new Ajv({ strict: false, allErrors: false, coerceTypes, logger: false, verbose: true });
  addFormats(ajv);
  for (const format of ['binary', 'timestamp', 'int64', 'int32', 'uri-template']) ajv.addFormat(format, true);
  // GitHub declares some `uri` fields with `default: ""` (deployment status URLs) and sends "" for them.
  ajv.addFormat('uri', (value: string) => value === '' || /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(value));
  return ajv;
}

/**
 * OpenAPI 3.0 says "may also be null" with `nullable: true`; JSON Schema says it with a `null` type.
 * Rewrites the whole description once so ajv validates exactly what GitHub declares.
 */
function convertNullable(value: unknown, isPropertyMap = false): unknown {
  if (Array.isArray(value)) return value.map((child) => convertNullable(child));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(source)) {
    if (key === 'nullable' && !isPropertyMap) continue;
    copy[key] = convertNullable(child, !isPropertyMap && key === 'properties');
  }
  if (isPropertyMap || source.nullable !== true) return copy;
  if (typeof copy.type === 'string') {
    copy.type = [copy.type, 'null'];
    if (Array.isArray(copy.enum)) copy.enum = [...copy.enum, null];
    return copy;
  }
  return { anyOf: [{ type: 'null' }, copy] };
}

/** GitHub's wording for request validation failures ("Invalid request.\n\n..."). */
function describeErrors(errors: ErrorObject[] | null | undefined, parameter?: string): string[] {
  return (errors ?? []).map((error) => describeError(error, parameter));
}

function describeError(error: ErrorObject, parameter?: string): string {
  const field =
    parameter ?? `properties/${error.instancePath.replace(/^\//, '').replace(/\//g, '/properties/') || 'body'}`;
  const value = JSON.stringify(shorten(error.data));
  switch (error.keyword) {
    case 'required':
      return `"${(error.params as { missingProperty: string }).missingProperty}" wasn't supplied.`;
    case 'additionalProperties':
      return `"${(error.params as { additionalProperty: string }).additionalProperty}" is not a permitted key.`;
    case 'type':
      return `For '${field}', ${value} is not ${article((error.params as { type: string }).type)}.`;
    case 'enum':
      return `For '${field}', ${value} is not a member of ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}.`;
    default:
      return `For '${field}', ${value} ${error.message ?? 'is invalid'}.`;
  }
}

/** Keeps quoted values short enough to read in a violation list. */
function shorten(value: unknown): unknown {
  const text = JSON.stringify(value);
  if (text === undefined || text.length <= 80) return value;
  return Array.isArray(value) ? `[array of ${value.length}]` : `${text.slice(0, 77)}...`;
}

function article(type: string): string {
  const name = type.replace(/,?null/, '') || type;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function escapePointer(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function lookup(document: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (node, part) =>
        (node as Record<string, unknown>)[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')],
      document,
    );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
