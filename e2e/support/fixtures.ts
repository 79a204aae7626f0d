import { test as base, expect } from "@playwright/test";

/**
 * Every spec imports `test` and `expect` from here, so cross-cutting set-up (such as signing in) lives
 * in one place.
 */
export const test = base;
export { expect };
