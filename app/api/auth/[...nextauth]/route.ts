import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { observed } from "@/lib/http/observed";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// NextAuth reads the options once per request; built lazily so that `next build` needs no database or secret.
const handler = observed<{ params: Promise<{ nextauth: string[] }> }>((req, ctx) => (NextAuth(authOptions()) as Handler)(req, ctx));

export { handler as GET, handler as POST };
