import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import nl from "@/messages/nl.json";
import { CALL_STATES, PHONE_ROLES } from "@/db/schema";
import { METHOD_LABEL_KEYS } from "@/server/verification/methods/method";
import { TEMPLATES } from "@/server/delivery/enqueue";
import { ERROR_CODES } from "@/server/core/errors";
import { EVENT_RESULTS, ROLES } from "@/db/schema";
import { AMR_LABELS } from "@/server/auth/session-facts";
import { AUDIT_ACTIONS } from "@/server/audit/record-audit";
import { CANNED_RESPONSES } from "@/server/helpdesk/canned-responses";
import { QUEUE_VIEWS } from "@/server/helpdesk/queue.schemas";
import { RESET_ACTIONS } from "@/server/helpdesk/reset-actions";
import { readinessNudgeNames } from "@/server/methods/recovery-readiness";
import { FINDINGS } from "@/server/diagnosis/rules";
import { SIGN_IN_STEPS } from "@/server/sign-in-log/record-sign-in-event";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "@/server/tickets/ticket-values";
import { WIZARD_IDS } from "@/server/troubleshooting/wizard-ids";
import { ACTION_IDS, WIZARDS } from "@/server/troubleshooting/wizards";
import { methodPages } from "@/server/verification/methods/registry";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments a message uses (plain, plural and select), found by parsing it. */
function placeholders(text: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type !== TYPE.literal && element.type !== TYPE.pound && "value" in element) names.add(String(element.value));
      if ("options" in element) for (const option of Object.values(element.options)) walk(option.value);
      if ("children" in element) walk(element.children);
    }
  };
  walk(parse(text));
  return [...names].sort();
}

/** Values that are rightly the same in both languages: names and technical terms. */
const SAME_IN_BOTH = new Set([
  "app.name",
  "tickets.authors.system",
  "tickets.authors.staff",
  "helpdesk.title",
  "helpdesk.status",
  "queue.filters.status",
  "queue.columns.status",
  "reports.minutes",
  "helpdesk.browser",
  "wizards.checks.deliveryLine",
  "authenticator.shortName",
]);

describe("message catalogs", () => {
  const enFlat = flatten(en as Tree);
  const nlFlat = flatten(nl as Tree);

  it("nl and en have exactly the same keys", () => {
    expect([...nlFlat.keys()].sort()).toEqual([...enFlat.keys()].sort());
  });

  it("every message has the same placeholders in both languages", () => {
    for (const [key, english] of enFlat) {
      expect({ key, placeholders: placeholders(nlFlat.get(key) ?? "") }).toEqual({ key, placeholders: placeholders(english) });
    }
  });

  it("Dutch texts are Dutch: none is a copy of the English (except names)", () => {
    const copies = [...enFlat].filter(([key, english]) => !SAME_IN_BOTH.has(key) && nlFlat.get(key) === english).map(([key]) => key);
    expect(copies).toEqual([]);
  });

  it("every error code in the catalog has a title, message, cause and fix in both languages", () => {
    for (const code of ERROR_CODES) {
      for (const part of ["title", "message", "cause", "fix"]) {
        expect(enFlat.get(`errors.${code}.${part}`), `en errors.${code}.${part}`).toBeTruthy();
        expect(nlFlat.get(`errors.${code}.${part}`), `nl errors.${code}.${part}`).toBeTruthy();
      }
    }
    expect(Object.keys((en as Tree).errors as Tree).sort()).toEqual([...ERROR_CODES].sort());
  });

  it("a phone is named by its role with the one method label (methods.labels), never a second wording", () => {
    for (const role of PHONE_ROLES) expect(METHOD_LABEL_KEYS).toContain(role);
  });

  it("every value the pages translate by name has its message in both languages", () => {
    const keys = [
      ...METHOD_LABEL_KEYS.flatMap((k) => [`methods.labels.${k}`, `methods.inSentence.${k}`]),
      ...CALL_STATES.map((s) => `phone.callStates.${s}`),
      ...["signed_in", "failed", "in_progress"].map((o) => `securityInfo.outcomes.${o}`),
      ...AMR_LABELS.map((m) => `securityInfo.sessionMethods.${m}`),
      ...TEMPLATES.flatMap((tpl) => [`notices.${tpl}.subject`, `notices.${tpl}.body`]),
      ...FINDINGS.flatMap((f) => (f === "other" ? [] : ["title", "what", "fix"].map((part) => `diagnosis.findings.${f}.${part}`))),
      ...["signed_in", "failed", "in_progress", "unfinished"].map((o) => `diagnosis.outcome.${o}`),
      ...EVENT_RESULTS.map((r) => `diagnosis.results.${r}`),
      ...SIGN_IN_STEPS.map((step) => `diagnosis.steps.${step}`),
      ...ACTION_IDS.map((a) => `wizards.actions.${a}`),
      ...methodPages().flatMap((p) => [`wizards.actions.${p.actionKey}`, `securityInfo.${p.linkKey}`]),
      ...WIZARD_IDS.flatMap((id) => [
        `wizards.${id}.title`,
        `wizards.${id}.summary`,
        ...WIZARDS[id].steps.flatMap((step) => [
          `wizards.${id}.steps.${step.id}.title`,
          `wizards.${id}.steps.${step.id}.body`,
          ...step.choices.map((c) => `wizards.${id}.steps.${step.id}.choices.${c.id}`),
        ]),
      ]),
      ...["never_registered", "registration_closed", "policy_not_required", "session_still_valid", "unknown"].map((r) => `wizards.checks.notPrompted.${r}`),
      ...["empty", "too_long", "nothing_recognised"].map((r) => `help.pasteProblems.${r}`),
      ...TICKET_CATEGORIES.map((c) => `tickets.categories.${c}`),
      ...TICKET_STATUSES.map((st) => `tickets.statuses.${st}`),
      ...TICKET_PRIORITIES.map((pr) => `helpdesk.priorities.${pr}`),
      ...["requester", "staff", "system"].map((a) => `tickets.authors.${a}`),
      ...RESET_ACTIONS.flatMap((a) => [`helpdesk.actions.${a}`, `helpdesk.actionDone.${a}`]),
      ...ROLES.map((r) => `helpdesk.roles.${r}`),
      ...AUDIT_ACTIONS.map((a) => `audit.actionNames.${a}`),
      ...["missing_column", "too_many_rows", "exists", "duplicate", "role_needs_approval", "manager_needs_approval"].map((p) => `admin.importProblems.${p}`),
      ...QUEUE_VIEWS.map((v) => `queue.views.${v}`),
      ...CANNED_RESPONSES.flatMap((c) => [`canned.${c}.title`, `canned.${c}.body`]),
      ...readinessNudgeNames().flatMap((n) => [`securityInfo.readiness.${n}`, `securityInfo.readiness.fix_${n}`]),
    ];
    for (const key of keys) {
      expect(enFlat.get(key), `en ${key}`).toBeTruthy();
      expect(nlFlat.get(key), `nl ${key}`).toBeTruthy();
    }
  });
});
