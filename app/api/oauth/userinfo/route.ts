import { observed } from "@/lib/http/observed";
import { userinfo } from "@/lib/sso/oauth-endpoints";

export const dynamic = "force-dynamic";

export const GET = observed(userinfo);
