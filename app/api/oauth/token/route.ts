import { observed } from "@/lib/http/observed";
import { token } from "@/lib/sso/oauth-endpoints";

export const dynamic = "force-dynamic";

export const POST = observed(token);
