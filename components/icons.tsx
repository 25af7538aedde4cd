import type { SVGProps } from "react";

/** Outline icons (24×24, stroke) drawn for Roster's navigation and tables. */
function Icon({ d, ...props }: SVGProps<SVGSVGElement> & { d: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" {...props}>
      <path d={d} />
    </svg>
  );
}

type P = SVGProps<SVGSVGElement>;
export const UsersIcon = (p: P) => <Icon {...p} d="M16 19v-1a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v1M9 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM22 19v-1a4 4 0 0 0-3-3.87M16 3.13a3.5 3.5 0 0 1 0 6.75" />;
export const GroupsIcon = (p: P) => <Icon {...p} d="M3 7h7l2 2h9v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V7ZM3 7V5a1 1 0 0 1 1-1h5l2 3" />;
export const ShieldIcon = (p: P) => <Icon {...p} d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6l-8-3ZM9 12l2 2 4-4" />;
export const CardIcon = (p: P) => <Icon {...p} d="M3 6.5A1.5 1.5 0 0 1 4.5 5h15A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5v-11ZM3 10h18M7 15h4" />;
export const KeyIcon = (p: P) => <Icon {...p} d="M15 7a3 3 0 1 1 0 6 3 3 0 0 1 0-6Zm-2.1 5.1L4 21m3-3 2 2m-4-4 2 2" />;
export const CalendarIcon = (p: P) => <Icon {...p} d="M4 6a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6ZM4 10h16M8 3v4M16 3v4" />;
export const LogIcon = (p: P) => <Icon {...p} d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" />;
export const WebhookIcon = (p: P) => <Icon {...p} d="M9 8a3 3 0 1 1 4.5 2.6L16 15m-7 4a3 3 0 1 1-.1-6h7.1m2.9 6a3 3 0 1 1-1.5-5.6L13.5 10" />;
export const MailIcon = (p: P) => <Icon {...p} d="M3 6a1 1 0 0 1 1-1h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6Zm0 0 9 7 9-7" />;
export const SearchIcon = (p: P) => <Icon {...p} d="m21 21-4.3-4.3M10.5 18a7.5 7.5 0 1 1 0-15 7.5 7.5 0 0 1 0 15Z" />;
export const LogoutIcon = (p: P) => <Icon {...p} d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3M10 17l-5-5 5-5M5 12h11" />;
export const LockIcon = (p: P) => <Icon {...p} d="M6 11h12v9H6v-9Zm2 0V8a4 4 0 1 1 8 0v3" />;
export const ClockIcon = (p: P) => <Icon {...p} d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-13v4l3 2" />;
export const PinIcon = (p: P) => <Icon {...p} d="M12 21s-7-6.2-7-11.5a7 7 0 1 1 14 0C19 14.8 12 21 12 21Zm0-9a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z" />;
export const GlobeIcon = (p: P) => <Icon {...p} d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3Z" />;
export const CheckCircleIcon = (p: P) => <Icon {...p} d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm-4-9 3 3 5-6" />;
export const ChevronLeftIcon = (p: P) => <Icon {...p} d="m15 18-6-6 6-6" />;
export const ChevronRightIcon = (p: P) => <Icon {...p} d="m9 18 6-6-6-6" />;
export const LinkIcon = (p: P) => <Icon {...p} d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />;
