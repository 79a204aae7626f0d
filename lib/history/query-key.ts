/**
 * The root of every history query key: invalidating it refreshes every list and detail. Its own module, so
 * a page that only invalidates (the Identify page, after a send) doesn't load the history's schemas.
 */
export const historyQueryKey = () => ["history"] as const;
