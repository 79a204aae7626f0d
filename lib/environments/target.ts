import "server-only";
import { env, type Env } from "@/lib/env";
import { REGION_HOSTS } from "@/lib/userpilot/protocol";

type TargetPlace = {
  /** Shown in the header badge, e.g. "Sandbox" or "Production · EU". */
  label: string;
  baseUrl: string;
};

export type SandboxTarget = TargetPlace & {
  mode: "sandbox";
  /** Served by this app under /api/sandbox, rather than one at USERPILOT_API_URL. */
  builtIn: boolean;
  /** Undefined for the built-in sandbox without SANDBOX_API_KEY: it uses its generated key. */
  apiKey: string | undefined;
};

export type LiveTarget = TargetPlace & { mode: "live"; apiKey: string };

export type Target = LiveTarget | SandboxTarget;

/** The standalone sandbox's default key (lib/sandbox/standalone-env.ts), a dev tool's public constant. */
const STANDALONE_SANDBOX_KEY = "sandbox";

/**
 * The sandbox the variables bring: the one at USERPILOT_API_URL when that URL is not the real key's, else
 * the one this app serves under /api/sandbox.
 */
export function sandboxTarget(config: Env = env()): SandboxTarget {
  const external = config.USERPILOT_API_KEY ? undefined : config.USERPILOT_API_URL;
  return {
    mode: "sandbox",
    label: "Sandbox",
    baseUrl: external ?? `http://127.0.0.1:${config.PORT}/api/sandbox`,
    builtIn: !external,
    apiKey: config.SANDBOX_API_KEY ?? (external ? STANDALONE_SANDBOX_KEY : undefined),
  };
}

/** Userpilot as USERPILOT_API_KEY reaches it: at USERPILOT_API_URL when set, else the region's host. */
export function liveTarget(config: Env = env()): LiveTarget | undefined {
  if (!config.USERPILOT_API_KEY) return undefined;
  if (config.USERPILOT_API_URL) {
    return {
      mode: "live",
      label: `Custom · ${new URL(config.USERPILOT_API_URL).host}`,
      baseUrl: config.USERPILOT_API_URL,
      apiKey: config.USERPILOT_API_KEY,
    };
  }
  return {
    mode: "live",
    label: `Production · ${config.USERPILOT_REGION.toUpperCase()}`,
    baseUrl: REGION_HOSTS[config.USERPILOT_REGION],
    apiKey: config.USERPILOT_API_KEY,
  };
}

/** Where sends go by the variables: without a real key, a sandbox (see sandboxTarget). */
export function resolveTarget(config: Env = env()): Target {
  return liveTarget(config) ?? sandboxTarget(config);
}
