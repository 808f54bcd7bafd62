import { translate, type AppLocale } from "../i18n/translate";

/**
 * Canned replies for the helpdesk, written from our troubleshooting knowledge (messages:
 * canned.<id>.title/.body, in Dutch and English). The agent picks one; it is inserted in the
 * requester's language, to edit before sending.
 */
export const CANNED_RESPONSES = [
  "no_code_checklist",
  "only_newest_code",
  "clock_drift",
  "new_phone_setup",
  "new_number_change",
  "travelling_offline",
  "cant_disable_policy",
  "verify_by_code",
  "reset_done_pass",
] as const;
export type CannedResponseId = (typeof CANNED_RESPONSES)[number];

export function cannedResponses(requesterLocale: AppLocale, agentLocale: AppLocale): Array<{ id: CannedResponseId; title: string; body: string }> {
  return CANNED_RESPONSES.map((id) => ({ id, title: translate(agentLocale, `canned.${id}.title`), body: translate(requesterLocale, `canned.${id}.body`) }));
}
