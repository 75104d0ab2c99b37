// `npm run demo`: Slipway's whole delivery pipeline on this machine. The bundled actions (dist/) run
// through the runner harness against local services — the GitHub emulator, an Actions artifact
// backend, chat and SMTP sinks — and a real web server hosting the sample app from the dir: target.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startArtifactService } from '../test/support/artifact-service.js';
import { startChatSinks } from '../test/support/chat-sinks.js';
import { startEmulator } from '../test/support/emulator/index.js';
import { examplePayload } from '../test/support/examples.js';
import { type ActionRun, runAction, type RunActionOptions } from '../test/support/harness.js';
import { startSmtpSink } from '../test/support/smtp-sink.js';
import { sshdAvailable, startOpenSsh } from '../test/support/openssh-server.js';
import { writeDemoReport } from './demo/report.js';
import { createSampleRepo } from './demo/sample-app.js';
import { startSite } from './demo/site.js';
import { terminalSummary } from './demo/terminal-summary.js';

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'slipway-demo-'));
const artifacts = await startArtifactService();
const github = await startEmulator({ artifacts });
const chat = await startChatSinks();
const smtp = await startSmtpSink();
const site = await startSite(join(work, 'hosting'));
// Production is a server reached over SSH (a real sshd on 127.0.0.1) when OpenSSH is installed.
const sshd = sshdAvailable() ? await startOpenSsh() : undefined;
const REPOSITORY = 'octo/hello-slipway';
let runId = 7000;

function step(title: string): void {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

/** Runs one action as the runner would and shows its job summary; stops the demo if it fails unexpectedly. */
async function action(
  title: string,
  options: Omit<RunActionOptions, 'github' | 'repository'>,
  expect: 'success' | 'failure' = 'success',
): Promise<ActionRun> {
  step(title);
  const run = await runAction({
    github,
    artifacts,
    repository: REPOSITORY,
    runId,
    env: { SLIPWAY_POLL_MS: '100', SLIPWAY_SLACK_API_URL: chat.slack.apiUrl },
    ...options,
  });
  console.log(terminalSummary(run.summary) || '(no summary)');
  for (const error of run.errors) console.log(`  error: ${error}`);
  const ok = run.exitCode === 0;
  if (ok !== (expect === 'success'))
    throw new Error(`${title}: expected ${expect}, got exit ${run.exitCode}\n${run.stdout}\n${run.stderr}`);
  return run;
}

const destinations = [
  // With a bot token (not an incoming webhook) Slack lets the "deploying" message be edited into "deployed".
  `- provider: slack\n  slack-token: ${chat.slack.token}\n  channel: ${chat.slack.channels.deployments}`,
  `- provider: email\n  smtp-host: 127.0.0.1\n  smtp-port: ${smtp.port}\n  smtp-secure: false\n  email-from: Deploys <deploys@example.com>\n  email-to: team@example.com`,
].join('\n');

try {
  step('A sample repository with four merged pull requests');
  const repo = createSampleRepo(join(work, 'repo'));
  const handle = github.repo(REPOSITORY, { gitDir: repo.dir });
  for (const pull of repo.pullRequests) handle.addPullRequest(pull);
  for (const pull of repo.pullRequests) console.log(`  #${pull.number} ${pull.title} — @${pull.author}`);
  const sha = repo.git('rev-parse', 'HEAD');

  /** Builds and tests one version; the "broken" build ships without its health endpoint. */
  const build = (version: string, broken = false) => {
    execFileSync(process.execPath, ['build.mjs', version], {
      cwd: repo.dir,
      env: { ...process.env, BREAK_HEALTH: broken ? '1' : '' },
    });
    mkdirSync(join(repo.dir, 'reports'), { recursive: true });
    execFileSync(
      process.execPath,
      ['--test', '--test-reporter=junit', '--test-reporter-destination=reports/junit.xml', 'test/page.test.mjs'],
      { cwd: repo.dir },
    );
  };
  const common = { workspace: repo.dir, sha, ref: 'refs/heads/main' };
  const target = (environment: string) => `dir:${join(work, 'hosting', environment)}`;
  /** The inputs that say where an environment is deployed: production over SSH when sshd is there. */
  const where = (environment: string): Record<string, string> =>
    sshd && environment === 'production'
      ? {
          'target': sshd.url(join(work, 'hosting', environment)),
          'ssh-key': sshd.privateKey,
          'known-hosts': sshd.knownHosts,
        }
      : { target: target(environment) };
  console.log(
    sshd
      ? `\n  sshd found: production is deployed over SSH to ${sshd.url(join(work, 'hosting', 'production'))}`
      : '\n  sshd not found: deploying to dir: instead',
  );
  const live = (environment: string) => `${site.url}/${environment}/health.json`;

  build('1.0.0');
  const gate = await action('Gate on the tests (node --test, JUnit)', {
    ...common,
    action: 'gate',
    inputs: { 'reports': 'reports/*.xml', 'check-run': 'Slipway gate' },
  });
  const artefacts = join(work, 'artefacts', '1.0.0');
  const packaged = await action('Package once: hello-slipway 1.0.0', {
    ...common,
    action: 'package',
    inputs: { 'path': 'dist', 'name': 'hello-slipway', 'version': '1.0.0', 'output-dir': artefacts },
  });
  const artifact = packaged.outputs['artifact-name']!;

  const notice = await action('Tell the team: deploying', {
    ...common,
    action: 'notify',
    inputs: { destinations, event: 'deployment-started', version: '1.0.0', environment: 'dev → staging → production' },
  });
  for (const [environment, from] of [
    ['dev', ''],
    ['staging', 'dev'],
    ['production', 'staging'],
  ] as const) {
    const over = sshd && environment === 'production' ? ' over SSH' : '';
    await action(`Promote 1.0.0 to ${environment}${from ? ` (from ${from})` : ''}, blue/green${over}`, {
      ...common,
      action: 'promote',
      inputs: {
        environment,
        ...(from ? { from } : { digest: packaged.outputs.digest!, version: '1.0.0' }),
        artifact,
        'strategy': 'blue-green',
        ...where(environment),
        'preview-url': `${site.url}/${environment}/preview/health.json`,
        'verify-url': live(environment),
        'verify-version': 'version',
        'environment-url': `${site.url}/${environment}/`,
        'production': String(environment === 'production'),
      },
    });
  }
  await action('Tell the team: deployed (the same message, updated)', {
    ...common,
    action: 'notify',
    inputs: {
      destinations,
      'event': 'deployment-succeeded',
      'version': '1.0.0',
      'environment': 'production',
      'environment-url': `${site.url}/production/`,
      'update': notice.outputs['message-ids']!,
    },
  });

  repo.git('tag', 'v1.0.0');
  handle.setRef('refs/tags/v1.0.0', sha);
  const tagPush = examplePayload('push', (payload) => {
    payload.ref = 'refs/tags/v1.0.0';
    payload.after = sha;
  });
  const release = await action('Tag v1.0.0: release notes with the artefact attached (uses: slipway-hq/slipway@v1)', {
    ...common,
    action: 'root',
    ref: 'refs/tags/v1.0.0',
    event: { name: 'push', payload: tagPush },
    inputs: { assets: `${packaged.outputs.file}\n${join(artefacts, 'SHA256SUMS')}` },
  });
  await action('Announce the release', {
    ...common,
    action: 'notify',
    inputs: {
      destinations,
      'event': 'release-published',
      'version': release.outputs.version!,
      'release-url': release.outputs['release-url']!,
      'release-notes': release.outputs.notes!,
    },
  });

  runId += 1;
  build('1.1.0', true);
  const broken = await action('Package 1.1.0 (its health endpoint is missing)', {
    ...common,
    action: 'package',
    inputs: { path: 'dist', name: 'hello-slipway', version: '1.1.0' },
  });
  await action(
    'Promote 1.1.0 to dev: verification fails, traffic is switched back',
    {
      ...common,
      action: 'promote',
      inputs: {
        'environment': 'dev',
        'digest': broken.outputs.digest!,
        'version': '1.1.0',
        'artifact': broken.outputs['artifact-name']!,
        'strategy': 'blue-green',
        'target': target('dev'),
        'verify-url': live('dev'),
        'verify-version': 'version',
        'verify-timeout': '2s',
      },
    },
    'failure',
  );
  const served = await fetch(live('dev')).then((response) => response.json() as Promise<{ version: string }>);
  console.log(`  dev still serves ${served.version}`);

  // Feature flags: promote carried flags.json to each target with the release; pull a feature in production.
  const features = (environment: string) =>
    fetch(`${site.url}/${environment}/features`).then(
      (response) => response.json() as Promise<Record<string, unknown>>,
    );
  const featuresBefore = await features('production');
  const flagged = await action('Pull a feature in production with a flag: greeting-v2 off, no new release', {
    ...common,
    action: 'flags',
    inputs: {
      command: 'set',
      environment: 'production',
      flag: 'greeting-v2',
      value: 'off',
      reason: 'greeting-v2 confuses visitors',
      target: target('production'),
    },
  });
  const featuresAfter = await features('production');
  const stillServing = await fetch(live('production')).then(
    (response) => response.json() as Promise<{ version: string }>,
  );
  console.log(
    `  production serves greeting-v2=${String(featuresAfter['greeting-v2'])} (was ${String(featuresBefore['greeting-v2'])}), still release ${stillServing.version}`,
  );

  await action('Where each version runs, and how well it delivers (DORA)', {
    ...common,
    action: 'status',
    inputs: { environments: 'dev, staging, production', metrics: 'true' },
  });
  const reportFile = process.env.SLIPWAY_DEMO_REPORT;
  if (reportFile) {
    await writeDemoReport(reportFile, {
      github,
      chat,
      smtp,
      site,
      hosting: join(work, 'hosting'),
      environments: ['dev', 'staging', 'production'],
      headSha: sha,
      outputs: {
        gate: gate.outputs,
        package: packaged.outputs,
        broken: broken.outputs,
        release: release.outputs,
        flags: {
          ...flagged.outputs,
          'features-before': JSON.stringify(featuresBefore),
          'features-after': JSON.stringify(featuresAfter),
          'live-version': stillServing.version,
        },
      },
    });
  }
  step('Delivered');
  console.log(
    `  chat messages: ${chat.slack.messages.length} to Slack; e-mails: ${smtp.messages.length}; GitHub API requests: ${github.count()}`,
  );
  console.log(
    `  releases: ${github.state.releases.map((release) => `${release.tag_name} (${release.assets.length} assets, ${release.body?.length ?? 0} characters of notes)`).join(', ')}`,
  );
  console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await Promise.all([github.close(), artifacts.close(), chat.close(), smtp.close(), site.close(), sshd?.stop()]);
  rmSync(work, { recursive: true, force: true });
}
