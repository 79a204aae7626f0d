import { handleAuthRequest } from "@/lib/auth/auth-route";
import { forgetActors } from "@/lib/auth/session";

// GET|POST /api/auth/* – sign-in, sign-out and session (the auth library's endpoints; its admin ones are not served)
export async function GET(request: Request) {
  return handleAuthRequest(request);
}

export async function POST(request: Request) {
  const response = await handleAuthRequest(request);
  // A sign-out must not outlive the short session cache.
  forgetActors();
  return response;
}
