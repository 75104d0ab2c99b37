import type { Author } from './notes-model.js';

/** GitHub's noreply addresses: `12345+login@users.noreply.github.com` (or the older `login@…`). */
// Only characters a login may hold, so the login is safe to mention.
const NOREPLY = /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?)@users\.noreply\.github\.com$/i;

/** Addresses bots commit with that are not GitHub noreply ones. */
const BOT_EMAILS = new Set(['bot@renovateapp.com', 'support@dependabot.com', 'noreply@github.com']);

/** Logins of well-known bots, with or without their `[bot]` suffix. */
const BOT_LOGINS =
  /^(?:dependabot(?:-preview)?|renovate|renovate-bot|github-actions|octokit-bot|greenkeeper|snyk-bot|pre-commit-ci)(?:\[bot\])?$/i;

/** The GitHub login a noreply address stands for, if it is one. */
export function loginOfEmail(email: string | undefined): string | undefined {
  return email ? NOREPLY.exec(email.trim())?.[1] : undefined;
}

/**
 * A bot: `[bot]` in the name or login, a name ending in the word "bot" (`Renovate Bot`, `Octokit Bot`),
 * a known bot login, or an address bots commit with.
 */
export function looksLikeBot(
  name: string | undefined,
  email: string | undefined,
  login = loginOfEmail(email),
): boolean {
  if (/\[bot\]$/i.test(name ?? '') || /\bbot$/i.test(name?.trim() ?? '')) return true;
  if (login && (/\[bot\]$/i.test(login) || BOT_LOGINS.test(login))) return true;
  return email !== undefined && BOT_EMAILS.has(email.trim().toLowerCase());
}

/** A commit's author offline: the login from a noreply address, and whether it is a bot. */
export function commitAuthor(name: string, email: string): Author {
  const login = loginOfEmail(email);
  // `dependabot[bot]` is mentioned as @dependabot, as GitHub's API names it.
  return {
    name,
    email,
    ...(login ? { login: login.replace(/\[bot\]$/i, '') } : {}),
    isBot: looksLikeBot(name, email, login),
  };
}
