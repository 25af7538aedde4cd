import { observed } from "@/lib/http/observed";
import { handleAcsPost } from "@/lib/sso/acs-handler";

export const dynamic = "force-dynamic";

/** The SAML assertion consumer service: the IdP's browser posts the signed response here. */
export const POST = observed((req) => handleAcsPost(req));
