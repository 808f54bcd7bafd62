/**
 * The zod every shared schema (*.schemas.ts) imports. Those schemas also run in the browser, under
 * a CSP without 'unsafe-eval': zod's probe for `new Function` (its JIT) would be reported there as a
 * CSP violation, so the browser copy runs jitless. The server keeps the JIT.
 */
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
