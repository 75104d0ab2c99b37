import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink.js';

describe('SMTP sink', () => {
  let smtp: SmtpSink | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  it('receives a message sent with nodemailer, with subject, text, html and headers', async () => {
    smtp = await startSmtpSink({ auth: { user: 'release-bot', pass: 's3cret' } });
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: false,
      auth: { user: 'release-bot', pass: 's3cret' },
    });
    await transport.sendMail({
      from: '"Slipway" <slipway@example.com>',
      to: 'team@example.com, ops@example.com',
      subject: 'Deployed v1.4.0 to production ✅',
      text: 'v1.4.0 is live.',
      html: '<p><strong>v1.4.0</strong> is live.</p>',
      headers: { 'X-Slipway-Run': '42' },
    });
    transport.close();

    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail).toMatchObject({
      envelope: { from: 'slipway@example.com', to: ['team@example.com', 'ops@example.com'] },
      user: 'release-bot',
      from: 'slipway@example.com',
      to: ['team@example.com', 'ops@example.com'],
      subject: 'Deployed v1.4.0 to production ✅',
      text: 'v1.4.0 is live.',
      html: '<p><strong>v1.4.0</strong> is live.</p>',
    });
    expect(mail?.headers['x-slipway-run']).toBe('42');
  });

  it('stops accepting connections once closed', async () => {
    const closing = await startSmtpSink();
    await closing.close();
    const transport = nodemailer.createTransport({ host: closing.host, port: closing.port, secure: false });
    await expect(transport.sendMail({ from: 'a@example.com', to: 'b@example.com', text: 't' })).rejects.toMatchObject({
      code: 'ESOCKET',
    });
    transport.close();
  });

  it('refuses wrong credentials when auth is required', async () => {
    smtp = await startSmtpSink({ auth: { user: 'release-bot', pass: 's3cret' } });
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: false,
      auth: { user: 'release-bot', pass: 'guess' },
    });
    await expect(
      transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' }),
    ).rejects.toMatchObject({ responseCode: 535 });
    transport.close();
    expect(smtp.rejectedLogins).toEqual(['release-bot']);
    expect(smtp.messages).toEqual([]);
  });

  it('accepts mail without auth when none is required, and fails queued deliveries with the given reply', async () => {
    smtp = await startSmtpSink();
    smtp.failNext([{ code: 421, message: 'Service not available, try again later' }]);
    const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false });
    const mail = { from: 'a@example.com', to: 'b@example.com', subject: 'hello', text: 'body' };
    await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 421 });
    await transport.sendMail(mail);
    transport.close();
    expect(smtp.messages.map((message) => message.subject)).toEqual(['hello']);
  });
});
