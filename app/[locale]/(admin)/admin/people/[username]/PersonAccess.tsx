"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import { ROLE_VALUES } from "@/server/admin/people.schemas";
import { ErrorPanel } from "../../../../../_components/ErrorPanel";
import { trpcClient } from "../../../../../_lib/trpc";
import { useStepUpAction } from "../../../../../_lib/use-step-up";

type Saved = "roleSaved" | "rolePending" | "managerSaved" | "managerPending";

/**
 * Role and access for one person (administrators; never on their own account). Each change needs
 * a fresh second factor ("confirm it's you", then the same change again); granting a staff role or
 * recording a manager waits for a second administrator (Approvals waiting).
 */
export function PersonAccess({ personId, role, disabled, manager }: { personId: string; role: (typeof ROLE_VALUES)[number]; disabled: boolean; manager: string | null }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [next, setNext] = useState(role);
  const [nextManager, setNextManager] = useState(manager ?? "");
  const [saved, setSaved] = useState<Saved | null>(null);
  const { busy, failure, run: guarded, confirm } = useStepUpAction();
  const run = (work: () => Promise<Saved | null>) =>
    guarded(async () => {
      setSaved(null);
      setSaved(await work());
      router.refresh();
    });
  return (
    <section aria-labelledby="access-heading" className="mt-8">
      <h2 id="access-heading" className="text-lg font-semibold">
        {t("admin.accessTitle")}
      </h2>
      {failure ? <ErrorPanel details={failure} /> : null}
      {confirm}
      <p role="status" className="mt-2 text-sm" data-testid="access-status">
        {saved ? t(`admin.${saved}`) : ""}
      </p>
      <div className="mt-2 flex items-end gap-3">
        <div>
          <label htmlFor="person-role" className="block font-medium">
            {t("admin.role")}
          </label>
          <select id="person-role" value={next} onChange={(e) => setNext(e.target.value as typeof next)} className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5">
            {ROLE_VALUES.map((r) => (
              <option key={r} value={r}>
                {t(`helpdesk.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={busy}
          onClick={() => run(async () => ((await trpcClient(locale).admin.setRole.mutate({ personId, role: next })).status === "pending" ? "rolePending" : "roleSaved"))}
          className="rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-900"
        >
          {t("admin.saveRole")}
        </button>
      </div>
      <form
        className="mt-4 flex items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => ((await trpcClient(locale).admin.setManager.mutate({ personId, manager: nextManager })).status === "pending" ? "managerPending" : "managerSaved"));
        }}
      >
        <div>
          <label htmlFor="person-manager" className="block font-medium">
            {t("admin.manager")}
          </label>
          <input
            id="person-manager"
            value={nextManager}
            onChange={(e) => setNextManager(e.target.value)}
            aria-describedby="person-manager-hint"
            autoComplete="off"
            className="mt-1 rounded border border-slate-400 px-2 py-1.5"
          />
          <p id="person-manager-hint" className="mt-1 text-sm text-slate-700">
            {t("admin.managerHint")}
          </p>
        </div>
        <button type="submit" disabled={busy} className="mb-7 rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-900">
          {t("admin.saveManager")}
        </button>
      </form>
      <p className="mt-4" data-testid="person-disabled">
        {disabled ? t("admin.isDisabled") : t("admin.isEnabled")}
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          run(async () => {
            await trpcClient(locale).admin.setDisabled.mutate({ personId, disabled: !disabled });
            return null;
          })
        }
        className="mt-2 rounded border border-red-800 px-3 py-1.5 font-medium text-red-900"
      >
        {disabled ? t("admin.enable") : t("admin.disable")}
      </button>
    </section>
  );
}
