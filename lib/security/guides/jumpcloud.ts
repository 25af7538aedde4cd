import { type IdpGuide, ON_SECURITY_PAGE } from "./types";

export const jumpcloud: IdpGuide = {
  id: "jumpcloud",
  name: "JumpCloud",
  summary: "A custom SAML application in the JumpCloud Admin Portal, with Identity Management (SCIM) export.",
  sso: [
    {
      title: "Create the application",
      body: "In the JumpCloud Admin Portal open **SSO Applications** → **+ Add New Application** → **Custom Application**, choose **Manage Single Sign-On (SSO)** and **Export users to this app (Identity Management)**, then **Configure SSO with SAML** and name it **Roster**.",
    },
    {
      title: "Configure SAML",
      body: "On the **SSO** tab paste the values below, set **SAMLSubject NameID** to **email** and **SAMLSubject NameID Format** to **urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress**, then **Activate**.",
      values: [
        { label: "SP Entity ID", from: "entityId" },
        { label: "ACS URLs (Default URL)", from: "acsUrl" },
      ],
    },
    {
      title: "Give Roster JumpCloud's metadata",
      body: `Press **Export Metadata** and upload the file on ${ON_SECURITY_PAGE}.`,
    },
  ],
  scim: {
    supported: true,
    steps: [
      {
        title: "Connect JumpCloud to Roster",
        body: "On the **Identity Management** tab choose **SCIM 2.0**, fill in the values below, press **Test Connection** and then **Activate**.",
        values: [
          { label: "Base URL", from: "scimBaseUrl" },
          { label: "Token Key", from: "token" },
        ],
      },
      {
        title: "Bring groups too",
        body: "Still on **Identity Management**, tick **Enable management of User Groups and Group Membership in this application** and **Save**.",
      },
    ],
    features: ["SCIM 2.0", "Enable management of User Groups and Group Membership in this application"],
  },
  pitfalls: [
    "JumpCloud provisions only people in the user groups bound to the app: nothing is sent until a group is bound.",
    "**Test Connection** must pass before **Activate** is offered.",
  ],
  firstRequest: "On the **User Groups** tab bind a group with a test person in it and **Save**.",
};
