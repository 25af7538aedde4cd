import { is, type HostileCase } from "../case";
import type { Rng } from "../rng";

const ATTRS = ["userName", "USERNAME", "externalId", "displayName", "emails.value", 'emails[type eq "work"].value', "name.givenName", "active", "meta.lastModified", "id", "title", "nosuch", "emails[", "members.value", "a.b.c.d.e", "urn:ietf:params:scim:schemas:core:2.0:User:userName"];
const OPS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "EQ", "Eq", "like", "==", "in", ""];
const VALUES = ['"x"', '"a@example.com"', "true", "false", "null", "42", '""', `"${"q".repeat(300)}"`, "'single'", '"unterminated', '"\\"escaped\\""', '"x\') OR 1=1--"', '"%_%"', '"\\u0000"', "x", "2026-01-01T00:00:00Z", '"2026-01-01T00:00:00Z"'];

function randomFilter(rng: Rng, depth = 0): string {
  const r = rng.next();
  if (depth < 4 && r < 0.15) return `(${randomFilter(rng, depth + 1)})`;
  if (depth < 4 && r < 0.3) return `${randomFilter(rng, depth + 1)} ${rng.pick(["and", "or", "AND", "Or", "xor", "&&"])} ${randomFilter(rng, depth + 1)}`;
  if (depth < 4 && r < 0.38) return `not (${randomFilter(rng, depth + 1)})`;
  if (r < 0.45) return `${rng.pick(ATTRS)}[${randomFilter(rng, depth + 1)}]`;
  const op = rng.pick(OPS);
  return op === "pr" || op === "PR" ? `${rng.pick(ATTRS)} pr` : `${rng.pick(ATTRS)} ${op} ${rng.pick(VALUES)}`;
}

/** Filters from the grammar and from outside it; every answer is a list (200) or invalidFilter (400). */
export function filters(): HostileCase[] {
  const out: HostileCase[] = [];
  for (let i = 0; i < 420; i++) {
    out.push({
      category: "filters (generated)",
      name: `generated filter #${i}`,
      build: (ctx) => ({ method: "GET", path: `/${ctx.rng.pick(["Users", "Groups"])}?filter=${encodeURIComponent(randomFilter(ctx.rng))}` }),
      expect: is(200, 400),
    });
  }
  const fixed: [string, string][] = [
    ["empty", ""],
    ["only spaces", "   "],
    ["10,000 ors", Array.from({ length: 10_000 }, (_, i) => `userName eq "u${i}"`).join(" or ")],
    ["2,000 nested parens", `${"(".repeat(2000)}userName eq "x"${")".repeat(2000)}`],
    ["20,000 nested parens", `${"(".repeat(20_000)}userName eq "x"${")".repeat(20_000)}`],
    ["2,000 nots", `${"not (".repeat(2000)}userName eq "x"${")".repeat(2000)}`],
    ["unbalanced", '((userName eq "x")'],
    ["sql injection", `userName eq "x" ; DROP TABLE memberships; --`],
    ["sql injection in string", `userName eq "x' OR '1'='1"`],
    ["like wildcards", 'userName co "%"'],
    ["backslashes", 'userName eq "\\\\\\\\"'],
    ["nul", 'userName eq "\u0000"'],
    ["emoji attribute", '😀 eq "x"'],
    ["plus as space", 'userName+eq+"x"'],
    ["value path without filter", "emails[].value eq x"],
    ["nested value paths", 'emails[type eq "work" and value[x eq "y"]].value eq "z"'],
    ["comparison on complex", 'name eq "x"'],
    ["gt on boolean", "active gt true"],
    ["date garbage", 'meta.lastModified gt "yesterday"'],
    ["number on string", "userName gt 5"],
    ["very long value", `userName eq "${"v".repeat(100_000)}"`],
  ];
  for (const [name, f] of fixed) {
    for (const res of ["Users", "Groups"]) {
      out.push({ category: "filters (pathological)", name: `${res}: ${name}`, build: () => ({ method: "GET", path: `/${res}?filter=${encodeURIComponent(f)}` }), expect: is(200, 400, 414, 431) });
    }
  }
  return out;
}

/** Paging, sorting and projection parameters out of range or of the wrong type. */
export function queryParams(): HostileCase[] {
  const out: HostileCase[] = [];
  const values = ["-1", "0", "1", "abc", "1e309", "99999999999999999999", "1.5", "", "%00", "NaN", "2147483648", " 5", "0x10"];
  for (const res of ["Users", "Groups"]) {
    for (const p of ["startIndex", "count"]) for (const v of values) out.push({ category: "paging", name: `${res} ${p}=${v}`, build: () => ({ method: "GET", path: `/${res}?${p}=${encodeURIComponent(v)}` }), expect: is(200, 400) });
    for (const p of ["attributes", "excludedAttributes"]) {
      for (const v of ["", "nosuch", "userName,,", ",", "emails[type eq \"work\"]", "a".repeat(5000), "meta.nosuch.deeper", "urn:x:y", "members", "id,meta,schemas"]) {
        out.push({ category: "projection", name: `${res} ${p}=${v.slice(0, 30)}`, build: () => ({ method: "GET", path: `/${res}?${p}=${encodeURIComponent(v)}` }), expect: is(200, 400) });
      }
    }
    for (const v of ["userName", "nosuch", "", "emails[type eq \"x\"].value", "id;DROP"]) {
      for (const o of ["ascending", "descending", "sideways", ""]) {
        out.push({ category: "sorting", name: `${res} sortBy=${v} sortOrder=${o}`, build: () => ({ method: "GET", path: `/${res}?sortBy=${encodeURIComponent(v)}&sortOrder=${o}` }), expect: is(200, 400) });
      }
    }
  }
  return out;
}
