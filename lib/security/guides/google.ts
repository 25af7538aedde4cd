import { type IdpGuide, ON_SECURITY_PAGE } from "./types";

export const google: IdpGuide = {
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
