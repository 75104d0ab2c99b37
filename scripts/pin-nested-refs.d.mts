// Types of pin-nested-refs.mjs, for the tests that import it.
/** What a `uses:` names when it is Slipway's own: `{ workflow: '.github/workflows/x.yml' }` or `{}` for an action. */
export function nestedRef(uses: string): { path: string; ref: string; workflow: string | undefined } | undefined;
/** The text with every `uses: slipway-hq/slipway…@<ref>` pinned: actions to `code`, reusable workflows to `workflows`. */
export function pinNestedRefs(text: string, refs: { code: string; workflows: string }): string;
/** The files a release pins: reusable workflows (`on: workflow_call`) and starter templates, relative to `root`. */
export function releasedFiles(root: string): string[];
/** How many release commits it takes until every chain of nested references ends in pinned actions. */
export function nestingDepth(root: string, files?: string[]): number;
