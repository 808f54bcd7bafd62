import { expect, type Locator } from "@playwright/test";

/**
 * Waits until React has hydrated an element (React attaches its fiber to hydrated DOM nodes).
 * Forms must not be used before that: an unhydrated form submits natively.
 */
export async function waitForHydration(locator: Locator): Promise<void> {
  await expect
    .poll(() => locator.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactFiber$"))), {
      message: "the form was never hydrated by React",
      timeout: 15_000,
    })
    .toBe(true);
}
