/**
 * The sign-in's second-factor steps, one use case per file under ./sign-in/ (the router imports
 * them there). Re-exported here for the pages and tests that read them by this path.
 */
export { type FactorStepState, factorStepState } from "./sign-in/factor-step-state";
export { chooseSignInMethod } from "./sign-in/choose-method";
export { submitSignInCode } from "./sign-in/submit-code";
export { pollAwaitedFactor } from "./sign-in/poll-awaited";
export { beginSignInRegistration, confirmSignInRegistration, registrationStepState } from "./sign-in/register-at-sign-in";
export { passStepState, submitAccessPass, switchToAccessPass } from "./sign-in/access-pass";
