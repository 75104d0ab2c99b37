// Types of action-docs.mjs, for the tests that import it.
export interface ActionMeta {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string }>;
}

/** The generated Markdown for one action.yml. */
export function referenceFor(meta: ActionMeta): string;
/** The page with its reference section replaced (or appended, for a new page). */
export function updatedPage(page: string | undefined, meta: ActionMeta, name: string): string;
/** Pages that are out of date (and, unless `check`, rewrites them). */
export function syncActionDocs(root: string, options?: { check?: boolean }): string[];
