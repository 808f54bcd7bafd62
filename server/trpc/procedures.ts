import { requireSession } from "../auth/require-session";
import { isStaff } from "../auth/session-rules";
import { AppError } from "../errors";
import { baseProcedure } from "./init";

/** Anyone (sign-in, enrolment). */
export const publicProcedure = baseProcedure.meta({ access: "public" });

/** A signed-in person: the session record is checked on every call (401 when signed out). */
export const personProcedure = baseProcedure.meta({ access: "person" }).use(async ({ ctx, next }) => {
  const session = await requireSession(ctx.request.cookieHeader);
  return next({ ctx: { ...ctx, session } });
});

/** Helpdesk agents and administrators. */
export const agentProcedure = personProcedure.meta({ access: "agent" }).use(({ ctx, next }) => {
  if (!isStaff(ctx.session.person.role)) throw new AppError("ACCESS_DENIED");
  return next();
});

/** Administrators only. */
export const adminProcedure = personProcedure.meta({ access: "admin" }).use(({ ctx, next }) => {
  if (ctx.session.person.role !== "admin") throw new AppError("ACCESS_DENIED");
  return next();
});
