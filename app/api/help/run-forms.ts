import { optionalSession } from "@/server/auth/require-session";
import { isAppError } from "@/server/core/errors";
import { firstValues, problemRedirect, readForm, seeOther } from "@/server/http/route-errors";
import { cleanPrefill } from "@/server/troubleshooting/prefill";
import { answerWizardStep, startWizardRun } from "@/server/troubleshooting/wizard-runs";
import { WIZARD_IDS } from "@/server/troubleshooting/wizard-ids";
import { z } from "@/server/validation/zod";

const answerForm = z.object({
  locale: z.enum(["nl", "en"]).catch("nl"),
  step: z.string().regex(/^[a-z_]{1,40}$/),
  choice: z.string().regex(/^[a-z_]{1,40}$/),
});
const startForm = answerForm.extend({ wizard: z.enum(WIZARD_IDS) });
const runToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

/** The form's fields, or the catalog code it was refused with (not a form, unreadable). */
async function formOf(request: Request): Promise<Record<string, string> | { problem: "UNSUPPORTED_MEDIA_TYPE" | "INPUT_INVALID" }> {
  try {
    return firstValues(await readForm(request));
  } catch (error) {
    if (isAppError(error) && (error.code === "UNSUPPORTED_MEDIA_TYPE" || error.code === "INPUT_INVALID")) return { problem: error.code };
    throw error;
  }
}

export async function startRunFromForm(request: Request): Promise<Response> {
  const form = await formOf(request);
  if ("problem" in form) return problemRedirect("/nl/help", form.problem as "INPUT_INVALID");
  const parsed = startForm.safeParse(form);
  if (!parsed.success) return problemRedirect(`/${form.locale === "en" ? "en" : "nl"}/help`, "INPUT_INVALID");
  const { locale, wizard, step, choice } = parsed.data;
  const session = await optionalSession(request.headers.get("cookie"));
  const { token } = await startWizardRun({ wizard, locale, personId: session?.person.id ?? null, prefill: cleanPrefill(form) });
  try {
    await answerWizardStep({ token, step, choice, personId: session?.person.id ?? null });
  } catch (error) {
    if (!isAppError(error)) throw error;
  }
  return seeOther(`/${locale}/help/runs/${token}`);
}

export async function answerRunFromForm(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const form = await formOf(request);
  if ("problem" in form) return problemRedirect("/nl/help", form.problem as "INPUT_INVALID");
  const parsed = answerForm.safeParse(form);
  const locale = parsed.success ? parsed.data.locale : form.locale === "en" ? "en" : "nl";
  if (!parsed.success || !runToken.safeParse(token).success) return problemRedirect(`/${locale}/help`, "INPUT_INVALID");
  const session = await optionalSession(request.headers.get("cookie"));
  try {
    await answerWizardStep({ token, step: parsed.data.step, choice: parsed.data.choice, personId: session?.person.id ?? null });
  } catch (error) {
    if (!isAppError(error)) throw error;
  }
  return seeOther(`/${locale}/help/runs/${token}`);
}
