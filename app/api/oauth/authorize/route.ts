import { authorize } from "@/lib/sso/oauth-endpoints";

export const dynamic = "force-dynamic";

export { authorize as GET, authorize as POST };
