import { userinfo } from "@/lib/sso/oauth-endpoints";

export const dynamic = "force-dynamic";

export { userinfo as GET };
