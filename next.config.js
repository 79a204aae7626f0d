// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` type-checks the whole project (tests included) in its own step; the build needn't repeat it.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
