"use client";
import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useCallback, useReducer, useRef } from "react";
import { Link, useRouter } from "@/i18n/navigation";
import type { SignInOption } from "@/server/verification/methods/sign-in-options";
import { ErrorPanel } from "../../../../_components/ErrorPanel";
import { toErrorDetails, type ErrorDetails } from "../../../../_lib/error-details";
import { trpcClient } from "../../../../_lib/trpc";
import { useFinishSignIn } from "../../../../_lib/use-finish-sign-in";
import { MethodOption } from "../../../../_methods/MethodOption";
import { challengeViewFor, errorWordingKeys, optionMethod, wayMessages } from "../../../../_methods/registry";
import { useWaiting } from "../../../../_methods/use-waiting";
import { initialVerifyState, sameWay, verifyReducer } from "./verify-state";

/**
 * The second factor's shell: the chosen way's view (looked up by channel in app/_methods), one error
 * panel, and "sign in another way" with every other registered way, each naming its method. The
 * shell never names a channel: title, intro, errors, countdown and help link come from the view.
 */
export function VerifyCode({ options, selected, notice }: { options: SignInOption[]; selected: SignInOption | null; notice?: ReactNode }) {
  const t = useTranslations();
  const locale = useLocale();
  const finish = useFinishSignIn("/security-info");
  const router = useRouter();
  const [state, dispatch] = useReducer(verifyReducer, selected, initialVerifyState);
  const heading = useRef<HTMLHeadingElement>(null);
  const view = state.option ? challengeViewFor(state.option.channel) : null;

  const fail = useCallback((failure: ErrorDetails) => dispatch({ type: "failed", failure }), []);

  // A way that is answered elsewhere (a call) is followed by asking the server every 2 s: it may be answered on any instance.
  const poll = view?.poll;
  useWaiting(state.waiting !== null && poll !== undefined, () => poll!(locale), {
    waiting: (polled) => dispatch({ type: "polled", state: polled }),
    done: async (completed) => {
      const problem = await finish(async () => completed);
      if (problem) fail(problem);
    },
    failed: (error) => fail(toErrorDetails(error)),
  });

  async function choose(option: SignInOption) {
    const switching = !sameWay(option, state.option);
    dispatch({ type: "choose" });
    try {
      const answer = await trpcClient(locale).signIn.chooseMethod.mutate({ methodId: option.methodId, channel: option.channel });
      dispatch({ type: "chosen", option, answer, at: Date.now(), polls: Boolean(challengeViewFor(option.channel).poll) });
      // Another way: its title says what to do now.
      if (switching) heading.current?.focus();
    } catch (error) {
      fail(toErrorDetails(error));
    }
  }

  async function submitCode(code: string): Promise<ErrorDetails | null> {
    dispatch({ type: "submitting" });
    const problem = await finish(() => trpcClient(locale).signIn.code.mutate({ code }));
    if (problem) fail(problem);
    return problem;
  }

  /** A temporary access pass from the helpdesk: on to the pass step (it only lets you enrol a new method). */
  async function switchToPass() {
    dispatch({ type: "pass" });
    try {
      await trpcClient(locale).signIn.usePass.mutate({});
      router.push("/sign-in/pass");
    } catch (error) {
      fail(toErrorDetails(error));
    }
  }

  const ns = state.option ? wayMessages(state.option.channel) : null;
  const wordingKeys = state.failure && state.option ? errorWordingKeys(state.option.channel, state.failure.code) : null;
  const wording = wordingKeys && state.failure ? { title: t(wordingKeys.title), message: t(wordingKeys.message, state.failure.params) } : undefined;
  const others = options.filter((o) => !sameWay(o, state.option));
  const busy = state.busy !== null;
  return (
    <div>
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold focus:outline-none" data-testid="way-title">
        {ns ? t(`${ns}.title`) : t("verify.title")}
      </h1>
      <p className="mt-1 text-slate-700" data-testid="way-intro">
        {ns ? t(`${ns}.intro`) : t("verify.noWay")}
      </p>
      {notice}
      {state.failure ? (
        <div className="mt-4">
          <ErrorPanel details={state.failure} wording={wording} />
        </div>
      ) : null}
      {view && state.option ? (
        <view.Body
          key={`${state.option.methodId}-${state.option.channel}`}
          option={state.option}
          method={optionMethod(state.option)}
          challenge={state.challenge}
          waiting={state.waiting}
          busy={busy}
          start={() => choose(state.option!)}
          submitCode={submitCode}
        />
      ) : null}
      <section aria-labelledby="other-ways" className="mt-8">
        <h2 id="other-ways" className="font-semibold">
          {t("verify.otherWays")}
        </h2>
        <ul className="mt-2 space-y-2">
          {others.map((o) => (
            <li key={`${o.methodId}-${o.channel}`}>
              <MethodOption method={optionMethod(o)} action={t(`${wayMessages(o.channel)}.option`)} onClick={() => choose(o)} disabled={busy} testId={`use-${o.channel}`} />
            </li>
          ))}
          <li>
            <button type="button" onClick={switchToPass} disabled={busy} className="text-left underline" data-testid="use-pass">
              {t("verify.usePass")}
            </button>
          </li>
          <li>
            <Link href="/help" className="underline">
              {t("verify.noOtherWay")}
            </Link>
          </li>
        </ul>
      </section>
      {view && ns ? (
        <p className="mt-6">
          <Link href={view.helpHref} className="underline" data-testid="way-help">
            {t(`${ns}.trouble`)}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
