import type { ReactNode } from "react";

/**
 * Number matching's box: the digits the person types on their phone (a call's keypad, the
 * authenticator app), big, inside the sentence that asks for them. One look for every way that asks.
 */
export function MatchNumberBox({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <p className="mt-3 rounded-lg border-2 border-slate-800 bg-white p-4 text-center text-lg font-semibold" data-testid={testId}>
      {children}
    </p>
  );
}

/** The `big` chunk of a matchNumber message: the digits themselves. */
export function bigDigits(testId: string): (chunks: ReactNode) => ReactNode {
  return (chunks) => (
    <span className="my-1 block text-5xl font-bold tracking-widest tabular-nums" data-testid={testId}>
      {chunks}
    </span>
  );
}
