export * from "./organisations";
export * from "./people";
export * from "./sign-in";
export * from "./sessions";
export * from "./audit";
export * from "./rate-limits";
export * from "./methods";
export * from "./lockout";
