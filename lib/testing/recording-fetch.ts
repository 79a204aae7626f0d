// Test helper for browser-side modules: for each test, fetch is replaced by a recorder that answers with
// `answer()` (real Response objects), and restored afterwards.
import { afterEach, beforeEach } from "vitest";

export type RecordingFetch = {
  calls: { url: string; init: RequestInit | undefined }[];
  answer: () => Response;
};

export function recordingFetch(): RecordingFetch {
  const realFetch = globalThis.fetch;
  const fake: RecordingFetch = { calls: [], answer: () => new Response(null, { status: 500 }) };
  beforeEach(() => {
    fake.calls = [];
    globalThis.fetch = async (input, init) => {
      fake.calls.push({ url: String(input), init });
      return fake.answer();
    };
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  return fake;
}
