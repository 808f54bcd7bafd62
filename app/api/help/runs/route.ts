import { withRouteErrors } from "@/server/http/route-errors";
import { startRunFromForm } from "../run-forms";

/** The first answer of a wizard starts its run (plain form POST) and leads to the run's link. */
export const POST = withRouteErrors("help/runs", startRunFromForm);
