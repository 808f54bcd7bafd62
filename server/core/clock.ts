/**
 * The one source of time. Nothing else reads the system clock: code asks now(), so tests can
 * move time (TEST_CLOCK=1, outside production) instead of sleeping. SQL never uses now().
 */
import { getEnv } from "./env";

const state = globalThis as unknown as { __tweestapClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (state.__tweestapClockOffsetMs ?? 0));
}

export function nowMs(): number {
  return Date.now() + (state.__tweestapClockOffsetMs ?? 0);
}

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

/** Moves the clock forward (or back) by ms. Refused unless the test clock is enabled. */
export function moveClock(ms: number): Date {
  if (!getEnv().testClock) throw new Error("The test clock is off (TEST_CLOCK=1, not in production).");
  state.__tweestapClockOffsetMs = (state.__tweestapClockOffsetMs ?? 0) + ms;
  return now();
}

export function resetClock(): void {
  if (!getEnv().testClock) throw new Error("The test clock is off (TEST_CLOCK=1, not in production).");
  state.__tweestapClockOffsetMs = 0;
}

/** Unit and integration tests move time in-process without the env switch. */
export function moveClockForTests(ms: number): void {
  state.__tweestapClockOffsetMs = (state.__tweestapClockOffsetMs ?? 0) + ms;
}
export function resetClockForTests(): void {
  state.__tweestapClockOffsetMs = 0;
}
