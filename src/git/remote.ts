/** `owner/name` of a GitHub remote URL (https or ssh), for the compare link. */
export function repositoryOfRemote(url: string): string | undefined {
  return /github\.com[:/]([^/\s]+\/[^/\s]+?)(?:\.git)?\/?$/.exec(url.trim())?.[1];
}
