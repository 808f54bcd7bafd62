import { MethodLabel } from "../_components/MethodLabel";
import type { OptionMethod } from "./types";

/**
 * A button under "sign in another way" that starts a way and names its method: "Call me: Mobile
 * phone +31 6 ••••• 42" (also its accessible name), so the number is named before it is pressed.
 */
export function MethodOption({ method, action, onClick, disabled, testId }: { method: OptionMethod; action: string; onClick: () => void; disabled: boolean; testId: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className="block w-full rounded border border-slate-300 bg-white px-3 py-2 text-left hover:bg-slate-100 disabled:opacity-70"
      data-testid={testId}
    >
      <span className="font-medium underline">{action}:</span> <MethodLabel method={method} />
    </button>
  );
}
