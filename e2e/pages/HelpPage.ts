import { expect, type Page } from "@playwright/test";
import { t, type Locale } from "../support/messages";
import { pathIs } from "../support/urls";

/** /{locale}/help and /{locale}/help/errors/{CODE}. */
export class HelpPage {
  constructor(readonly page: Page) {}

  async goto(locale: Locale): Promise<void> {
    await this.page.goto(`/${locale}/help`);
    await expect(this.page.getByRole("heading", { level: 1, name: t(locale, "help.title"), exact: true })).toBeVisible();
  }

  async gotoError(locale: Locale, code: string): Promise<void> {
    await this.page.goto(`/${locale}/help/errors/${code}`);
    await this.expectExplains(locale, code);
  }

  /**
   * The page that explains one error code: its title, why it happens and what to do. With `way`,
   * as that way words the code (verify.ways.<way>.errors.<code>: a wrong text code is explained for
   * the text), otherwise the catalog's errors.<code>.
   */
  async expectExplains(locale: Locale, code: string, way?: "sms" | "voice" | "recovery_code"): Promise<void> {
    await expect(this.page).toHaveURL(pathIs(`/${locale}/help/errors/${code}`));
    const base = way ? `verify.ways.${way}.errors.${code}` : `errors.${code}`;
    const article = this.page.getByRole("article");
    await expect(article.getByRole("heading", { level: 1 })).toHaveText(t(locale, `${base}.title`));
    await expect(article).toContainText(code);
    await expect(article.getByRole("heading", { name: t(locale, "help.cause"), exact: true })).toBeVisible();
    await expect(article.getByTestId("error-cause")).toHaveText(t(locale, `${base}.cause`));
    await expect(article.getByRole("heading", { name: t(locale, "help.fix"), exact: true })).toBeVisible();
    await expect(article.getByTestId("error-fix")).toHaveText(t(locale, `${base}.fix`));
  }
}
