import { describe, expect, it } from "vitest";
import type { Executor } from "@/db/client";
import { ATTEMPT_STATES, type AttemptState } from "@/db/schema";
import { ATTEMPT_MOVES, assertMove, mayMove, moveAttempt } from "./attempt-states";

describe("the sign-in attempt's transition table", () => {
  it.each<[AttemptState, AttemptState]>([
    ["factor_pending", "completed"],
    ["factor_pending", "pass_required"],
    ["factor_pending", "expired"],
    ["pass_required", "registration_required"],
    ["pass_required", "expired"],
    ["registration_required", "completed"],
    ["registration_required", "blocked"],
    ["registration_required", "expired"],
    ["completed", "consumed"],
    ["completed", "expired"],
  ])("allows %s → %s", (from, to) => {
    expect(mayMove(from, to)).toBe(true);
    expect(() => assertMove(from, to)).not.toThrow();
  });

  it.each<[AttemptState, AttemptState]>([
    // A wrong password never reaches a second factor, and a blocked registration stays blocked.
    ["password_failed", "completed"],
    ["blocked", "registration_required"],
    ["blocked", "completed"],
    // A pass leads to registration, never straight to a session.
    ["pass_required", "completed"],
    // Registration cannot be skipped back to the code step, nor the code step to registration.
    ["registration_required", "factor_pending"],
    ["factor_pending", "registration_required"],
    // A used or ended attempt is final: its token cannot be issued or used again.
    ["consumed", "completed"],
    ["expired", "completed"],
    ["expired", "factor_pending"],
    ["completed", "completed"],
    ["factor_pending", "consumed"],
  ])("refuses %s → %s", (from, to) => {
    expect(mayMove(from, to)).toBe(false);
    expect(() => assertMove(from, to)).toThrow(`cannot move from ${from} to ${to}`);
  });

  it("names every state, and the final states have no way out", () => {
    expect(Object.keys(ATTEMPT_MOVES).sort()).toEqual([...ATTEMPT_STATES].sort());
    for (const final of ["password_failed", "blocked", "consumed", "expired"] as const) expect(ATTEMPT_MOVES[final]).toEqual([]);
  });

  it("a refused move is refused before anything is written", async () => {
    const untouchable = new Proxy({} as Executor, {
      get: () => {
        throw new Error("the database was touched");
      },
    });
    await expect(moveAttempt(untouchable, { id: "a", state: "consumed" }, "completed")).rejects.toThrow("cannot move from consumed to completed");
  });
});
