import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { readCompanyProfile } from "@/lib/profiles/reads";
import { environmentIdOf } from "@/lib/profiles/route-query";
import type { CompanyProfileResponse } from "@/lib/profiles/types";

type Context = { params: Promise<{ companyId: string }> };

// GET /api/profiles/companies/[companyId]?environmentId=… – the company's known profile and members
export const GET = guarded("history:read", async (request, _actor, { params }: Context) => {
  const environmentId = environmentIdOf(request);
  const { companyId } = await params;
  const body: CompanyProfileResponse = { profile: await readCompanyProfile(environmentId, companyId) };
  return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
});
