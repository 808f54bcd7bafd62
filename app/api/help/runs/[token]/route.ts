import { withRouteErrors } from "@/server/http/route-errors";
import { answerRunFromForm } from "../../run-forms";

/** One answer in a run (plain form POST), then back to the run's link. */
export const POST = withRouteErrors("help/runs/[token]", answerRunFromForm);
