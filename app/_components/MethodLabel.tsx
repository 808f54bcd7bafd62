import { useTranslations } from "next-intl";
import type { MethodDescription } from "@/server/verification/methods/method";
import { shownText } from "@/server/validation/text";

/**
 * How a method is named everywhere (security info, sign-in, helpdesk, wizards): the person's own
 * name for it when they gave one ("work phone"), then the label from its description
 * (server/verification/methods/registry.ts describeMethod) and its masked detail, e.g.
 * "work phone · Mobile phone +31 6 ••••• 42". Works in server and client components.
 */
export function MethodLabel({ method }: { method: Pick<MethodDescription, "labelKey" | "detail"> & { nickname?: string | null } }) {
  const t = useTranslations("methods.labels");
  return (
    <span data-testid="method-label">
      {method.nickname ? (
        <>
          <span className="font-semibold" data-testid="method-nickname">
            {shownText(method.nickname)}
          </span>
          {" · "}
        </>
      ) : null}
      {t(method.labelKey)}
      {method.detail ? (
        <>
          {" "}
          <span className="font-mono whitespace-nowrap">{method.detail}</span>
        </>
      ) : null}
    </span>
  );
}
