import { createHash, createHmac } from 'node:crypto';

/**
 * The host keys an `ssh:` target accepts, pinned in advance: OpenSSH `known_hosts` lines for the
 * target's host (plain, `[host]:port`, hashed `|1|…`, wildcards, `!` negations, `@revoked`) and/or
 * fingerprints as `ssh-keygen -lf` prints them (`SHA256:…`). Anything else is refused.
 */
export interface HostKeyPin {
  /** Accepted key blobs, base64 as in known_hosts. */
  keys: Set<string>;
  /** Accepted SHA-256 fingerprints, `SHA256:<base64 without padding>`. */
  fingerprints: Set<string>;
  /** `@revoked` key blobs: refused even when also listed. */
  revoked: Set<string>;
  /** Key types named by the pinned keys, offered first so the server presents one of them. */
  types: string[];
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** `SHA256:…` of a key blob, exactly as `ssh-keygen -lf` prints it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The type a key blob names (its first SSH string), such as `ssh-ed25519`. */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return length > 0 && length < 64 && blob.length >= 4 + length ? blob.toString('latin1', 4, 4 + length) : 'unknown';
}

function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Whether one known_hosts host field names `host` on `port` (OpenSSH's rules, `!` negations first). */
function namesHost(field: string, host: string, port: number): boolean {
  const name = port === 22 ? host : `[${host}]:${port}`;
  const hashed = /^\|1\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(field);
  if (hashed) {
    const mac = createHmac('sha1', Buffer.from(hashed[1] as string, 'base64'))
      .update(name)
      .digest('base64');
    return mac === hashed[2];
  }
  let matched = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    if (wildcard(negated ? pattern.slice(1) : pattern).test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/**
 * Reads the pinned keys for `host`:`port` from `known_hosts` lines and `SHA256:` fingerprints (one a
 * line; `#` comments and blank lines ignored). Throws with what is wrong, naming the line by number;
 * also when nothing in the text pins this host, since then every connection would be refused.
 */
export function parseHostKeyPin(text: string, host: string, port: number): HostKeyPin {
  const pin: HostKeyPin = { keys: new Set(), fingerprints: new Set(), revoked: new Set(), types: [] };
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (FINGERPRINT.test(line)) {
      pin.fingerprints.add(line);
      continue;
    }
    const fields = line.split(/\s+/);
    const marker = fields[0]?.startsWith('@') ? fields.shift() : undefined;
    const [hosts, type, key] = fields;
    if (!hosts || !type || !key || !BASE64.test(key) || (marker && !['@revoked', '@cert-authority'].includes(marker)))
      throw new Error(
        `line ${index + 1} is neither \`SHA256:<43 base64 characters>\` nor a known_hosts line \`host key-type base64-key\``,
      );
    if (marker === '@cert-authority' || !namesHost(hosts, host, port)) continue;
    if (marker === '@revoked') pin.revoked.add(key);
    else {
      pin.keys.add(key);
      if (!pin.types.includes(type)) pin.types.push(type);
    }
  }
  if (pin.keys.size === 0 && pin.fingerprints.size === 0)
    throw new Error(
      `nothing in it pins ${port === 22 ? host : `[${host}]:${port}`} (known_hosts lines for other hosts only, or none)`,
    );
  return pin;
}

/** Whether a presented key blob is pinned (and not revoked). */
export function hostKeyAccepted(pin: HostKeyPin, blob: Buffer): boolean {
  const key = blob.toString('base64');
  if (pin.revoked.has(key)) return false;
  return pin.keys.has(key) || pin.fingerprints.has(fingerprint(blob));
}

/** The host key algorithms ssh2 offers by default (and OpenSSH serves), most preferred first. */
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/**
 * Host key algorithms with those of the pinned key types first, so a server with several keys
 * presents a pinned one (as OpenSSH's client orders them by known_hosts).
 */
export function hostKeyAlgorithms(pin: HostKeyPin): string[] {
  const pinned = pin.types.flatMap((type) =>
    type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type],
  );
  const first = HOST_KEY_ALGORITHMS.filter((algorithm) => pinned.includes(algorithm));
  return [...first, ...HOST_KEY_ALGORITHMS.filter((algorithm) => !first.includes(algorithm))];
}
