import { UserError } from '../runtime/errors.js';
import { jsonModel, type ReleaseNotes } from './model.js';

/**
 * Renders a Liquid template (https://liquidjs.com) with the JSON model: `tag`, `version`,
 * `previousTag`, `nextVersion`, `compareUrl`, `sections[].title`, `sections[].changes[]` (`number`,
 * `title`, `subject`, `type`, `scope`, `breaking`, `labels`, `url`, `author.login`),
 * `contributors[]` and `newContributors[]` (`login`, `name`, `firstChange.number`).
 */
export async function renderTemplate(template: string, notes: ReleaseNotes, source = "input 'template'"): Promise<string> {
  // Loaded only for teams with their own template, keeping the action's start-up bundle small.
  const { Liquid } = await import('liquidjs');
  const engine = new Liquid({ strictFilters: true, ownPropertyOnly: true });
  try {
    return await engine.parseAndRender(template, jsonModel(notes));
  } catch (error) {
    throw new UserError(`The Liquid template in ${source} does not render: ${(error as Error).message.split('\n')[0]}`);
  }
}
