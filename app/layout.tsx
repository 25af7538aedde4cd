import type { Metadata } from "next";
import localFont from "next/font/local";
import "./globals.css";

// Self-hosted from npm (@fontsource-variable/inter): no font CDN at build or run time.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Roster", template: "%s · Roster" },
  description: "Seats, SSO and SCIM provisioning for your scheduling workspace.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
