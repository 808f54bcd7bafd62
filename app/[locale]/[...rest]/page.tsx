import { notFound } from "next/navigation";

/** Any unknown path inside a locale shows that locale's not-found page. */
export default function CatchAll() {
  notFound();
}
