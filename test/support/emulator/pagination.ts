import type { Reply } from './context.js';

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

export interface PageRequest {
  page: number;
  perPage: number;
}

/** GitHub's paging parameters: `per_page` defaults to 30 and is capped at 100, pages count from 1. */
export function pageRequest(params: Record<string, unknown>, defaultPerPage = DEFAULT_PER_PAGE): PageRequest {
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number(params.per_page ?? defaultPerPage) || defaultPerPage));
  const page = Math.max(1, Number(params.page ?? 1) || 1);
  return { page, perPage };
}

/**
 * One page of `items` and the `Link` header GitHub sends with it (next/last, and first/prev after
 * page one), built from the request's own URL so that clients following `rel="next"` come back here.
 */
export function paginate<T>(
  items: readonly T[],
  request: PageRequest,
  requestUrl: URL,
): { page: T[]; headers: Record<string, string> } {
  const { page, perPage } = request;
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const url = new URL(requestUrl);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, lastPage), 'prev'));
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

/** A paged JSON array reply. */
export function pagedReply<T>(
  items: readonly T[],
  params: Record<string, unknown>,
  requestUrl: URL,
  toJson: (item: T) => unknown,
): Reply {
  const { page, headers } = paginate(items, pageRequest(params), requestUrl);
  return { status: 200, body: page.map(toJson), headers };
}
