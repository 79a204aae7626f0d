import {
  companyProfileResponseSchema,
  registryResponseSchema,
  userProfileResponseSchema,
} from "@/lib/profiles/types";

// Where the Identify page reads known profiles and the type registry. Plain paths and schemas (read with
// request-json.ts, not TanStack Query): the Identify page keeps its JavaScript small.

const query = (environmentId: string) => `?${new URLSearchParams({ environmentId }).toString()}`;

export const knownProfileReads = {
  user: (environmentId: string, userId: string) => ({
    path: `/api/profiles/users/${encodeURIComponent(userId)}${query(environmentId)}`,
    schema: userProfileResponseSchema,
  }),
  company: (environmentId: string, companyId: string) => ({
    path: `/api/profiles/companies/${encodeURIComponent(companyId)}${query(environmentId)}`,
    schema: companyProfileResponseSchema,
  }),
  registry: (environmentId: string) => ({
    path: `/api/profiles/registry${query(environmentId)}`,
    schema: registryResponseSchema,
  }),
};
