import { useTranslations } from "next-intl";
import type { MethodDescription } from "@/server/verification/methods/method";

/**
 * How a method is named everywhere (security info, sign-in, helpdesk, wizards): the label from its
 * description (server/verification/methods/registry.ts describeMethod) and its masked detail, e.g.
 * "Mobile phone +31 6 ••••• 42". Works in server and client components.
 */
export function MethodLabel({ method }: { method: Pick<MethodDescription, "labelKey" | "detail"> }) {
  const t = useTranslations("methods.labels");
  return (
    <span data-testid="method-label">
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
