import {
  companyProfileResponseSchema,
  registryResponseSchema,
  userProfileResponseSchema,
} from "@/lib/profiles/types";
import { profilePaths } from "./profile-paths";

// Where the Identify page reads known profiles and the type registry. Plain paths and schemas (read with
// request-json.ts, not TanStack Query): the Identify page keeps its JavaScript small.

export const knownProfileReads = {
  user: (environmentId: string, userId: string) => ({
    path: profilePaths.user(environmentId, userId),
    schema: userProfileResponseSchema,
  }),
  company: (environmentId: string, companyId: string) => ({
    path: profilePaths.company(environmentId, companyId),
    schema: companyProfileResponseSchema,
  }),
  registry: (environmentId: string) => ({
    path: profilePaths.registry(environmentId),
    schema: registryResponseSchema,
  }),
};
