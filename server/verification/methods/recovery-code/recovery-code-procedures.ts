import { z } from "../../../validation/zod";
import type { ProcedureBuilders } from "../method";
import { generateRecoveryCodes, recoveryCodeStatus } from "./manage-recovery-codes";

const none = z.strictObject({}).optional();

/** The recovery-code page's API: how many are left (methods.recoveryCodes), and a new set (methods.generateRecoveryCodes). */
export const recoveryCodeProcedures = ({ person }: ProcedureBuilders) => ({
  recoveryCodes: person.input(none).query(({ ctx }) => recoveryCodeStatus(ctx.session)),
  generateRecoveryCodes: person.input(none).mutation(({ ctx }) => generateRecoveryCodes(ctx.session, ctx.request)),
});
