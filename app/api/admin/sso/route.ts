import { z } from "zod";
import { viewerActor } from "@/lib/auth/viewer";
import { adminRoute } from "@/lib/http/admin-route";
import { removeSsoConnection, setIdpInitiated, setSsoConnection } from "@/lib/sso/connections";
import { MAX_METADATA_BYTES } from "@/lib/sso/metadata";

export const dynamic = "force-dynamic";

const putBody = z.object({
  metadataXml: z.string({ error: "Paste or upload your identity provider's SAML metadata XML." }),
  idpInitiated: z.boolean().optional(),
});
const patchBody = z.object({ idpInitiated: z.boolean() });

/** Configure or replace the organisation's SAML connection from IdP metadata (owner/admin, audited). */
export const PUT = adminRoute(
  putBody,
  async ({ db, viewer, body }) => {
    const { connection, replaced } = await setSsoConnection(db, {
      orgId: viewer.org.id,
      metadataXml: body.metadataXml,
      idpInitiated: body.idpInitiated,
      actor: viewerActor(viewer),
    });
    return { replaced, idpEntityId: connection.idpEntityId, ssoUrl: connection.ssoUrl };
  },
  // JSON escaping of the XML's quotes can grow it; the metadata itself is capped at MAX_METADATA_BYTES.
  { maxBodyBytes: 2 * MAX_METADATA_BYTES },
);

/** Turn IdP-initiated sign-in on or off. */
export const PATCH = adminRoute(patchBody, async ({ db, viewer, body }) => {
  await setIdpInitiated(db, { orgId: viewer.org.id, allowed: body.idpInitiated, actor: viewerActor(viewer) });
  return { idpInitiated: body.idpInitiated };
});

/** Remove the connection; members then sign in with email links. */
export const DELETE = adminRoute(undefined, async ({ db, viewer }) => {
  await removeSsoConnection(db, { orgId: viewer.org.id, actor: viewerActor(viewer) });
  return { removed: true };
});
