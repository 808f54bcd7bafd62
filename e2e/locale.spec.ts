/**
 * Journey: a person reads Tweestap in Dutch or English: the switcher keeps them on the same page,
 * and the bare address follows the browser's language.
 */
import { expect, test } from "./fixtures";
import { SignInPage } from "./pages/SignInPage";
import { t } from "./support/messages";
import { pathIs } from "./support/urls";

test("the locale switcher goes from /nl/sign-in to /en/sign-in and back", async ({ page, signInPage }) => {
  await signInPage.goto("nl");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");

  await page
    .getByRole("navigation", { name: t("nl", "app.languageSwitcher") })
    .getByRole("link", { name: t("nl", "app.otherLanguage") })
    .click();
  await signInPage.expectLoaded("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(signInPage.username).toBeVisible();

  await page
    .getByRole("navigation", { name: t("en", "app.languageSwitcher") })
    .getByRole("link", { name: t("en", "app.otherLanguage") })
    .click();
  await signInPage.expectLoaded("nl");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
});

test("the locale switcher keeps you on the same page (help for an error)", async ({ page, helpPage }) => {
  await helpPage.gotoError("en", "RATE_LIMITED");
  await page
    .getByRole("navigation", { name: t("en", "app.languageSwitcher") })
    .getByRole("link")
    .click();
  await helpPage.expectExplains("nl", "RATE_LIMITED");
});

for (const [browserLocale, locale] of [
  ["en", "en"],
  ["en-GB", "en"],
  ["nl", "nl"],
  ["nl-BE", "nl"],
] as const) {
  test(`/ in a browser set to "${browserLocale}" goes to /${locale}/sign-in`, async ({ newClient }) => {
    const { page } = await newClient({ locale: browserLocale });
    await page.goto("/");
    await expect(page).toHaveURL(pathIs(`/${locale}/sign-in`));
    await new SignInPage(page).expectLoaded(locale);
  });
}

for (const [acceptLanguage, locale] of [
  ["en", "en"],
  ["en-US,en;q=0.9,nl;q=0.8", "en"],
  ["nl", "nl"],
  ["nl-NL,nl;q=0.9,en;q=0.5", "nl"],
  ["de-DE,de;q=0.9", "nl"],
] as const) {
  test(`/ with Accept-Language "${acceptLanguage}" redirects to /${locale}`, async ({ request }) => {
    const response = await request.get("/", { headers: { "Accept-Language": acceptLanguage }, maxRedirects: 0 });
    expect(response.status()).toBeGreaterThanOrEqual(300);
    expect(response.status()).toBeLessThan(400);
    expect(new URL(response.headers().location ?? "", response.url()).pathname).toMatch(new RegExp(`^/${locale}(/|$)`));
  });
}
