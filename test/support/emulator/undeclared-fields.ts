type Schema = Record<string, unknown>;

/**
 * Fields of `value` that `schema` does not declare, as paths (`output.anotations`, `[2].name`), at any depth.
 * Stricter than JSON Schema on purpose: an object whose schema lists `properties` gets no other keys even
 * where GitHub's description allows additional properties, because a field GitHub does not know is a typo
 * in our code that GitHub would silently ignore. Only objects whose schema lists no properties at all
 * (free-form ones such as a deployment's `payload`) take any key. `resolve` follows a `$ref`.
 */
type Resolve = (ref: string) => Schema;
type Found = (holder: Record<string, unknown>, key: string) => void;

export function undeclaredFields(
  schema: Schema | undefined,
  value: unknown,
  resolve: Resolve,
  path = '',
  found?: Found,
): string[] {
  if (schema === undefined || value === null || typeof value !== 'object') return [];
  const branches = flatten(schema, resolve);
  if (Array.isArray(value)) {
    const items = branches.map((branch) => branch.items as Schema | undefined).filter((items) => items !== undefined);
    if (items.length === 0) return [];
    return value.flatMap((item, index) =>
      undeclaredFields({ anyOf: items }, item, resolve, `${path}[${index}]`, found),
    );
  }
  const objects = branches.filter(
    (branch) =>
      branch.properties !== undefined || branch.type === 'object' || branch.additionalProperties !== undefined,
  );
  if (objects.length === 0 || objects.some(isFreeForm)) return [];
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const field = path ? `${path}.${key}` : key;
    const declared = objects.flatMap((branch) => {
      const property = (branch.properties as Record<string, Schema> | undefined)?.[key];
      if (property) return [property];
      const patterns = Object.entries((branch.patternProperties as Record<string, Schema> | undefined) ?? {});
      const pattern = patterns.find(([regex]) => new RegExp(regex, 'u').test(key));
      return pattern ? [pattern[1]] : [];
    });
    if (declared.length > 0) problems.push(...undeclaredFields({ anyOf: declared }, child, resolve, field, found));
    else {
      // A map (`additionalProperties: {schema}` without properties) declares its values, not its keys.
      const maps = objects
        .map((branch) => branch.additionalProperties)
        .filter((extra): extra is Schema => typeof extra === 'object' && extra !== null);
      if (maps.length > 0 && objects.every((branch) => branch.properties === undefined)) {
        problems.push(...undeclaredFields({ anyOf: maps }, child, resolve, field, found));
      } else {
        problems.push(field);
        found?.(value as Record<string, unknown>, key);
      }
    }
  }
  return problems;
}

/** A copy of `value` without the fields `schema` does not declare (see `undeclaredFields`). */
export function withoutUndeclaredFields<T>(schema: Schema | undefined, value: T, resolve: Resolve): T {
  if (value === null || typeof value !== 'object') return value;
  const copy = structuredClone(value);
  undeclaredFields(schema, copy, resolve, '', (holder, key) => delete holder[key]);
  return copy;
}

/** The schema with its `$ref`s followed and its `allOf`/`anyOf`/`oneOf` spread out: every shape the value may take. */
function flatten(schema: Schema, resolve: Resolve, seen = new Set<Schema>()): Schema[] {
  let current = schema;
  while (typeof current.$ref === 'string') current = resolve(current.$ref);
  if (seen.has(current)) return [];
  seen.add(current);
  const parts = ['allOf', 'anyOf', 'oneOf'].flatMap((keyword) => (current[keyword] as Schema[] | undefined) ?? []);
  return [current, ...parts.flatMap((part) => flatten(part, resolve, seen))];
}

/** An object schema that names no properties: any key is as good as another (a map with schema'd values aside). */
function isFreeForm(branch: Schema): boolean {
  if (['allOf', 'anyOf', 'oneOf'].some((keyword) => branch[keyword] !== undefined)) return false;
  const anyKey = branch.additionalProperties === undefined || branch.additionalProperties === true;
  // `properties: {}` declares nothing: GitHub writes free-form objects that way too (an attestation's `dsseEnvelope`).
  const noProperties = branch.properties === undefined || Object.keys(branch.properties as object).length === 0;
  return noProperties && branch.patternProperties === undefined && anyKey;
}
