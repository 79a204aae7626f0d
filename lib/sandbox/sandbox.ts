import { createSandboxContext } from "./context";
import { handleControl } from "./control";
import { handleLookup } from "./lookup";
import { notFound, singleErrorResponse } from "./responses";
import { pathnameOf } from "./routing";
import type { Sandbox, SandboxOptions, SandboxRequest, SandboxResponse } from "./types";
import { handleV1 } from "./v1-routes";

/** A fake Userpilot that follows the documented rules; framework-free so any HTTP layer can host it. */
export function createSandbox(options: SandboxOptions): Sandbox {
  const ctx = createSandboxContext(options);

  async function route(request: SandboxRequest): Promise<SandboxResponse> {
    const pathname = pathnameOf(request.path);
    // Bulk jobs whose time is up are applied before anything can read the profiles they change.
    await ctx.jobs.settle();
    if (pathname.startsWith("/v1/")) return handleV1(ctx, request, pathname);
    if (pathname.startsWith("/_sandbox/")) return handleLookup(ctx, request.method, pathname);
    if (pathname.startsWith("/__control/") && options.testMode) return handleControl(ctx, request, pathname);
    return notFound(pathname);
  }

  return {
    async handle(request) {
      try {
        return await route(request);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return singleErrorResponse(500, "internal_error", `The sandbox failed: ${message}`);
      }
    },
  };
}
