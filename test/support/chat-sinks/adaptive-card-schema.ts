import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Microsoft's published Adaptive Card 1.4 JSON schema (test/fixtures/adaptive-cards, MIT), the
 * rules Teams' card validator applies; compiled once, on first use.
 */
let validate: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (validate) return validate;
  const require = createRequire(import.meta.url);
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  // The schema is draft-06 and uses extra annotation keywords (`version`, `features`): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addMetaSchema(read(require.resolve('ajv/dist/refs/json-schema-draft-06.json')));
  const { id: _id, ...schema } = read(
    new URL('../../fixtures/adaptive-cards/adaptive-card-1.4.json', import.meta.url).pathname,
  );
  validate = ajv.compile(schema);
  return validate;
}

/**
 * What the Adaptive Card 1.4 schema finds wrong with `card`, one line each; empty when valid.
 * `msteams` is left out first: it is Teams' documented host extension (e.g. `{ width: 'Full' }`),
 * which Teams reads and the generic schema, closed to extra properties, does not know.
 */
export function adaptiveCardErrors(card: unknown): string[] {
  const { msteams: _msteams, ...generic } = (card ?? {}) as Record<string, unknown>;
  const check = compiled();
  if (check(generic)) return [];
  return (check.errors ?? []).map(
    (error) =>
      `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`,
  );
}
