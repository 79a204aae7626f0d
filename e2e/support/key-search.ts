import fs from "node:fs";
import path from "node:path";

/**
 * The forms a leaked key could take in text: as is, hex, and base64/base64url at each of the three byte
 * alignments (a key inside a larger base64 blob, such as a cookie or an encoded payload).
 */
export function keyNeedles(key: string): string[] {
  const needles = new Set([key, Buffer.from(key).toString("hex")]);
  for (const pad of [0, 1, 2]) {
    const encoded = Buffer.from(`${"\0".repeat(pad)}${key}`).toString("base64");
    // Only the characters made of key bits alone: skip those mixed with the padding or with what follows.
    const start = Math.ceil((pad * 8) / 6);
    const end = Math.floor(((pad + key.length) * 8) / 6);
    const core = encoded.slice(start, end);
    needles.add(core);
    needles.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...needles];
}

export type Leak = { where: string; form: string; around: string };

/** Every place in `sources` where the key shows up in any of its forms. */
export function findKey(key: string, sources: { where: string; content: string | Buffer }[]): Leak[] {
  const needles = keyNeedles(key);
  const leaks: Leak[] = [];
  for (const { where, content } of sources) {
    const text = typeof content === "string" ? content : content.toString("latin1");
    for (const needle of needles) {
      const at = text.indexOf(needle);
      if (at >= 0)
        leaks.push({
          where,
          form: needle,
          around: text.slice(Math.max(0, at - 60), at + needle.length + 20),
        });
    }
  }
  return leaks;
}

export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** The app's routes from the build (`next build` writes them), split into pages and API routes. */
export function builtRoutes(): { pages: string[]; api: string[] } {
  const manifest = JSON.parse(
    fs.readFileSync(path.resolve(".next/app-path-routes-manifest.json"), "utf8"),
  ) as Record<string, string>;
  const routes = [...new Set(Object.values(manifest))].sort();
  return {
    pages: routes.filter((r) => !r.startsWith("/api/") && !r.startsWith("/_")),
    api: routes.filter((r) => r.startsWith("/api/")),
  };
}

/** A route pattern with its dynamic segments filled in (`[id]` from `values`, anything else "x"). */
export function fillRoute(route: string, values: Record<string, string>): string {
  return route.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => encodeURIComponent(values[name] ?? "x"));
}
