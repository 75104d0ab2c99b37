import { UserError } from '../runtime/errors.js';

const PLACEHOLDER = /\{\{\s*([a-z][a-z-]*)\s*\}\}/g;

/**
 * Fills `{{ version }}`-style placeholders from the message's values. An unknown name is a mistake
 * worth stopping for; a known name without a value becomes empty.
 */
export function renderMessageTemplate(
  template: string,
  values: Record<string, string | undefined>,
  input: string,
): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!(name in values)) {
      const known = Object.keys(values)
        .map((key) => `{{ ${key} }}`)
        .join(', ');
      throw new UserError(`Input '${input}' uses an unknown placeholder {{ ${name} }}; accepted: ${known}.`);
    }
    return values[name] ?? '';
  });
}
