import { z } from "../../validation/zod";
import { submitAccessPass, switchToAccessPass } from "../../verification/sign-in/access-pass";
import { chooseSignInMethod } from "../../verification/sign-in/choose-method";
import { pollAwaitedFactor } from "../../verification/sign-in/poll-awaited";
import { beginSignInRegistration, confirmSignInRegistration } from "../../verification/sign-in/register-at-sign-in";
import { submitSignInCode } from "../../verification/sign-in/submit-code";
import { accessPassInput, codeInput, methodChoiceInput, passwordStepInput, phoneNumberInput, registrationConfirmInput } from "../../verification/sign-in.schemas";
import { signInChallenge } from "../../verification/password-throttle";
import { submitPassword } from "../../verification/submit-password";
import { router } from "../init";
import { publicProcedure } from "../procedures";

export const signInRouter = router({
  challenge: publicProcedure.input(z.strictObject({}).optional()).query(() => signInChallenge()),
  password: publicProcedure.input(passwordStepInput).mutation(({ input, ctx }) => submitPassword(input, ctx.request, (cookie) => ctx.resHeaders.append("set-cookie", cookie))),
  chooseMethod: publicProcedure.input(methodChoiceInput).mutation(({ input, ctx }) => chooseSignInMethod(input, ctx.request)),
  awaitedStatus: publicProcedure.input(z.strictObject({}).optional()).mutation(({ ctx }) => pollAwaitedFactor(ctx.request)),
  code: publicProcedure.input(codeInput).mutation(({ input, ctx }) => submitSignInCode(input, ctx.request)),
  usePass: publicProcedure.input(z.strictObject({}).optional()).mutation(({ ctx }) => switchToAccessPass(ctx.request)),
  pass: publicProcedure.input(accessPassInput).mutation(({ input, ctx }) => submitAccessPass(input, ctx.request)),
  // Register at sign-in: an app (beginRegistration, confirmRegistration) or a mobile phone.
  beginRegistration: publicProcedure.input(z.strictObject({}).optional()).mutation(({ ctx }) => beginSignInRegistration("totp", {}, ctx.request)),
  beginPhoneRegistration: publicProcedure.input(phoneNumberInput).mutation(({ input, ctx }) => beginSignInRegistration("phone", input, ctx.request)),
  confirmPhoneRegistration: publicProcedure.input(registrationConfirmInput).mutation(({ input, ctx }) => confirmSignInRegistration("phone", input, ctx.request)),
  confirmRegistration: publicProcedure.input(registrationConfirmInput).mutation(({ input, ctx }) => confirmSignInRegistration("totp", input, ctx.request)),
});
