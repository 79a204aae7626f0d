// The console's known-profile routes, as paths only: the Identify page builds one before its reader loads.

const query = (environmentId: string) => `?${new URLSearchParams({ environmentId }).toString()}`;

export const profilePaths = {
  user: (environmentId: string, userId: string) =>
    `/api/profiles/users/${encodeURIComponent(userId)}${query(environmentId)}`,
  company: (environmentId: string, companyId: string) =>
    `/api/profiles/companies/${encodeURIComponent(companyId)}${query(environmentId)}`,
  registry: (environmentId: string) => `/api/profiles/registry${query(environmentId)}`,
};
