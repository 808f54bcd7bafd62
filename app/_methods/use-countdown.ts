"use client";
import { useEffect, useState } from "react";
import type { Challenge } from "./types";

/** Whole seconds left of a challenge (a text code's life, a call's ring time), ticking once a second; null when nothing runs out. */
export function useCountdown(challenge: Challenge | null): number | null {
  const deadline = challenge?.expiresInSeconds != null ? challenge.startedAt + challenge.expiresInSeconds * 1000 : null;
  const left = () => (deadline === null ? null : Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
  const [seconds, setSeconds] = useState<number | null>(left);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `left` only reads `deadline`.
  useEffect(() => {
    setSeconds(left());
    if (deadline === null) return;
    const timer = setInterval(() => {
      const now = left();
      setSeconds(now);
      if (now === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return seconds;
}

/** 165 → "2:45" (minutes and seconds, for a countdown). */
export function minutesAndSeconds(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
