/** A person or bot credited for a change. */
export interface Author {
  /** GitHub login when known (from the API); undefined offline. */
  login?: string;
  name?: string;
  email?: string;
  isBot: boolean;
}

export interface PullRequest {
  number: number;
  title: string;
  body: string;
  url: string;
  labels: string[];
  author: Author;
}

/** One line of the notes: a pull request, or a commit that has none. */
export interface Change {
  kind: 'pull-request' | 'commit';
  /** Pull-request number, for pull requests. */
  number?: number;
  /** First commit of the change in the range (newest first). */
  sha: string;
  title: string;
  body: string;
  labels: string[];
  author: Author;
  url?: string;
  /** Author e-mails of the commits this change brought, for first-time-contributor detection. */
  emails: string[];
  breaking: boolean;
  /** Brings a feature through a commit of its merged branch, whatever its own title says. */
  feature?: boolean;
  /** Conventional-commit type (`feat`, `fix`, ...) when the title follows the convention. */
  type?: string;
  scope?: string;
  /** The title without its conventional prefix. */
  subject: string;
}

export interface Section {
  title: string;
  changes: Change[];
}

export interface Contributor {
  login?: string;
  name?: string;
  firstTime: boolean;
  /** The first change that credits them (for "made their first contribution in #12"). */
  firstChange: Change;
}

/** Everything the notes say; rendered as Markdown, through a template, or written as JSON. */
export interface ReleaseNotes {
  tag: string;
  version?: string;
  previousTag?: string;
  nextVersion: string;
  compareUrl?: string;
  /** Where the history came from: local git, deepened git, or the compare API. */
  historySource: string;
  sections: Section[];
  contributors: Contributor[];
  newContributors: Contributor[];
}

/** The notes as plain data: what `json-file` holds and what a `template` sees. */
export function jsonModel(notes: ReleaseNotes): Record<string, unknown> {
  const credit = (contributor: Contributor) => ({
    login: contributor.login,
    name: contributor.name,
    firstTime: contributor.firstTime,
    firstChange: {
      number: contributor.firstChange.number,
      sha: contributor.firstChange.sha,
      url: contributor.firstChange.url,
    },
  });
  return {
    ...notes,
    sections: notes.sections.map((section) => ({
      title: section.title,
      changes: section.changes.map((change) => ({ ...change, emails: undefined })),
    })),
    contributors: notes.contributors.map(credit),
    newContributors: notes.newContributors.map(credit),
  };
}
