import { acceptedLanguages, appPath, pickLocale } from "./_lib/locale";

/**
 * The start address (/authenticator): the app in the device's language. Once the service worker
 * is installed it answers this address itself (also offline), with the language last opened.
 */
export function GET(request: Request): Response {
  const locale = pickLocale(acceptedLanguages(request.headers.get("accept-language")));
  return new Response(null, { status: 307, headers: { Location: appPath(locale) } });
}
