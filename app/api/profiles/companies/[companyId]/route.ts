import { readCompanyProfile } from "@/lib/profiles/reads";
import { knownProfileRoute } from "@/lib/profiles/route-query";
import type { CompanyProfileResponse } from "@/lib/profiles/types";

// GET /api/profiles/companies/[companyId]?environmentId=… – the company's known profile and members
export const GET = knownProfileRoute<CompanyProfileResponse, "companyId">("companyId", readCompanyProfile);
