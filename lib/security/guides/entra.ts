import { type IdpGuide, ON_SECURITY_PAGE } from "./types";

export const entra: IdpGuide = {
  id: "entra",
  name: "Microsoft Entra ID",
  summary: "A non-gallery enterprise application in the Microsoft Entra admin center, with SAML single sign-on and automatic provisioning.",
  sso: [
    {
      title: "Create the enterprise application",
      body: "In the Microsoft Entra admin center open **Enterprise applications** → **New application** → **Create your own application**, name it **Roster**, choose **Integrate any other application you don't find in the gallery (Non-gallery)** and press **Create**.",
    },
    {
      title: "Configure SAML",
      body: "Open **Single sign-on** → **SAML**. In **Basic SAML Configuration** press **Edit** and paste the values below, then **Save**. In **Attributes & Claims** set **Unique User Identifier (Name ID)** to **user.mail**.",
      values: [
        { label: "Identifier (Entity ID)", from: "entityId" },
        { label: "Reply URL (Assertion Consumer Service URL)", from: "acsUrl" },
      ],
    },
    {
      title: "Give Roster Entra's metadata",
      body: `Under **SAML Certificates** copy the **App Federation Metadata Url** (or download **Federation Metadata XML**) and paste it on ${ON_SECURITY_PAGE}.`,
    },
  ],
  scim: {
    supported: true,
    steps: [
      {
        title: "Connect Entra to Roster",
        body: "Open **Provisioning**, set **Provisioning Mode** to **Automatic**. Under **Admin Credentials** paste the **Tenant URL** (it ends in `?aadOptscim062020`, keep it) and the **Secret Token**, press **Test Connection**, then **Save**.",
        values: [
          { label: "Tenant URL", from: "scimBaseUrl" },
          { label: "Secret Token", from: "token" },
        ],
      },
      {
        title: "Check the mappings",
        body: "Under **Mappings** → **Provision Microsoft Entra ID Users** keep **userPrincipalName → userName** and **mail → emails[type eq \"work\"].value**: Roster signs people in with the work email, whatever the userName. Leave **Provision Microsoft Entra ID Groups** on to bring groups.",
      },
      {
        title: "Start provisioning",
        body: "Set **Provisioning Status** to **On**, **Scope** to **Sync only assigned users and groups**, and **Save**.",
      },
    ],
    features: ["Provisioning Mode: Automatic", "Create, Update and Delete for users", "Provision Microsoft Entra ID Groups", "Provisioning Status: On"],
  },
  pitfalls: [
    "Keep `?aadOptscim062020` at the end of the Tenant URL: without it Entra sends its older, non-standard PATCH requests (Roster accepts them, but the flag is what Microsoft tests against).",
    "Entra's userName is the userPrincipalName, which is not always a mailbox: map **mail** to the work email, which is what Roster signs people in with.",
    "The first automatic cycle can take up to 40 minutes: use **Provision on demand** to send one person now.",
    "**Test Connection** looks up a random user and expects an empty answer: it checks the token, not your mappings.",
  ],
  firstRequest: "Under **Users and groups** assign a test person, then **Provision on demand** with that person.",
};
