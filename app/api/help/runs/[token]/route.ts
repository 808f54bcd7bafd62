import { answerRunFromForm } from "../../run-forms";

/** One answer in a run (plain form POST), then back to the run's link. */
export const POST = answerRunFromForm;
