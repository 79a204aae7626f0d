import { auth } from "@/lib/auth/auth";
import { forgetActors } from "@/lib/auth/session";

// GET|POST /api/auth/* – sign-in, sign-out, session and user administration (the auth library's endpoints)
export async function GET(request: Request) {
  return auth().handler(request);
}

export async function POST(request: Request) {
  const response = await auth().handler(request);
  // A sign-out, ban or role change must not outlive the short session cache.
  forgetActors();
  return response;
}
