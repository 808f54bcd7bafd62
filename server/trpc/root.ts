import { createCallerFactory, router } from "./init";
import { adminRouter } from "./routers/admin";
import { enrolmentRouter } from "./routers/enrolment";
import { methodsRouter } from "./routers/methods";
import { sessionRouter } from "./routers/session";
import { signInRouter } from "./routers/sign-in";

/** The API's table of contents. */
export const appRouter = router({
  signIn: signInRouter,
  enrolment: enrolmentRouter,
  session: sessionRouter,
  methods: methodsRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
