// @ts-check

const isProduction = process.env.NODE_ENV === "production";

// Next's App Router inlines its bootstrap scripts, so scripts need 'unsafe-inline'; 'unsafe-eval' only in dev.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isProduction ? "" : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  // kysely too: one copy of its classes, so a connection's dialect is known by instanceof (lib/db/dialect.ts).
  // undici as published, not bundled: the server runs the very code the client's unit tests run.
  serverExternalPackages: ["better-sqlite3", "pg", "kysely", "undici"],
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
