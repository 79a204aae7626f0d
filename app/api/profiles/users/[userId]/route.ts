import { readUserProfile } from "@/lib/profiles/reads";
import { knownProfileRoute } from "@/lib/profiles/route-query";
import type { UserProfileResponse } from "@/lib/profiles/types";

// GET /api/profiles/users/[userId]?environmentId=… – the user's known profile, as sent from this console
export const GET = knownProfileRoute<UserProfileResponse, "userId">("userId", readUserProfile);
