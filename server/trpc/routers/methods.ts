import {
  beginMethodFromSecurityInfo,
  beginPushFromSecurityInfo,
  confirmMethodFromSecurityInfo,
  listMethods,
  pushActivationStatus,
  removeMethod,
  renameMethod,
  setDefaultMethod,
} from "../../methods/manage-methods";
import {
  addPhoneInput,
  defaultMethodInput,
  confirmAuthenticatorInput,
  confirmPhoneInput,
  removeMethodInput,
  renameMethodInput,
  secureLostPhoneInput,
} from "../../methods/methods.schemas";
import { confirmStepUp, pollStepUp, sendStepUpCode, stepUpState } from "../../methods/step-up";
import { stepUpConfirmInput, stepUpSendInput } from "../../methods/step-up.schemas";
import { recentSignIns } from "../../sign-in-log/recent-sign-ins";
import { secureAfterLostPhone } from "../../troubleshooting/secure-lost-phone";
import { activationStatusInput } from "../../verification/methods/push/push.schemas";
import { methodProcedures } from "../../verification/methods/registry";
import { z } from "../../validation/zod";
import { router } from "../init";
import { personProcedure } from "../procedures";

const none = z.strictObject({}).optional();

/** Security info: the person's own methods and sign-ins; each method's own page brings its procedures (the registry). */
export const methodsRouter = router({
  list: personProcedure.input(none).query(({ ctx }) => listMethods(ctx.session)),
  recentSignIns: personProcedure.input(none).query(({ ctx }) => recentSignIns(ctx.session.person.id)),
  stepUpOptions: personProcedure.input(none).query(({ ctx }) => stepUpState(ctx.session)),
  sendStepUpCode: personProcedure.input(stepUpSendInput).mutation(({ ctx, input }) => sendStepUpCode(ctx.session, input, ctx.request)),
  confirmIdentity: personProcedure.input(stepUpConfirmInput).mutation(({ ctx, input }) => confirmStepUp(ctx.session, input, ctx.request)),
  stepUpStatus: personProcedure.input(none).mutation(({ ctx }) => pollStepUp(ctx.session, ctx.request)),
  beginAuthenticator: personProcedure.input(none).mutation(({ ctx }) => beginMethodFromSecurityInfo(ctx.session, "totp", {}, ctx.request)),
  confirmAuthenticator: personProcedure.input(confirmAuthenticatorInput).mutation(({ ctx, input }) => confirmMethodFromSecurityInfo(ctx.session, "totp", input, ctx.request)),
  beginPhone: personProcedure.input(addPhoneInput).mutation(({ ctx, input }) => beginMethodFromSecurityInfo(ctx.session, "phone", input, ctx.request)),
  confirmPhone: personProcedure.input(confirmPhoneInput).mutation(({ ctx, input }) => confirmMethodFromSecurityInfo(ctx.session, "phone", input, ctx.request)),
  beginPush: personProcedure.input(none).mutation(({ ctx }) => beginPushFromSecurityInfo(ctx.session)),
  pushActivation: personProcedure.input(activationStatusInput).query(({ ctx, input }) => pushActivationStatus(ctx.session, input)),
  setDefault: personProcedure.input(defaultMethodInput).mutation(({ ctx, input }) => setDefaultMethod(ctx.session, input, ctx.request)),
  secureLostPhone: personProcedure.input(secureLostPhoneInput).mutation(({ ctx, input }) => secureAfterLostPhone(ctx.session, input, ctx.request)),
  rename: personProcedure.input(renameMethodInput).mutation(({ ctx, input }) => renameMethod(ctx.session, input, ctx.request)),
  remove: personProcedure.input(removeMethodInput).mutation(({ ctx, input }) => removeMethod(ctx.session, input.methodId, ctx.request)),
  ...methodProcedures({ person: personProcedure }),
});
