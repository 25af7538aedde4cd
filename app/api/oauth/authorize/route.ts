import { observed } from "@/lib/http/observed";
import { authorize } from "@/lib/sso/oauth-endpoints";

export const dynamic = "force-dynamic";

export const GET = observed(authorize);
export const POST = observed(authorize);
