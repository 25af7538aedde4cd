import { DOMParser, onErrorStopParsing, type Document, type Element, type Node } from "@xmldom/xmldom";

/** Namespaces of the SAML 2.0 documents Roster reads (SAML core §2–3, metadata §2, XML-DSig). */
export const NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  metadata: "urn:oasis:names:tc:SAML:2.0:metadata",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
} as const;

export class XmlError extends Error {
  override name = "XmlError";
}

/**
 * Parses untrusted XML strictly: any parse error stops it, and a DOCTYPE is
 * refused outright (no entity expansion, no "billion laughs"; SAML never needs one).
 */
export function parseXml(xml: string): Document {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlError("XML with a DOCTYPE is not accepted.");
  try {
    const doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, "text/xml");
    if (!doc.documentElement) throw new XmlError("The document has no root element.");
    return doc;
  } catch (e) {
    if (e instanceof XmlError) throw e;
    throw new XmlError(`Not well-formed XML: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }
}

const isElement = (n: Node): n is Element => n.nodeType === 1;

/** Direct children of `el` with this namespace and local name. */
export function childElements(el: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < el.childNodes.length; i++) {
    const n = el.childNodes.item(i);
    if (n && isElement(n) && n.namespaceURI === ns && n.localName === localName) out.push(n);
  }
  return out;
}

export function firstChild(el: Element, ns: string, localName: string): Element | undefined {
  return childElements(el, ns, localName)[0];
}

/** Every element below `root` (any depth) with this namespace and local name. */
export function descendants(root: Document | Element, ns: string, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, localName));
}

export const textOf = (el: Element | undefined): string => (el?.textContent ?? "").trim();

/** An attribute's value, or undefined when the attribute is absent or empty. */
export function attr(el: Element | undefined, name: string): string | undefined {
  const v = el?.getAttribute(name);
  return v ? v : undefined;
}
