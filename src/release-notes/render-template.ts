import type { FS } from 'liquidjs';
import { UserError } from '../runtime/errors.js';
import { jsonModel, type ReleaseNotes } from './notes-model.js';

/** Thrown by the template engine's file system, which has no files. */
class FileAccessRefused extends Error {}

const refuse = (): never => {
  throw new FileAccessRefused('templates cannot read files');
};

/**
 * The engine's only file system. A template runs in the workspace, where earlier steps may have left
 * credentials (a cloud login's key file, an .npmrc), so `{% include %}`, `{% render %}` and
 * `{% layout %}` must find nothing: no file is contained in any root, exists, or can be read.
 */
const NO_FILES: FS = {
  exists: () => Promise.resolve(false),
  existsSync: () => false,
  readFile: () => Promise.reject(new FileAccessRefused('templates cannot read files')),
  readFileSync: refuse,
  resolve: refuse,
  contains: () => Promise.resolve(false),
  containsSync: () => false,
  dirname: refuse,
  sep: '/',
};

/** Whether liquidjs failed because a tag tried to load a template file (its lookup error, or our refusal). */
function isFileAccess(error: unknown): boolean {
  for (
    let current = error;
    current instanceof Error;
    current = (current as { originalError?: unknown }).originalError
  ) {
    if (current instanceof FileAccessRefused) return true;
    if ((current as { code?: unknown }).code === 'ENOENT' && /Failed to lookup/.test(current.message)) return true;
  }
  return false;
}

/**
 * Renders a Liquid template (https://liquidjs.com) with the JSON model: `tag`, `version`,
 * `previousTag`, `nextVersion`, `compareUrl`, `sections[].title`, `sections[].changes[]` (`number`,
 * `title`, `subject`, `type`, `scope`, `breaking`, `labels`, `url`, `author.login`),
 * `contributors[]` and `newContributors[]` (`login`, `name`, `firstChange.number`).
 * The template has no file access: `include`, `render` and `layout` are refused.
 */
export async function renderNotesTemplate(
  template: string,
  notes: ReleaseNotes,
  source = "input 'template'",
): Promise<string> {
  // Loaded only for teams with their own template, keeping the action's start-up bundle small.
  const { Liquid } = await import('liquidjs');
  const engine = new Liquid({
    strictFilters: true,
    ownPropertyOnly: true,
    fs: NO_FILES,
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    cache: false,
  });
  try {
    return (await engine.parseAndRender(template, jsonModel(notes))) as string;
  } catch (error) {
    if (isFileAccess(error)) {
      const tag = (error as { token?: { getText?: () => string } }).token?.getText?.().split('\n')[0]?.slice(0, 100);
      throw new UserError(
        `The Liquid template in ${source} tries to read a file${tag ? ` (${tag})` : ''}: release-notes templates have no file access, so include, render and layout are refused; put that text in the template itself.`,
      );
    }
    throw new UserError(`The Liquid template in ${source} does not render: ${(error as Error).message.split('\n')[0]}`);
  }
}
