import { createHash } from 'node:crypto';
import { readlink } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ChatSinks } from '../../test/support/chat-sinks.js';
import type { GitHubEmulator } from '../../test/support/emulator/index.js';
import type { SmtpSink } from '../../test/support/smtp-sink.js';
import type { Served } from './site.js';

export interface DemoReportSources {
  github: GitHubEmulator;
  chat: ChatSinks;
  smtp: SmtpSink;
  site: { url: string; served: Served[] };
  /** The dir: targets' root: `<hosting>/<environment>/{current,preview,blue,green}`. */
  hosting: string;
  environments: string[];
  headSha: string;
  /** Outputs of the steps the report's reader checks against the state. */
  outputs: Record<string, Record<string, string>>;
}

/**
 * What the demo left in the services it ran against, read from their state rather than from its
 * log: for `SLIPWAY_DEMO_REPORT=<file>` (the demo's test), written before the services close.
 */
export async function writeDemoReport(file: string, sources: DemoReportSources): Promise<void> {
  const { github, chat, smtp, site } = sources;
  const links: Record<string, Record<string, string | null>> = {};
  const live: Record<string, { health: unknown; page: string }> = {};
  for (const environment of sources.environments) {
    links[environment] = {};
    for (const link of ['current', 'preview', 'blue', 'green']) {
      links[environment][link] = await readlink(join(sources.hosting, environment, link)).then(
        (target) => basename(target),
        () => null,
      );
    }
    const health = await fetch(`${site.url}/${environment}/health.json`).then((response) => response.json());
    const page = await fetch(`${site.url}/${environment}/`).then((response) => response.text());
    live[environment] = { health, page };
  }
  const state = github.state;
  const report = {
    headSha: sources.headSha,
    outputs: sources.outputs,
    served: site.served,
    links,
    live,
    checkRuns: state.checkRuns.map(({ name, head_sha, status, conclusion, output }) => ({
      name,
      head_sha,
      status,
      conclusion,
      title: output.title,
    })),
    deployments: state.deployments.map(({ id, environment, sha, payload }) => ({ id, environment, sha, payload })),
    deploymentStatuses: state.deploymentStatuses.map(({ deploymentId, state, environment, description }) => ({
      deploymentId,
      state,
      environment,
      description,
    })),
    releases: state.releases.map((release) => ({
      tag: release.tag_name,
      draft: release.draft,
      body: release.body,
      assets: release.assets.map((asset) => ({
        name: asset.name,
        size: asset.data.length,
        digest: `sha256:${createHash('sha256').update(asset.data).digest('hex')}`,
      })),
    })),
    slack: chat.slack.messages.map(({ ts, text, edited }) => ({ ts, text, edited: Boolean(edited) })),
    emails: smtp.messages.map(({ subject, to, headers }) => ({
      subject,
      to,
      messageId: headers['message-id'],
      inReplyTo: headers['in-reply-to'],
    })),
  };
  writeFileSync(file, JSON.stringify(report, null, 2));
}
