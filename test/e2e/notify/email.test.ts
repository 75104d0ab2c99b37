import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bed, notify, SMTP_PASSWORD, startBed, stdoutWithoutMasks, visible } from './bed.js';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
});
afterAll(() => bed.close());

const email = () => ({
  'provider': 'email',
  'smtp-host': '127.0.0.1',
  'smtp-port': String(bed.smtp.port),
  'smtp-username': 'deploys',
  'smtp-password': SMTP_PASSWORD,
  'email-from': 'Deploys <deploys@example.com>',
  'email-to': 'team@example.com',
});

const release = {
  'event': 'release-published',
  'version': '3.1.0',
  'release-url': 'https://github.com/octo/app/releases/tag/v3.1.0',
  'release-notes': '## Features\n- Search <b>everywhere</b>\n- Dark mode',
};

describe('email through a real SMTP server', () => {
  it('has the expected subject, text part and HTML part', async () => {
    const run = await notify(bed, { ...email(), ...release });
    expect(run.exitCode).toBe(0);
    const mail = bed.smtp.messages.at(-1)!;
    expect(mail).toMatchObject({
      user: 'deploys',
      from: 'deploys@example.com',
      to: ['team@example.com'],
      subject: '[octo/app] Released 3.1.0 🚀',
    });
    expect(mail.text).toContain('Succeeded: Released 3.1.0 🚀');
    expect(mail.text).toContain('Version: 3.1.0 <https://github.com/octo/app/releases/tag/v3.1.0>');
    expect(mail.text).toContain('Release notes:\n## Features\n- Search <b>everywhere</b>\n- Dark mode');
    expect(mail.html).toContain('<h2 style="margin:4px 0 12px">Released 3.1.0 🚀</h2>');
    expect(mail.html).toContain('<a href="https://github.com/octo/app/releases/tag/v3.1.0">3.1.0</a>');
    expect(mail.html).toContain('- Search &lt;b&gt;everywhere&lt;/b&gt;<br>- Dark mode');
    expect(JSON.parse(run.outputs['message-ids']!)).toEqual({
      email: { provider: 'email', id: mail.headers['message-id'] },
    });
  });

  it('retries a transient 451 and delivers once; a 550 fails at once', async () => {
    const before = bed.smtp.messages.length;
    bed.smtp.failNext([{ code: 451, message: 'Try again later' }]);
    const retried = await notify(bed, { ...email(), ...release });
    expect(JSON.parse(retried.outputs.results!)).toMatchObject([{ outcome: 'delivered', attempts: 2 }]);
    expect(bed.smtp.messages.length).toBe(before + 1);

    bed.smtp.failNext([{ code: 550, message: 'Mailbox unavailable' }]);
    const refused = await notify(bed, { ...email(), ...release });
    expect(refused.warnings).toEqual([
      'Notification not delivered: email #1: failed after 1 attempt: SMTP 550 Mailbox unavailable (permanent, not retried)',
    ]);
    expect(bed.smtp.messages.length).toBe(before + 1);
  });

  it('reports a refused login without the password', async () => {
    const run = await notify(bed, { ...email(), 'smtp-password': 'wrong-password-0001', ...release });
    expect(run.warnings[0]).toMatch(
      /^Notification not delivered: email #1: failed after 1 attempt: SMTP 535 .*\(permanent, not retried\)$/,
    );
    expect(bed.smtp.rejectedLogins).toContain('deploys');
    expect(`${visible(run)}\n${stdoutWithoutMasks(run)}`).not.toContain('wrong-password-0001');
  });
});
