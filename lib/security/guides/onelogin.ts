import { type IdpGuide, ON_SECURITY_PAGE } from "./types";

export const onelogin: IdpGuide = {
  id: "onelogin",
  name: "OneLogin",
  summary: "The SCIM Provisioner with SAML (SCIM v2 Enterprise) connector: one OneLogin app for both sign-in and provisioning.",
  sso: [
    {
      title: "Add the connector",
      body: "In OneLogin **Administration** open **Applications** → **Applications** → **Add App**, search for **SCIM Provisioner with SAML (SCIM v2 Enterprise)**, name it **Roster** and **Save**.",
    },
    {
      title: "Configure SAML",
      body: "On the **Configuration** tab paste the values below. On the **Parameters** tab set **SAML NameID (Subject)** to **Email**.",
      values: [
        { label: "SAML Audience URL", from: "entityId" },
        { label: "SAML Consumer URL", from: "acsUrl" },
      ],
    },
    {
      title: "Give Roster OneLogin's metadata",
      body: `Press **More Actions** → **SAML Metadata**, and upload the file on ${ON_SECURITY_PAGE}.`,
    },
  ],
  scim: {
    supported: true,
    steps: [
      {
        title: "Connect OneLogin to Roster",
        body: "On the **Configuration** tab fill in the values below (keep the default **SCIM JSON Template**), press **Enable** under **API Connection** and **Save**. On **Parameters** set **scimusername** to **Email**.",
        values: [
          { label: "SCIM Base URL", from: "scimBaseUrl" },
          { label: "SCIM Bearer Token", from: "token" },
          { label: "scimusername (the SCIM userName)", text: "Email" },
        ],
      },
      {
        title: "Switch on provisioning",
        body: "On the **Provisioning** tab tick **Enable provisioning** and the actions below; untick **Require admin approval before this action is performed** for each, then **Save**.",
      },
    ],
    features: ["Enable provisioning", "Create user", "Delete user", "Update user"],
  },
  pitfalls: [
    "Admin approval is on by default: until you untick it, OneLogin queues every change under **Users** → **Provisioning** and sends nothing.",
    "**scimusername** defaults to the OneLogin Username: set it to **Email**, or Roster may not find the person's sign-in email.",
    "When a user is deleted in OneLogin, choose **Suspend** to deactivate them in Roster (seat freed, history kept) rather than **Delete**.",
  ],
  firstRequest: "On the app's **Users** tab (or from a role) give a test person access: OneLogin provisions them within seconds.",
};
