/** Matches a page URL by its path (and optional query), whatever the origin. */
export function pathIs(path: string, query?: string): (url: URL) => boolean {
  return (url) => url.pathname === path && (query === undefined || url.search === query);
}
