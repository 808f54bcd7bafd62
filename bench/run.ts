/** npm run bench: every benchmark, one after the other, each in its own process. Never part of npm test. */
import { execFileSync } from "node:child_process";

for (const bench of ["bench/sign-in.ts", "bench/queue.ts"]) {
  execFileSync(process.execPath, ["--import", "tsx", bench], { stdio: "inherit" });
}
