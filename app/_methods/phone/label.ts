import type { SignInOption } from "@/server/verification/methods/sign-in-options";
import type { LabelKey } from "../types";

/**
 * A phone's label at sign-in. Texts go to mobile phones only, so a text (or a call to a phone that
 * also takes texts) is the mobile phone. A phone that takes calls only is named an alternate phone:
 * a sign-in option does not carry the phone's role (server: describe() knows it; see the issue note).
 */
export function phoneLabelKey(option: SignInOption, options: readonly SignInOption[]): LabelKey {
  if (option.channel === "sms") return "mobile";
  return options.some((o) => o.methodId === option.methodId && o.channel === "sms") ? "mobile" : "alternate";
}
