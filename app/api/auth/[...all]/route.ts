import { auth } from "@/lib/auth/auth";

// GET|POST /api/auth/* – sign-in, sign-out, session and user administration (the auth library's endpoints)
const handle = (request: Request) => auth().handler(request);

export { handle as GET, handle as POST };
