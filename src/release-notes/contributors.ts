import type { Author, Change, Contributor } from './notes-model.js';

/** `dependabot[bot]`, `Dependabot` and `dependabot` are one account: compare logins this way. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase().replace(/\[bot\]$/, '');
}

/** Whether `exclude-authors` lists this author (by login, or by name offline). */
export function isListedAuthor(author: Author, excludeAuthors: readonly string[]): boolean {
  const excluded = new Set(excludeAuthors.map(normalizeLogin));
  return [author.login, author.name].some((id) => id !== undefined && excluded.has(normalizeLogin(id)));
}

/** Left out of credits: author type Bot, a `[bot]` login or name, or listed in `exclude-authors`. */
export function isExcludedAuthor(author: Author, excludeAuthors: readonly string[]): boolean {
  if (author.isBot || /\[bot\]$/i.test(author.login ?? author.name ?? '')) return true;
  return isListedAuthor(author, excludeAuthors);
}

function identity(author: Author): string | undefined {
  if (author.login) return `login:${normalizeLogin(author.login)}`;
  if (author.email) return `email:${author.email.toLowerCase()}`;
  return author.name ? `name:${author.name}` : undefined;
}

/**
 * People credited for `changes`, bots left out. First-time contributors are those none of whose
 * commit e-mails appear in the history before the range (`earlierEmails`); with no previous
 * release, everyone is new.
 */
export function collectContributors(changes: readonly Change[], earlierEmails: ReadonlySet<string> | undefined,
  excludeAuthors: readonly string[]): Contributor[] {
  const byIdentity = new Map<string, Contributor>();
  // Oldest first, so a contributor's first change is the one they are credited with.
  for (const change of [...changes].reverse()) {
    if (isExcludedAuthor(change.author, excludeAuthors)) continue;
    const key = identity(change.author);
    if (!key) continue;
    const seenBefore = earlierEmails !== undefined && change.emails.some((email) => earlierEmails.has(email.toLowerCase()));
    const existing = byIdentity.get(key);
    if (existing) existing.firstTime &&= !seenBefore;
    else byIdentity.set(key, { login: change.author.login, name: change.author.name, firstTime: !seenBefore, firstChange: change });
  }
  return [...byIdentity.values()].sort((a, b) => (a.login ?? a.name ?? '').localeCompare(b.login ?? b.name ?? ''));
}
