/**
 * The setup guides on the Security page, one per identity provider, as data:
 * one component renders them all, so a label Okta renames is a one-line fix
 * here and every guide shows the same values (from the page, never typed by
 * hand) with the same copy buttons. Step text uses the IdP's own UI labels,
 * in **bold**, so an admin can find them on screen.
 */
export const IDP_IDS = ["okta", "entra", "onelogin", "jumpcloud", "google", "scim"] as const;
export type IdpId = (typeof IDP_IDS)[number];

/** A value the admin pastes into the IdP: Roster's own (filled in by the page) or a fixed choice. */
export type GuideValue =
  | { label: string; from: "acsUrl" | "entityId" | "metadataUrl" | "scimBaseUrl" | "token" }
  | { label: string; text: string };

export interface GuideStep {
  title: string;
  /** Sentences; `**label**` marks the IdP's own words for a button, tab or field. */
  body: string;
  values?: GuideValue[];
}

interface ScimGuide {
  supported: true;
  steps: GuideStep[];
  /** The provisioning features to switch on, in the IdP's words. */
  features: string[];
}

interface NoScim {
  supported: false;
  /** Why, said plainly, and what to do instead. */
  reason: string;
}

export interface IdpGuide {
  id: IdpId;
  name: string;
  /** Shown under the picker: what kind of application this guide creates in the IdP. */
  summary: string;
  sso: GuideStep[];
  scim: ScimGuide | NoScim;
  pitfalls: string[];
  /** The last step, checked off by the live panel: what the admin does to make the IdP send its first request. */
  firstRequest: string;
}

/** Where every SSO guide sends the IdP's metadata, in the words of Roster's own form. */
const ON_SECURITY_PAGE = "Roster's Security page under **Add your identity provider's metadata**";
const HTTP_HEADER: GuideValue = { label: "Authentication Mode", text: "HTTP Header" };
const USER_NAME: GuideValue = { label: "Unique identifier field for users", text: "userName" };

const okta: IdpGuide = {
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

const entra: IdpGuide = {
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

const onelogin: IdpGuide = {
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

const jumpcloud: IdpGuide = {
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

const google: IdpGuide = {
  id: "google",
  name: "Google Workspace",
  summary: "A custom SAML app in the Google Admin console. Single sign-on only: people are invited in Roster.",
  sso: [
    {
      title: "Add the custom SAML app",
      body: "In the Google Admin console open **Apps** → **Web and mobile apps** → **Add app** → **Add custom SAML app**, name it **Roster** and press **Continue**.",
    },
    {
      title: "Give Roster Google's metadata",
      body: `Under **Google Identity Provider details** press **Download Metadata**, and upload the file on ${ON_SECURITY_PAGE}. Then press **Continue**.`,
    },
    {
      title: "Service provider details",
      body: "Paste the values below, set **Name ID format** to **EMAIL** and **Name ID** to **Basic Information › Primary email**, press **Continue** and **Finish**.",
      values: [
        { label: "ACS URL", from: "acsUrl" },
        { label: "Entity ID", from: "entityId" },
      ],
    },
    {
      title: "Turn the app on",
      body: "Open **User access**, choose **ON for everyone** (or the organisational units that use Roster) and **Save**.",
    },
  ],
  scim: {
    supported: false,
    reason:
      "Google Workspace does not provision custom SAML apps over SCIM: it only provisions the apps in its own catalogue. Invite people on Roster's Users page (or with a CSV); each joins at their first sign-in through Google, and you deactivate leavers in Roster.",
  },
  pitfalls: [
    "Turning the app on for users can take up to 24 hours to reach everyone; until then Google says the app is not enabled for them.",
    "Google signs people in with their primary email: invite them in Roster with that address.",
  ],
  firstRequest: "Invite a test person on the Users page and have them sign in through Google.",
};

const scim: IdpGuide = {
  id: "scim",
  name: "Another SCIM 2.0 client",
  summary: "Any SAML 2.0 identity provider, and any client that speaks SCIM 2.0 (RFC 7643 / RFC 7644).",
  sso: [
    {
      title: "Create a SAML 2.0 application",
      body: "Give your identity provider Roster's metadata URL, or the ACS URL and entity ID below. Send the person's email address as the **NameID**.",
      values: [
        { label: "ACS URL", from: "acsUrl" },
        { label: "Entity ID (audience)", from: "entityId" },
        { label: "SP metadata URL", from: "metadataUrl" },
      ],
    },
    {
      title: "Give Roster your IdP's metadata",
      body: `Paste or upload the IdP's SAML metadata XML on ${ON_SECURITY_PAGE}.`,
    },
  ],
  scim: {
    supported: true,
    steps: [
      {
        title: "Connect the client",
        body: "Point the client at the base URL below and send the token in an **Authorization** header on every request. The client can read what Roster supports from **/ServiceProviderConfig**, **/ResourceTypes** and **/Schemas**.",
        values: [
          { label: "SCIM base URL", from: "scimBaseUrl" },
          { label: "Authentication", text: "HTTP Header: Authorization: Bearer <token>" },
          { label: "Bearer token", from: "token" },
          { label: "Unique identifier", text: "userName" },
        ],
      },
    ],
    features: ["Users: create, read, replace (PUT), PATCH, delete", "Groups and group members", "Filters (eq, co, sw…), sorting, paging", "Bulk", "ETags"],
  },
  pitfalls: [
    "Look a person up by `userName eq \"…\"` before creating them: a second create for the same userName is refused with 409 `uniqueness`.",
    "Deactivate with `active: false` (the seat is freed); DELETE removes the person for good.",
  ],
  firstRequest: "Send any request with the token, for example `GET /Users?count=1`.",
};

const GUIDES: Record<IdpId, IdpGuide> = { okta, entra, onelogin, jumpcloud, google, scim };

export const guideFor = (id: IdpId): IdpGuide => GUIDES[id];
export const allGuides = (): IdpGuide[] => IDP_IDS.map((id) => GUIDES[id]);
export const isIdpId = (v: string): v is IdpId => (IDP_IDS as readonly string[]).includes(v);

/** Entra asks for this flag on the Tenant URL: it switches on its RFC-compliant SCIM behaviour. */
export const ENTRA_SCIM_FLAG = "aadOptscim062020";

/** The SCIM base URL as this IdP wants it pasted. */
export function scimBaseUrlFor(id: IdpId, baseUrl: string): string {
  return id === "entra" ? `${baseUrl}?${ENTRA_SCIM_FLAG}` : baseUrl;
}
