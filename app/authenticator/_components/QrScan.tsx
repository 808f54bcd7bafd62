"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type QrScannerType from "qr-scanner";
import { type AccountSetup, parseSetupLink, type SetupProblem } from "../_lib/setup-link";
import { useProblemText } from "./AddAccount";

type ScanState = { kind: "idle" } | { kind: "scanning" } | { kind: "noCamera" } | { kind: "problem"; problem: SetupProblem };

/**
 * "Scan the QR code" with the camera, where the browser has one. The scanner library (qr-scanner,
 * which uses the browser's own barcode detector where there is one) is loaded only when tapped.
 */
export function QrScan({ onAdd }: { onAdd: (setup: AccountSetup) => Promise<boolean> }) {
  const t = useTranslations("authenticator");
  const problemText = useProblemText();
  const [canTry, setCanTry] = useState(false);
  const [state, setState] = useState<ScanState>({ kind: "idle" });
  const video = useRef<HTMLVideoElement>(null);
  const scanner = useRef<QrScannerType | null>(null);

  // Known only in the browser, so decided after the first render.
  useEffect(() => setCanTry(Boolean(navigator.mediaDevices?.getUserMedia)), []);
  useEffect(() => () => scanner.current?.destroy(), []);

  const stop = () => {
    scanner.current?.destroy();
    scanner.current = null;
  };

  const start = async () => {
    setState({ kind: "scanning" });
    try {
      const { default: QrScanner } = await import("qr-scanner");
      if (!video.current) return;
      scanner.current = new QrScanner(
        video.current,
        (result) => {
          stop();
          const parsed = parseSetupLink(result.data);
          if (!parsed.ok) {
            setState({ kind: "problem", problem: parsed.problem });
            return;
          }
          setState({ kind: "idle" });
          void onAdd(parsed.setup);
        },
        { preferredCamera: "environment", returnDetailedScanResult: true, maxScansPerSecond: 5 },
      );
      await scanner.current.start();
    } catch {
      stop();
      setState({ kind: "noCamera" });
    }
  };

  if (!canTry) return null;
  const scanning = state.kind === "scanning";
  return (
    <div className="mt-4">
      {scanning ? (
        <button
          type="button"
          className="rounded border border-slate-500 bg-white px-4 py-2 font-medium hover:bg-slate-100"
          onClick={() => {
            stop();
            setState({ kind: "idle" });
          }}
        >
          {t("scanStop")}
        </button>
      ) : (
        <button type="button" className="rounded bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700" onClick={start}>
          {t("scan")}
        </button>
      )}
      <div hidden={!scanning} className="mt-3">
        <p className="text-sm">{t("scanning")}</p>
        <video ref={video} aria-label={t("scanVideo")} muted playsInline className="mt-2 w-full max-w-sm rounded border border-slate-300 bg-slate-900" />
      </div>
      {state.kind === "noCamera" ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {t("cameraUnavailable")}
        </p>
      ) : null}
      {state.kind === "problem" ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {problemText(state.problem)}
        </p>
      ) : null}
    </div>
  );
}
