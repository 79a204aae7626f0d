import { NextResponse } from "next/server";
import { audit } from "@/lib/audit/audit-log";
import { guarded } from "@/lib/auth/guard";
import { deleteEnvironment, listEnvironments, updateEnvironment } from "@/lib/environments/store";
import { environmentUpdateRequestSchema } from "@/lib/environments/upstream-policy";
import { parseBody } from "@/lib/http/parse-body";
import { apiError } from "@/lib/http/responses";

const KEY_REQUIRED_FOR_NEW_URL =
  "Enter the API key again: a changed region or base URL needs the key, so a stored key never goes to a new address";

type Context = { params: Promise<{ id: string }> };

// PATCH /api/environments/[id] – change an environment; a non-empty apiKey rotates its key, and a new address needs one
export const PATCH = guarded("environments:manage", async (request, actor, { params }: Context) => {
  const { id } = await params;
  const input = await parseBody(request, environmentUpdateRequestSchema);
  const result = await updateEnvironment(id, input);
  if (result.kind === "not_found") return apiError(404, "not_found", "Only environments added here can be changed here");
  if (result.kind === "key_required") {
    return apiError(400, "invalid_request", "Some fields need attention", [
      { path: "apiKey", message: KEY_REQUIRED_FOR_NEW_URL },
    ]);
  }
  await audit(actor.email, "environment.updated", input.name, {
    region: input.region,
    production: input.isProduction,
    fromUrl: result.fromUrl,
    toUrl: result.toUrl,
  });
  if (result.rotated) await audit(actor.email, "environment.key_rotated", input.name);
  const environment = (await listEnvironments()).find((entry) => entry.id === id);
  return NextResponse.json({ environment });
});

// DELETE /api/environments/[id] – remove an environment and its stored key
export const DELETE = guarded("environments:manage", async (_request, actor, { params }: Context) => {
  const { id } = await params;
  const existing = (await listEnvironments()).find((entry) => entry.id === id);
  if (!existing || existing.kind !== "stored" || !(await deleteEnvironment(id))) {
    return apiError(404, "not_found", "Only environments added here can be removed here");
  }
  await audit(actor.email, "environment.deleted", existing.name);
  return NextResponse.json({ deleted: id });
});
