"use client";
import { useState } from "react";
import { ErrorPanel } from "../_components/ErrorPanel";

/** Last-resort boundary: an unexpected failure still shows details people can act on. */
export default function LocaleError({ error }: { error: Error & { digest?: string } }) {
  const [at] = useState(() => new Date().toISOString());
  return <ErrorPanel details={{ code: "INTERNAL_ERROR", params: {}, correlationId: error.digest ?? null, displaySessionId: null, at }} />;
}
