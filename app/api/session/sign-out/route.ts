import { handleSignOut } from "../sign-out-handler";

export const POST = (request: Request) => handleSignOut(request, "this");
