/**
 * Journey (issue 11, labels and notices from describe()): a person names their mobile phone
 * ("work phone"), sees it listed with the dates, removes it after a confirmation that names
 * exactly that phone, is told what was removed, and the email about it names that phone, masked,
 * in their language (acceptance 5). ruben (Dutch) and grace (English) are used by this spec only.
 */
import { expect, test } from "./fixtures";
import { MailboxPage } from "./pages/MailboxPage";
import { expectNoSeriousViolations } from "./support/axe";
import { DEMO, DEMO_PASSWORD } from "./support/demo";
import { t, type Locale } from "./support/messages";

const PEOPLE: ReadonlyArray<{ locale: Locale; who: (typeof DEMO)["ruben" | "grace"]; email: string; masked: string; nickname: string; notice: string }> = [
  {
    locale: "nl",
    who: DEMO.ruben,
    email: "ruben@demo.tweestap.test",
    masked: "+31 •• ••• ••73",
    nickname: "werktelefoon",
    notice: "Er is een aanmeldmethode van je account verwijderd: je mobiele telefoon +31 •• ••• ••73 (‘werktelefoon’).",
  },
  {
    locale: "en",
    who: DEMO.grace,
    email: "grace@demo.tweestap.test",
    masked: "+44 •• ••• •••57",
    nickname: "work phone",
    notice: "A sign-in method was removed from your account: your mobile phone +44 •• ••• •••57 (“work phone”).",
  },
];

for (const person of PEOPLE) {
  test(`${person.who.username} names a phone, removes it after a confirmation naming it, and the email names it (${person.locale})`, async ({
    page,
    signInPage,
    securityInfoPage,
  }) => {
    const { locale } = person;
    const mobile = t(locale, "methods.labels.mobile");
    await signInPage.goto(locale);
    await signInPage.signInAs(person.who.username, DEMO_PASSWORD);
    await securityInfoPage.expectSignedInAs(person.who);

    await test.step("the phone is listed by its label and masked number, with the date it was added", async () => {
      const item = securityInfoPage.method(mobile);
      await expect(item).toContainText(`${mobile} ${person.masked}`);
      await expect(item).toContainText(t(locale, "securityInfo.addedOn", { date: "" }).trim());
    });

    await test.step("the person gives it a name, shown before the label", async () => {
      await securityInfoPage.nameMethod(mobile, person.nickname);
      await expect(securityInfoPage.method(mobile).getByTestId("method-label")).toHaveText(`${person.nickname} · ${mobile} ${person.masked}`);
    });

    await test.step("removing asks first, naming exactly that phone; afterwards the page says what went", async () => {
      const confirmation = await securityInfoPage.askToRemove(mobile, mobile);
      await expect(confirmation).toContainText(`${person.nickname} · ${mobile} ${person.masked}`);
      await expectNoSeriousViolations(page);
      await securityInfoPage.confirmRemoval(confirmation);
      await expect(securityInfoPage.removedNotice).toContainText(`${person.nickname} · ${mobile} ${person.masked}`);
      await expect(securityInfoPage.methods).toHaveCount(1);
      await expect(securityInfoPage.methods).not.toContainText(person.masked);
    });

    await test.step("the email about it names that phone, masked, in the person's language", async () => {
      const mailbox = new MailboxPage(page, locale);
      const sentence = await mailbox.find(person.email, new RegExp(`(${escapeRegExp(person.notice)})`));
      expect(sentence).toBe(person.notice);
      await expect(page.getByTestId("mailbox")).not.toContainText(/authenticator/i);
    });
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
