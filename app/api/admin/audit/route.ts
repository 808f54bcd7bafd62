import { exportAuditCsv } from "@/server/audit/audit-log";
import { auditFiltersInput } from "@/server/audit/audit.schemas";
import { optionalSession } from "@/server/auth/require-session";
import { clientIp } from "@/server/http/client-ip";
import { routeError, withRouteErrors } from "@/server/http/route-errors";

/** The audit trail as CSV, for administrators, with the viewer's filters. The export is audited too. */
export const GET = withRouteErrors("admin/audit", async (request: Request): Promise<Response> => {
  const session = await optionalSession(request.headers.get("cookie"));
  if (!session) return routeError(request, "SESSION_REQUIRED");
  if (session.person.role !== "admin") return routeError(request, "ACCESS_DENIED");
  const parsed = auditFiltersInput.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return routeError(request, "INPUT_INVALID");
  const { before: _before, ...filters } = parsed.data;
  const csv = await exportAuditCsv(session.person.id, filters, clientIp(request.headers));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="tweestap-audit.csv"',
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
