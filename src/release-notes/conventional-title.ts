import { CommitParser } from 'conventional-commits-parser';

const parser = new CommitParser({
  headerPattern: /^(\w*)(?:\(([^)]*)\))?!?: (.*)$/,
  breakingHeaderPattern: /^(\w*)(?:\(([^)]*)\))?!: (.*)$/,
  noteKeywords: ['BREAKING CHANGE', 'BREAKING-CHANGE'],
  // Issue references are never read here; their regex was a third of the time on long histories.
  issuePrefixes: undefined,
  referenceActions: undefined,
});

const MAX_PARSED_TITLE = 1_000;

export interface ConventionalParts {
  type?: string;
  scope?: string;
  subject: string;
  breaking: boolean;
}

/** Reads a Conventional Commits title (and body, for a `BREAKING CHANGE:` footer); plain titles pass through. */
export function parseConventional(title: string, body = ''): ConventionalParts {
  // The parser takes time quadratic in the header's length (19 s for 124,000 characters): the type
  // and scope are at the start, so only that part is parsed and the rest appended to the subject.
  if (title.length > MAX_PARSED_TITLE) {
    const head = parseConventional(title.slice(0, MAX_PARSED_TITLE), body);
    return { ...head, subject: head.subject + title.slice(MAX_PARSED_TITLE) };
  }
  const parsed = parser.parse(body ? `${title}\n\n${body}` : title);
  const breaking = parsed.notes.some((note) => /^BREAKING[ -]CHANGE$/.test(note.title));
  if (parsed.revert) return { type: 'revert', subject: title, breaking };
  if (!parsed.type) return { subject: title, breaking };
  return {
    type: parsed.type.toLowerCase(),
    scope: parsed.scope ?? undefined,
    subject: parsed.subject ?? title,
    breaking,
  };
}
