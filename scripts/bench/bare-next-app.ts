import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The baseline: a Next.js app with nothing but a minimal page and a route that forwards the body upstream
 * with fetch, and one that forwards it with undici's request API (the product's HTTP client). Generated in a temporary directory (never in the product app) and built with the repository's
 * own `next`, so both apps run the same Next.js and React.
 */
const FILES: Record<string, string> = {
  "package.json": `{ "private": true }\n`,
  // The repository's node_modules is linked in from outside this directory: Turbopack must be allowed there.
  "next.config.js": `module.exports = { turbopack: { root: "/" }, poweredByHeader: false, typescript: { ignoreBuildErrors: true }, serverExternalPackages: ["undici"] };\n`,
  "app/layout.tsx": `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  "app/page.tsx": `export default function Page() {
  return <main>Bare Next.js page</main>;
}
`,
  "app/api/forward/route.ts": `// POST /api/forward – the body, as is, to the upstream identify endpoint; its answer, as is, back.
export async function POST(request: Request) {
  const upstream = await fetch(\`\${process.env.UPSTREAM_URL}/v1/identify\`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: \`Token \${process.env.UPSTREAM_KEY}\`,
      "X-API-Version": "2020-09-22",
    },
    body: await request.text(),
    cache: "no-store",
  });
  return new Response(await upstream.text(), {
    status: upstream.status,
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" },
  });
}
`,
  "app/api/forward-undici/route.ts": `// POST /api/forward-undici – the same forward with undici's request API on a keep-alive pool of its own.
import { Agent, request } from "undici";

const upstreamConnections = new Agent();

export async function POST(incoming: Request) {
  const upstream = await request(\`\${process.env.UPSTREAM_URL}/v1/identify\`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: \`Token \${process.env.UPSTREAM_KEY}\`,
      "X-API-Version": "2020-09-22",
    },
    body: await incoming.text(),
    dispatcher: upstreamConnections,
  });
  const contentType = upstream.headers["content-type"];
  return new Response(await upstream.body.text(), {
    status: upstream.statusCode,
    headers: { "content-type": typeof contentType === "string" ? contentType : "application/json" },
  });
}
`,
};

export function buildBareApp(dir: string, repoRoot: string): void {
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  execFileSync(path.join(repoRoot, "node_modules", ".bin", "next"), ["build", dir], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 240_000,
  });
}
