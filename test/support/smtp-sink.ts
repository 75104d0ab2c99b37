import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that keeps every message, parsed by mailparser.
 * AUTH PLAIN/LOGIN is accepted, and required when `auth` is given; STARTTLS is not offered.
 */

export interface CapturedMail {
  /** Envelope: MAIL FROM and RCPT TO as the client sent them. */
  envelope: { from: string; to: string[] };
  /** The user who authenticated, if any. */
  user?: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  /** Header names lower-cased; structured values (addresses, dates) as mailparser decodes them. */
  headers: Record<string, unknown>;
  attachments: Array<{ filename?: string; contentType: string; content: Buffer }>;
  raw: string;
}

export interface SmtpFailure {
  /** SMTP reply code, e.g. 421 or 550. */
  code: number;
  message: string;
}

export interface SmtpSink {
  host: '127.0.0.1';
  port: number;
  messages: CapturedMail[];
  /** Failed AUTH attempts, by user name. */
  rejectedLogins: string[];
  /** The next messages are refused at the end of DATA with these replies, in order. */
  failNext(failures: SmtpFailure[]): void;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Require AUTH with exactly these credentials. */
  auth?: { user: string; pass: string };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((object) => object.value.map((address) => address.address ?? '')).filter(Boolean);
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  const rejectedLogins: string[] = [];
  const failures: SmtpFailure[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    closeTimeout: 200,
    logger: false,
    onAuth(auth, _session, callback) {
      const { user, pass } = options.auth ?? { user: auth.username, pass: auth.password };
      if (auth.username === user && auth.password === pass) return callback(null, { user: auth.username });
      rejectedLogins.push(auth.username ?? '');
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const failure = failures.shift();
        if (failure) return callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            messages.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((recipient) => recipient.address),
              },
              user: typeof session.user === 'string' ? session.user : undefined,
              from: addresses(mail.from)[0] ?? '',
              to: addresses(mail.to),
              cc: addresses(mail.cc),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: mail.html || '',
              headers: Object.fromEntries(mail.headers),
              attachments: mail.attachments.map((attachment) => ({
                filename: attachment.filename,
                contentType: attachment.contentType,
                content: attachment.content,
              })),
              raw: raw.toString('utf8'),
            });
            callback();
          })
          .catch((error: Error) => callback(Object.assign(error, { responseCode: 554 })));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    messages,
    rejectedLogins,
    failNext: (list) => failures.push(...list),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
