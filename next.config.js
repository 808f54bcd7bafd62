import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and a data bundle: keep it out of the bundler (see ARCHITECTURE.md).
  serverExternalPackages: ["@electric-sql/pglite", "argon2", "nodemailer", "web-push"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
