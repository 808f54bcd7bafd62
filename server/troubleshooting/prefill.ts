import type { ErrorDetailsFieldsRow } from "@/db/schema";
import { ticketDiagnosticsInput } from "../tickets/tickets.schemas";

/** The short query names Get help links use for the five fields. */
export const PREFILL_PARAMS = { code: "errorCode", cid: "correlationId", sid: "displaySessionId", at: "occurredAt", url: "pageUrl" } as const;

/**
 * Prefill for a wizard from untrusted input (a link, a form): each field is validated on its own
 * and a bad one is dropped, so one garbled value does not cost the others.
 */
export function cleanPrefill(raw: Partial<Record<keyof ErrorDetailsFieldsRow, unknown>>): ErrorDetailsFieldsRow {
  const clean: ErrorDetailsFieldsRow = {};
  for (const field of Object.values(PREFILL_PARAMS)) {
    const value = raw[field];
    if (typeof value !== "string" || value.trim() === "") continue;
    const parsed = ticketDiagnosticsInput.safeParse({ [field]: value });
    const out = parsed.success ? parsed.data[field] : undefined;
    if (typeof out === "string") clean[field] = out;
  }
  return clean;
}

/** Reads prefill from search params (?code=…&cid=…&sid=…&at=…&url=…). */
export function prefillFromSearch(search: Record<string, string | string[] | undefined>): ErrorDetailsFieldsRow {
  const raw: Partial<Record<keyof ErrorDetailsFieldsRow, unknown>> = {};
  for (const [param, field] of Object.entries(PREFILL_PARAMS)) {
    const value = search[param];
    raw[field] = Array.isArray(value) ? value[0] : value;
  }
  return cleanPrefill(raw);
}

/** The query string that carries prefill (for Get help links and the paste form). */
export function prefillQuery(prefill: ErrorDetailsFieldsRow): string {
  const params = new URLSearchParams();
  for (const [param, field] of Object.entries(PREFILL_PARAMS)) {
    const value = prefill[field];
    if (value) params.set(param, value);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}
