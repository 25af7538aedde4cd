import { HTTP_HEADER, type IdpGuide, USER_NAME } from "./types";

export const okta: IdpGuide = {
  id: "okta",
  name: "Okta",
  summary: "A SAML 2.0 app integration in the Okta Admin Console, with SCIM provisioning switched on.",
  sso: [
    {
      title: "Create the app integration",
      body: "In the Okta Admin Console open **Applications** → **Applications** → **Create App Integration**, choose **SAML 2.0** and press **Next**. Name it **Roster** and press **Next**.",
    },
    {
      title: "Configure SAML",
      body: "Paste Roster's ACS URL into **Single sign-on URL** (keep **Use this for Recipient URL and Destination URL** ticked) and the entity ID into **Audience URI (SP Entity ID)**. Set **Name ID format** to **EmailAddress** and **Application username** to **Email**, then **Next** → **Finish**.",
      values: [
        { label: "Single sign-on URL", from: "acsUrl" },
        { label: "Audience URI (SP Entity ID)", from: "entityId" },
      ],
    },
    {
      title: "Give Roster Okta's metadata",
      body: "On the app's **Sign On** tab copy the **Metadata URL** (or open it and save the XML), then on Roster's Security page paste it under **Add your identity provider's metadata**.",
    },
  ],
  scim: {
    supported: true,
    steps: [
      {
        title: "Turn on SCIM",
        body: "On the app's **General** tab, **App Settings** → **Edit**, set **Provisioning** to **SCIM** and **Save**. A **Provisioning** tab appears.",
      },
      {
        title: "Connect Okta to Roster",
        body: "On **Provisioning** → **Integration** press **Edit** and fill in the values below. Under **Supported provisioning actions** tick **Push New Users**, **Push Profile Updates** and **Push Groups**, press **Test Connector Configuration**, then **Save**.",
        values: [
          { label: "SCIM connector base URL", from: "scimBaseUrl" },
          USER_NAME,
          HTTP_HEADER,
          { label: "Authorization (Bearer token)", from: "token" },
        ],
      },
      {
        title: "Switch on what Okta may do",
        body: "On **Provisioning** → **To App** press **Edit**, tick **Create Users**, **Update User Attributes** and **Deactivate Users**, and **Save**. Leave **Sync Password** off: people sign in through Okta, Roster keeps no password.",
      },
    ],
    features: ["Push New Users", "Push Profile Updates", "Push Groups", "Create Users", "Update User Attributes", "Deactivate Users"],
  },
  pitfalls: [
    "Assigning a group to the app provisions its people but not the group itself: use the **Push Groups** tab to create and keep the group in Roster.",
    "Do not push the same Okta group you use for assignment and rename it in Roster: Okta owns the group, and the next push puts its name back.",
    "Unassigning a person deactivates them in Roster (their seat is freed); Okta never deletes.",
  ],
  firstRequest: "On the **Assignments** tab assign yourself or a test person: Okta sends the request at once.",
};
