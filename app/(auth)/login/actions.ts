"use server";

import type { SignInChoice } from "@/components/sign-in-form";
import { SSO_PRODUCT } from "@/lib/sso/jackson";
import { signInRoute } from "@/lib/auth/sign-in-rules";
import { getDb } from "@/lib/db";
import { isEmail } from "@/lib/validation";

/** First step of the sign-in form: single sign-on for members of an SSO organisation, an email link otherwise. */
export async function chooseSignInMethod(email: string): Promise<SignInChoice> {
  const address = String(email ?? "").trim();
  if (!isEmail(address)) return { method: "invalid" };
  const route = await signInRoute(await getDb(), address);
  return route.method === "sso" ? { method: "sso", tenant: route.orgId, product: SSO_PRODUCT, orgName: route.orgName } : { method: "email" };
}
