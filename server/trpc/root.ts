import { createCallerFactory, router } from "./init";
import { adminRouter } from "./routers/admin";
import { enrolmentRouter } from "./routers/enrolment";
import { helpdeskRouter } from "./routers/helpdesk";
import { helpRouter } from "./routers/help";
import { methodsRouter } from "./routers/methods";
import { sessionRouter } from "./routers/session";
import { signInRouter } from "./routers/sign-in";
import { ticketsRouter } from "./routers/tickets";

/** The API's table of contents. */
export const appRouter = router({
  signIn: signInRouter,
  enrolment: enrolmentRouter,
  session: sessionRouter,
  methods: methodsRouter,
  admin: adminRouter,
  help: helpRouter,
  tickets: ticketsRouter,
  helpdesk: helpdeskRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
