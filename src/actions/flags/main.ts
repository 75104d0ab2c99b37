import { resolve } from 'node:path';
import { type ActionContext, requireRepository } from '../../runtime/action-context.js';
import { actionGitHubClient } from '../../runtime/action-github-client.js';
import { markdownTable, tableCell } from '../../runtime/summary.js';
import { core, setOutputs, writeJobSummary } from '../../runtime/toolkit.js';
import { gitHubApi } from '../../promotion/github-api.js';
import type { FlagsDestination } from '../../flags/apply-flags.js';
import { repositoryFlags } from '../../flags/environment-flags.js';
import {
  type ChangeContext,
  diffEnvironments,
  type FlagsContext,
  getFlags,
  promoteFlags,
  setFlagIn,
} from '../../flags/flag-operations.js';
import { type FlagChange, servedVariants } from '../../flags/set-flag.js';
import { actionExec } from '../../actions/shared/run-environment.js';
import type { Inputs } from './inputs.js';

const changesTable = (changes: FlagChange[], [a, b]: [string, string]) =>
  markdownTable(
    ['Flag', a, b],
    changes.map((c) => [c.flag, c.from ?? '—', c.to ?? '—']),
  );

/** The action, once `readInputs` has accepted every input (see index.ts). */
export async function run(inputs: Inputs, context: ActionContext): Promise<void> {
  const repo = requireRepository(context);
  const gh = gitHubApi(actionGitHubClient(inputs.token, context), { writeBackoffMs: context.tuning.retryBaseMs });
  const file = resolve(context.workspace, inputs.flagsFile);
  const ctx: FlagsContext = {
    gh,
    repo,
    fromRepository: (environment) => repositoryFlags(file, environment, inputs.flagsFile),
    trustedCreators: inputs.trustedCreators,
  };
  if (inputs.command === 'get') {
    const environment = inputs.environment as string;
    const served = servedVariants(await getFlags(ctx, environment));
    setOutputs({ flags: JSON.stringify(served) });
    writeJobSummary(
      [`### 🚩 Flags in ${environment}`, '', markdownTable(['Flag', 'Serves'], Object.entries(served)), ''].join('\n'),
    );
    return;
  }
  const [from, to] = [inputs.from as string, inputs.to as string];
  if (inputs.command === 'diff') {
    const changes = await diffEnvironments(ctx, from, to);
    setOutputs({ diff: JSON.stringify(changes) });
    writeJobSummary(
      [
        `### 🚩 ${changes.length} flag${changes.length === 1 ? '' : 's'} differ between ${from} and ${to}`,
        '',
        changes.length ? changesTable(changes, [from, to]) : '',
        '',
      ].join('\n'),
    );
    return;
  }
  const destination: FlagsDestination = inputs.target
    ? { kind: 'target', target: inputs.target }
    : { kind: 'command', words: inputs.flagsCommand, exec: actionExec(inputs.passEnv), tempDir: context.temp };
  const change: ChangeContext = {
    ...ctx,
    destination,
    actor: inputs.actor ?? context.actor ?? '',
    runUrl: context.runUrl ?? '',
    sha: context.sha ?? '',
    production: (environment) => inputs.production ?? /^prod(uction)?$/i.test(environment),
  };
  try {
    const environment = inputs.command === 'set' ? (inputs.environment as string) : to;
    const applied =
      inputs.command === 'set'
        ? await setFlagIn(change, environment, inputs.flag as string, inputs.value as string, inputs.reason)
        : await promoteFlags(change, from, to, inputs.reason);
    if (applied.outcome === 'unchanged') core.info(`${environment} already serves these flags; nothing written.`);
    setOutputs({
      'flags': JSON.stringify(servedVariants(applied.set)),
      'changed': JSON.stringify(applied.changed),
      'deployment-id': applied.deploymentId === undefined ? '' : String(applied.deploymentId),
    });
    writeJobSummary(
      [
        applied.outcome === 'unchanged'
          ? `### 🚩 ${environment} already serves these flags`
          : `### 🚩 Flags changed in ${environment} (deployment ${applied.deploymentId})`,
        '',
        applied.changed.length ? changesTable(applied.changed, ['Before', 'Now']) : '',
        inputs.reason ? `Reason: ${tableCell(inputs.reason)}` : '',
        '',
      ].join('\n'),
    );
  } finally {
    await inputs.target?.close();
  }
}
