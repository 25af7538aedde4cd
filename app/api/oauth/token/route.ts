import { token } from "@/lib/sso/oauth-endpoints";

export const dynamic = "force-dynamic";

export { token as POST };
