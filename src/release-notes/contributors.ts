import type { Author, Change, Contributor } from './notes-model.js';

/** `dependabot[bot]`, `Dependabot` and `dependabot` are one account: compare logins this way. */
export function normalizeLogin(login: string): string {
  return login
    .trim()
    .toLowerCase()
    .replace(/\[bot\]$/, '');
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

/** What identifies a person: login, e-mails and (case aside) name; two changes sharing any one are one person. */
function identities(change: Change): string[] {
  const { login, name, email } = change.author;
  const keys = [
    login && `login:${normalizeLogin(login)}`,
    email && `email:${email.toLowerCase()}`,
    name?.trim() && `name:${name.trim().toLowerCase()}`,
  ];
  return keys.filter((key): key is string => Boolean(key));
}

/**
 * People credited for `changes`, bots left out, each person once: changes whose author shares a
 * login, an e-mail or a name are one person's (credited by login when any is known). First-time
 * contributors are those none of whose commit e-mails appear in the history before the range
 * (`earlierEmails`); with no previous release, everyone is new.
 */
export function collectContributors(
  changes: readonly Change[],
  earlierEmails: ReadonlySet<string> | undefined,
  excludeAuthors: readonly string[],
): Contributor[] {
  const byIdentity = new Map<string, Contributor>();
  const people: Contributor[] = [];
  // Oldest first, so a contributor's first change is the one they are credited with.
  for (const change of [...changes].reverse()) {
    if (isExcludedAuthor(change.author, excludeAuthors)) continue;
    const keys = identities(change);
    if (keys.length === 0) continue;
    const seenBefore =
      earlierEmails !== undefined && change.emails.some((email) => earlierEmails.has(email.toLowerCase()));
    const known = [
      ...new Set(
        keys.map((key) => byIdentity.get(key)).filter((person): person is Contributor => person !== undefined),
      ),
    ].sort((a, b) => people.indexOf(a) - people.indexOf(b));
    const person = known[0] ?? {
      login: change.author.login,
      name: change.author.name,
      firstTime: true,
      firstChange: change,
    };
    if (!known[0]) people.push(person);
    // A change can join two people seen apart so far (one by e-mail, one by login): they become one.
    for (const other of known.slice(1)) {
      person.login ??= other.login;
      person.firstTime &&= other.firstTime;
      people.splice(people.indexOf(other), 1);
      for (const [key, value] of byIdentity) if (value === other) byIdentity.set(key, person);
    }
    person.login ??= change.author.login;
    person.firstTime &&= !seenBefore;
    for (const key of keys) byIdentity.set(key, person);
  }
  return people.sort((a, b) => (a.login ?? a.name ?? '').localeCompare(b.login ?? b.name ?? ''));
}
