/**
 * Next's start-up hook: runs once in each server runtime before it serves a request. The Node
 * runtime gets the app's wiring (server/wiring.ts), so route handlers and pages raise inbound
 * events into registered consumers.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { wireApp } = await import("./server/wiring");
    wireApp();
  }
}
