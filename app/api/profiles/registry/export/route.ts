import { guarded } from "@/lib/auth/guard";
import { readRegistry } from "@/lib/profiles/reads";
import { registryCsv } from "@/lib/profiles/registry-csv";
import { environmentIdOf } from "@/lib/profiles/route-query";

// GET /api/profiles/registry/export?environmentId=… – the type registry as a CSV download (admins)
export const GET = guarded("environments:manage", async (request) => {
  const environmentId = environmentIdOf(request);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(registryCsv(await readRegistry(environmentId)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="property-types-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
