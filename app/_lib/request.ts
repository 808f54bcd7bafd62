import { headers } from "next/headers";
import { requestInfo, type RequestInfo } from "@/server/http/request-info";

/** The request facts for a server component (the same ones tRPC procedures get). */
export async function pageRequestInfo(): Promise<RequestInfo> {
  return requestInfo(await headers());
}
