/**
 * The help page of an error code; with the sign-in's correlation ID, so the page can word the code
 * for the way the refusal happened on (a wrong text code is explained for the text).
 */
export function errorPageHref(code: string, correlationId: string | null | undefined): string {
  return `/help/errors/${code}${correlationId ? `?cid=${encodeURIComponent(correlationId)}` : ""}`;
}
