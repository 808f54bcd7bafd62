import type { TicketCategory, TicketPriority } from "../tickets/ticket-values";
import type { MethodKind, MethodPage } from "../verification/methods/method";
import { methodFor, methodPages } from "../verification/methods/registry";
import type { WizardId } from "./wizard-ids";

/**
 * The troubleshooting wizards as data. A step shows its text (messages:
 * wizards.<wizard>.steps.<step>.title/.body), the state-aware checks it names (computed from the
 * person's real state by checks.ts), links to actions, and choices. A choice leads to another
 * step, to "resolved" (the run ends solved) or to "ticket" (the ticket form, prefilled).
 * Later issues add wizards and steps here (app passwords, push); the engine does not change.
 */
export const CHECK_IDS = ["diagnosis", "methods", "delivery", "senders", "clock", "not_prompted", "policy", "lost_phone_methods", "error_code", "countries"] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const ACTION_IDS = ["back_to_sign_in", "sign_in_another_way", "security_info", "lost_phone_wizard", "what_happened", "error_page"] as const;
export type ActionId = (typeof ACTION_IDS)[number];

/**
 * What a step links to: a fixed action, one method's own page (`{ page: kind }`), or every method's
 * page (`method_pages`, in registry order: the ways to add after losing a phone). A method's page,
 * its link text and test ID are the method's own (registry `page`), never named here.
 */
export type StepAction = ActionId | "method_pages" | { page: MethodKind };

export type Next = { step: string } | "resolved" | "ticket";

export interface WizardStep {
  id: string;
  /** Once the person is signed in on this step (they signed in another way), the run goes on here. */
  signedIn?: string;
  checks?: CheckId[];
  actions?: StepAction[];
  choices: Array<{ id: string; next: Next }>;
}

export interface Wizard {
  id: WizardId;
  category: TicketCategory;
  priority: TicketPriority;
  /** The first step, from what we know: signed in or not. */
  entry: (state: { signedIn: boolean }) => string;
  steps: WizardStep[];
}

const solvedOrTicket = [
  { id: "solved", next: "resolved" as const },
  { id: "not_solved", next: "ticket" as const },
];

export const WIZARDS: Record<WizardId, Wizard> = {
  "lost-phone": {
    id: "lost-phone",
    category: "lost_phone",
    priority: "high",
    entry: ({ signedIn }) => (signedIn ? "secure" : "other_way"),
    steps: [
      {
        id: "other_way",
        signedIn: "secure",
        actions: ["sign_in_another_way"],
        choices: [
          { id: "has_other_way", next: { step: "sign_in_first" } },
          { id: "no_other_way", next: { step: "no_other_way" } },
        ],
      },
      { id: "sign_in_first", signedIn: "secure", actions: ["sign_in_another_way"], choices: [{ id: "cannot_sign_in", next: { step: "no_other_way" } }] },
      {
        id: "secure",
        checks: ["lost_phone_methods"],
        choices: [
          { id: "done", next: { step: "afterwards" } },
          { id: "need_help", next: "ticket" },
        ],
      },
      { id: "afterwards", actions: ["method_pages"], choices: solvedOrTicket },
      { id: "no_other_way", choices: [{ id: "file_ticket", next: "ticket" }] },
    ],
  },
  "no-code": {
    id: "no-code",
    category: "no_code",
    priority: "normal",
    entry: () => "channel",
    steps: [
      {
        id: "channel",
        checks: ["diagnosis"],
        actions: ["what_happened"],
        choices: [
          { id: "text", next: { step: "text" } },
          { id: "call", next: { step: "call" } },
          { id: "app", next: { step: "app" } },
        ],
      },
      {
        id: "text",
        checks: ["delivery", "senders", "methods"],
        actions: ["back_to_sign_in"],
        choices: [
          { id: "works", next: "resolved" },
          { id: "still_nothing", next: { step: "other_way" } },
        ],
      },
      {
        id: "call",
        checks: ["diagnosis", "delivery", "senders", "methods"],
        actions: ["back_to_sign_in"],
        choices: [
          { id: "works", next: "resolved" },
          { id: "still_nothing", next: { step: "other_way" } },
        ],
      },
      {
        id: "app",
        checks: ["clock"],
        choices: [
          { id: "works", next: "resolved" },
          { id: "still_nothing", next: { step: "other_way" } },
        ],
      },
      { id: "other_way", actions: ["sign_in_another_way", "lost_phone_wizard"], choices: solvedOrTicket },
    ],
  },
  "new-device": {
    id: "new-device",
    category: "new_device",
    priority: "normal",
    entry: () => "old_phone",
    steps: [
      {
        id: "old_phone",
        choices: [
          { id: "have_old", next: { step: "move" } },
          { id: "old_gone", next: { step: "old_gone" } },
        ],
      },
      { id: "move", checks: ["methods"], actions: [{ page: "totp" }, "security_info"], choices: solvedOrTicket },
      { id: "old_gone", actions: ["lost_phone_wizard"], choices: solvedOrTicket },
    ],
  },
  "new-number": {
    id: "new-number",
    category: "new_number",
    priority: "normal",
    entry: () => "old_number",
    steps: [
      {
        id: "old_number",
        choices: [
          { id: "have_old", next: { step: "change" } },
          { id: "old_gone", next: { step: "change_other_way" } },
        ],
      },
      { id: "change", checks: ["methods", "countries"], actions: ["security_info"], choices: solvedOrTicket },
      { id: "change_other_way", checks: ["methods"], actions: ["sign_in_another_way", "security_info"], choices: solvedOrTicket },
    ],
  },
  travelling: {
    id: "travelling",
    category: "travelling",
    priority: "normal",
    entry: () => "plan",
    steps: [{ id: "plan", checks: ["methods", "countries"], actions: [{ page: "totp" }], choices: solvedOrTicket }],
  },
  "not-prompted": {
    id: "not-prompted",
    category: "not_prompted",
    priority: "low",
    entry: () => "reason",
    steps: [{ id: "reason", checks: ["not_prompted"], actions: ["security_info"], choices: solvedOrTicket }],
  },
  "cant-disable": {
    id: "cant-disable",
    category: "cant_disable",
    priority: "low",
    entry: () => "policy",
    steps: [{ id: "policy", checks: ["policy"], actions: ["security_info"], choices: solvedOrTicket }],
  },
  "error-code": {
    id: "error-code",
    category: "error_code",
    priority: "normal",
    entry: () => "explain",
    steps: [{ id: "explain", checks: ["error_code", "diagnosis"], actions: ["error_page", "what_happened"], choices: solvedOrTicket }],
  },
};

export function wizardStep(wizard: Wizard, stepId: string): WizardStep | undefined {
  return wizard.steps.find((s) => s.id === stepId);
}

/** One link of a step as the page shows it: a fixed action, or a method's page from the registry. */
export type StepLink = { action: ActionId } | { page: MethodPage };

/** A step's links, with the method pages it names looked up in the registry. */
export function stepLinks(step: WizardStep): StepLink[] {
  return (step.actions ?? []).flatMap((action): StepLink[] => {
    if (action === "method_pages") return methodPages().map((page) => ({ page }));
    if (typeof action === "object") {
      const page = methodFor(action.page).page;
      if (!page) throw new Error(`a wizard step links to the page of ${action.page}, which has none`);
      return [{ page }];
    }
    return [{ action }];
  });
}
