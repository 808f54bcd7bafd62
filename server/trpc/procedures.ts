import { requireSession } from "../auth/require-session";
import { isStaff } from "../auth/session-rules";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { assertFreshFactor } from "../methods/fresh-factor";
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

/**
 * Administrators only. Every admin mutation also needs this session's second factor from the last
 * 10 minutes (MFA_FRESH_FACTOR_REQUIRED sends the page to "confirm it's you"): a left-open admin
 * session changes nothing. Checked here, before the input, so no admin mutation can forget it.
 */
export const adminProcedure = personProcedure.meta({ access: "admin" }).use(({ ctx, type, next }) => {
  if (ctx.session.person.role !== "admin") throw new AppError("ACCESS_DENIED");
  if (type === "mutation") assertFreshFactor(ctx.session, now());
  return next();
});
