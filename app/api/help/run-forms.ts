import { optionalSession } from "@/server/auth/require-session";
import { isAppError } from "@/server/errors";
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

/** 303 to a path on this site (a relative Location: right behind any proxy). */
function seeOther(_request: Request, path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}

async function formOf(request: Request): Promise<Record<string, string>> {
  const data = await request.formData();
  return Object.fromEntries([...data.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
}

export async function startRunFromForm(request: Request): Promise<Response> {
  const form = await formOf(request);
  const parsed = startForm.safeParse(form);
  if (!parsed.success) return seeOther(request, "/nl/help");
  const { locale, wizard, step, choice } = parsed.data;
  const session = await optionalSession(request.headers.get("cookie"));
  const { token } = await startWizardRun({ wizard, locale, personId: session?.person.id ?? null, prefill: cleanPrefill(form) });
  try {
    await answerWizardStep({ token, step, choice, personId: session?.person.id ?? null });
  } catch (error) {
    if (!isAppError(error)) throw error;
  }
  return seeOther(request, `/${locale}/help/runs/${token}`);
}

export async function answerRunFromForm(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const parsed = answerForm.safeParse(await formOf(request));
  const locale = parsed.success ? parsed.data.locale : "nl";
  if (!parsed.success || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return seeOther(request, `/${locale}/help`);
  const session = await optionalSession(request.headers.get("cookie"));
  try {
    await answerWizardStep({ token, step: parsed.data.step, choice: parsed.data.choice, personId: session?.person.id ?? null });
  } catch (error) {
    if (!isAppError(error)) throw error;
  }
  return seeOther(request, `/${locale}/help/runs/${token}`);
}
