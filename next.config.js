/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

const nextConfig = {
  // Native and WASM packages stay outside the bundle: bundled PGlite breaks at run time,
  // and Jackson pulls in database drivers that must be loaded from node_modules.
  // @boxyhq/saml20 is the SAML toolkit Jackson loads from node_modules: Roster's ACS checks use that same copy.
  // prom-client is loaded once per process from node_modules (its optional OpenTelemetry import stays unresolved
  // until used); pino is on Next.js's own list of such packages.
  serverExternalPackages: ["@boxyhq/saml-jackson", "@boxyhq/saml20", "@electric-sql/pglite", "postgres", "prom-client"],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
