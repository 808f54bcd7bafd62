"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Link, useRouter } from "@/i18n/navigation";
import type { SignInOption } from "@/server/verification/methods/sign-in-options";
import { CodeForm } from "../../../../_components/CodeForm";
import { ErrorPanel } from "../../../../_components/ErrorPanel";
import { toErrorDetails, type ErrorDetails } from "../../../../_lib/error-details";
import { trpcClient } from "../../../../_lib/trpc";
import { useFinishSignIn } from "../../../../_lib/use-finish-sign-in";

/**
 * The second factor: a code from the way in use (the authenticator app first), and "sign in another
 * way" with every other registered method, phone numbers masked.
 */
export function VerifyCode({ options, selected }: { options: SignInOption[]; selected: SignInOption | null }) {
  const t = useTranslations("verify");
  const locale = useLocale();
  const finish = useFinishSignIn("/security-info");
  const router = useRouter();
  const [current, setCurrent] = useState<SignInOption | null>(selected);
  const [sent, setSent] = useState(false);
  const [minutes, setMinutes] = useState(3);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorDetails | null>(null);
  const [calling, setCalling] = useState(false);
  const [called, setCalled] = useState(false);
  /** Number matching: the digits the call asks for, shown only here (never said on the call). */
  const [matchNumber, setMatchNumber] = useState<string | null>(null);

  // A call is followed by asking the server every 2 s: it may be answered on any instance.
  useEffect(() => {
    if (!calling) return;
    let stopped = false;
    const stop = (problem: ErrorDetails | null) => {
      stopped = true;
      setCalling(false);
      setMatchNumber(null);
      setFailure(problem);
    };
    const timer = setInterval(async () => {
      if (stopped) return;
      let status: Awaited<ReturnType<ReturnType<typeof trpcClient>["signIn"]["callStatus"]["mutate"]>>;
      try {
        status = await trpcClient(locale).signIn.callStatus.mutate({});
      } catch (error) {
        if (!stopped) stop(toErrorDetails(error));
        return;
      }
      if (stopped || status.status === "waiting") return;
      stopped = true;
      const problem = await finish(async () => status);
      if (problem) stop(problem);
    }, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [calling, finish, locale]);

  async function choose(option: SignInOption) {
    setFailure(null);
    setBusy(true);
    try {
      const chosen = await trpcClient(locale).signIn.chooseMethod.mutate({ methodId: option.methodId, channel: option.channel });
      if (chosen.expiresInSeconds) setMinutes(Math.max(1, Math.round(chosen.expiresInSeconds / 60)));
      setCurrent(option);
      setSent(option.channel === "sms");
      setCalling(option.channel === "voice");
      setCalled(option.channel === "voice");
      setMatchNumber(chosen.matchNumber);
    } catch (error) {
      setFailure(toErrorDetails(error));
    } finally {
      setBusy(false);
    }
  }

  /** A temporary access pass from the helpdesk: on to the pass step (it only lets you enrol a new method). */
  async function switchToPass() {
    setFailure(null);
    setBusy(true);
    try {
      await trpcClient(locale).signIn.usePass.mutate({});
      router.push("/sign-in/pass");
    } catch (error) {
      setFailure(toErrorDetails(error));
      setBusy(false);
    }
  }

  const primary = "mt-6 w-full rounded bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-70";
  const others = options.filter((o) => o !== current && !(o.methodId === current?.methodId && o.channel === current?.channel));
  const label = (o: SignInOption) =>
    o.channel === "totp" ? t("useApp") : o.channel === "sms" ? t("textTo", { number: o.display ?? "" }) : t("callTo", { number: o.display ?? "" });
  return (
    <div>
      {failure ? (
        <div className="mt-4">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      {current?.channel === "sms" ? (
        <p role="status" className="mt-4" data-testid="code-sent">
          {sent ? t("codeSentTo", { number: current.display ?? "", minutes }) : null}
        </p>
      ) : null}
      {current?.channel === "voice" ? (
        <div className="mt-4">
          {/* Always present, so screen readers announce the call and the number when they appear. */}
          <div role="status" data-testid="calling">
            {calling ? (
              <>
                <p>{t("calling", { number: current.display ?? "" })}</p>
                {matchNumber ? (
                  <p className="mt-3 rounded-lg border-2 border-slate-800 bg-white p-4 text-center text-lg font-semibold" data-testid="match-number">
                    {t.rich("matchNumber", {
                      digits: matchNumber,
                      big: (chunks) => (
                        <span className="my-1 block text-5xl font-bold tracking-widest tabular-nums" data-testid="match-digits">
                          {chunks}
                        </span>
                      ),
                    })}
                  </p>
                ) : null}
              </>
            ) : null}
          </div>
          <button type="button" onClick={() => choose(current)} disabled={busy || calling} className={called ? "mt-3 underline" : primary} data-testid="call-again">
            {called ? t("callAgain") : t("callMe")}
          </button>
        </div>
      ) : current?.channel === "sms" && !sent ? (
        <button type="button" onClick={() => choose(current)} disabled={busy} className={primary} data-testid="send-text">
          {busy ? t("sending") : t("sendText")}
        </button>
      ) : (
        <CodeForm
          id="code"
          label={current?.channel === "sms" ? t("codeLabelSms") : t("codeLabel")}
          hint={t("codeHint")}
          submitLabel={t("submit")}
          onCode={(code) => finish(() => trpcClient(locale).signIn.code.mutate({ code }))}
        />
      )}
      {current?.channel === "sms" && sent ? (
        <button type="button" onClick={() => choose(current)} disabled={busy} className="mt-3 underline" data-testid="resend">
          {busy ? t("sending") : t("resend")}
        </button>
      ) : null}
      <section aria-labelledby="other-ways" className="mt-8">
        <h2 id="other-ways" className="font-semibold">
          {t("otherWays")}
        </h2>
        <ul className="mt-2 space-y-2">
          {others.map((o) => (
            <li key={`${o.methodId}-${o.channel}`}>
              <button type="button" onClick={() => choose(o)} disabled={busy} className="text-left underline" data-testid={`use-${o.channel}`}>
                {label(o)}
              </button>
            </li>
          ))}
          <li>
            <button type="button" onClick={switchToPass} disabled={busy} className="text-left underline" data-testid="use-pass">
              {t("usePass")}
            </button>
          </li>
          <li>
            <Link href="/help" className="underline">
              {t("noOtherWay")}
            </Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
