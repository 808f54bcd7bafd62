import { withRouteErrors } from "@/server/http/route-errors";
import { handleSignOut } from "../sign-out-handler";

export const POST = withRouteErrors("session/sign-out-everywhere", (request: Request) => handleSignOut(request, "everywhere"));
