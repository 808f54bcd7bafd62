/** npm run bench: every benchmark, one after the other. Never part of npm test. */
await import("./sign-in");
export {};
