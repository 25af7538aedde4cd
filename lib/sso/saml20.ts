import saml20Module from "@boxyhq/saml20";

/**
 * @boxyhq/saml20, the SAML toolkit Jackson itself is built on (signature
 * checks, signing, metadata). It is CommonJS with `exports.default`, which
 * Node's ESM loader and the bundler unwrap differently; this is the one place
 * that knows.
 */
type Saml20 = typeof saml20Module;
const loaded = saml20Module as Saml20 & { default?: Saml20 };
export const saml20: Saml20 = loaded.default ?? loaded;
