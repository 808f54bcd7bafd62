"use client";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SignInProof } from "@/server/verification/sign-in.schemas";
import { trpcClient } from "./trpc";

/** A challenge this page holds: solved at once during a flood, else only when a try needs it. */
interface Held {
  challenge: Challenge;
  /** performance.now() after which it is not sent any more (30 s before the server's expiry). */
  usableUntil: number;
  controller: AbortController;
  solving: Promise<SignInProof | null> | null;
  proof: SignInProof | null;
}

/**
 * The sign-in page's proof of work (altcha-lib's own solver, on WebCrypto: no third party, no
 * eval, the page stays responsive). The page fetches a challenge when it opens and after each try;
 * while many sign-ins fail (the server says so) it solves it in the background while the person
 * types, so the password goes out with a solution. Otherwise nothing is solved until the password
 * step asks for it (SIGN_IN_CHALLENGE_REQUIRED), and then the try is repeated once with one.
 */
export function useSignInChallenge(locale: string) {
  const held = useRef<Promise<Held | null> | null>(null);
  /** What the held challenge is doing ("ready": solved, the next try carries it); shown on the form. */
  const [status, setStatus] = useState<"idle" | "solving" | "ready">("idle");

  const solve = useCallback((entry: Held): Promise<SignInProof | null> => {
    if (!entry.solving) {
      setStatus("solving");
      entry.solving = solveChallenge({ challenge: entry.challenge, deriveKey, controller: entry.controller })
        .then((solution) => {
          entry.proof = solution ? ({ challenge: entry.challenge, solution } as SignInProof) : null;
          return entry.proof;
        })
        .catch(() => null)
        .then((proof) => {
          if (!entry.controller.signal.aborted) setStatus(proof ? "ready" : "idle");
          return proof;
        });
    }
    return entry.solving;
  }, []);

  const fetchNext = useCallback(() => {
    void held.current?.then((previous) => previous?.controller.abort());
    setStatus("idle");
    held.current = trpcClient(locale)
      .signIn.challenge.query()
      .then((data) => {
        const entry: Held = {
          challenge: data.challenge as Challenge,
          usableUntil: performance.now() + (data.expiresInSeconds - 30) * 1000,
          controller: new AbortController(),
          solving: null,
          proof: null,
        };
        if (data.required) void solve(entry);
        return entry;
      })
      .catch(() => null);
  }, [locale, solve]);

  useEffect(() => {
    fetchNext();
    return () => void held.current?.then((entry) => entry?.controller.abort());
  }, [fetchNext]);

  /** The solution to send with a try, if one is ready now (never waits). A sent one is used up. */
  const readyProof = useCallback(async (): Promise<SignInProof | undefined> => {
    const entry = await Promise.race([held.current, Promise.resolve(null)]);
    if (!entry?.proof || performance.now() > entry.usableUntil) return undefined;
    const proof = entry.proof;
    fetchNext();
    return proof;
  }, [fetchNext]);

  /** A solution for a try the server refused without one: solves (about a second) and hands it over. */
  const solvedProof = useCallback(async (): Promise<SignInProof | undefined> => {
    let entry = await held.current;
    if (!entry || performance.now() > entry.usableUntil) {
      fetchNext();
      entry = await held.current;
    }
    if (!entry) return undefined;
    const proof = await solve(entry);
    fetchNext();
    return proof ?? undefined;
  }, [fetchNext, solve]);

  return { readyProof, solvedProof, status };
}
