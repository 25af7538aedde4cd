import { COMPARE_OPS, type AttrPath, type CompareOp, type CompValue, type Filter, type PatchPath } from "./ast";

/**
 * A hand-written parser for RFC 7644 §3.4.2.2 filters and §3.5.2 PATCH paths.
 * Why not scim2-parse-filter: it rejects what the Microsoft SCIM reference
 * collection sends (unquoted values such as `eq Employee` or
 * `gt 2015-10-10T14:38:21-07:00`) and Entra's `emails[type eq "work"].value eq "…"`,
 * and its errors carry no position. This one is ~200 lines, typed, and says
 * where a filter went wrong.
 */
export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

type Token =
  | { t: "(" | ")" | "[" | "]"; pos: number }
  | { t: "string"; value: string; pos: number }
  | { t: "word"; value: string; pos: number };

const MAX_FILTER_LENGTH = 4096;
const MAX_DEPTH = 50;

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")" || c === "[" || c === "]") {
      out.push({ t: c, pos: i });
      i++;
    } else if (c === '"') {
      const start = i;
      i++;
      while (i < input.length && input[i] !== '"') i += input[i] === "\\" ? 2 : 1;
      if (i >= input.length) throw new FilterSyntaxError("unterminated string", start);
      i++;
      let value: unknown;
      try {
        value = JSON.parse(input.slice(start, i));
      } catch {
        throw new FilterSyntaxError("invalid escape in string", start);
      }
      out.push({ t: "string", value: value as string, pos: start });
    } else {
      const start = i;
      while (i < input.length && !/[\s()[\]"]/.test(input[i]!)) i++;
      out.push({ t: "word", value: input.slice(start, i), pos: start });
    }
  }
  return out;
}

const ATTR_NAME = /^(?:\$ref|[A-Za-z][\w-]*)$/;

/** `attr`, `attr.sub`, or `urn:…:Resource:attr[.sub]` (the URN ends at its last colon). */
export function parseAttrPath(raw: string, pos = 0): AttrPath {
  let uri: string | undefined;
  let rest = raw;
  if (/^urn:/i.test(raw)) {
    const cut = raw.lastIndexOf(":");
    uri = raw.slice(0, cut);
    rest = raw.slice(cut + 1);
  }
  const parts = rest.split(".");
  if (parts.length > 2 || !parts.every((p) => ATTR_NAME.test(p))) {
    throw new FilterSyntaxError(`"${raw}" is not an attribute path`, pos);
  }
  return { ...(uri ? { uri } : {}), attr: parts[0]!, ...(parts[1] ? { sub: parts[1] } : {}) };
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private next(): Token {
    const tok = this.tokens[this.i++];
    if (!tok) throw new FilterSyntaxError("unexpected end of filter", this.source.length);
    return tok;
  }
  private peekKeyword(...words: string[]): boolean {
    const tok = this.peek();
    return tok?.t === "word" && words.includes(tok.value.toLowerCase());
  }
  private expect(t: "(" | ")" | "[" | "]"): void {
    if (!this.peek()) throw new FilterSyntaxError(`expected "${t}" before the end of the filter`, this.source.length);
    const tok = this.next();
    if (tok.t !== t) throw new FilterSyntaxError(`expected "${t}"`, tok.pos);
  }

  done(): void {
    const tok = this.peek();
    if (tok) throw new FilterSyntaxError("unexpected text after the end of the filter", tok.pos);
  }

  /** or-expression: the loosest binding (RFC 7644: "not" > "and" > "or"). */
  orExpr(inBrackets: boolean): Filter {
    if (++this.depth > MAX_DEPTH) throw new FilterSyntaxError("filter nests too deeply", this.peek()?.pos ?? 0);
    let left = this.andExpr(inBrackets);
    while (this.peekKeyword("or")) {
      this.next();
      left = { kind: "or", left, right: this.andExpr(inBrackets) };
    }
    this.depth--;
    return left;
  }

  private andExpr(inBrackets: boolean): Filter {
    let left = this.unary(inBrackets);
    while (this.peekKeyword("and")) {
      this.next();
      left = { kind: "and", left, right: this.unary(inBrackets) };
    }
    return left;
  }

  private unary(inBrackets: boolean): Filter {
    const tok = this.peek();
    if (this.peekKeyword("not") && this.tokens[this.i + 1]?.t === "(") {
      this.next();
      this.expect("(");
      const filter = this.orExpr(inBrackets);
      this.expect(")");
      return { kind: "not", filter };
    }
    if (tok?.t === "(") {
      this.next();
      const inner = this.orExpr(inBrackets);
      this.expect(")");
      return inner;
    }
    return this.attrExpr(inBrackets);
  }

  private attrExpr(inBrackets: boolean): Filter {
    const tok = this.next();
    if (tok.t !== "word") throw new FilterSyntaxError("expected an attribute name", tok.pos);
    const path = parseAttrPath(tok.value, tok.pos);
    if (this.peek()?.t === "[") {
      if (inBrackets) throw new FilterSyntaxError("value filters cannot nest", this.peek()!.pos);
      if (path.sub) throw new FilterSyntaxError("a value filter applies to a multi-valued attribute", tok.pos);
      this.next();
      const inner = this.orExpr(true);
      this.expect("]");
      const after = this.peek();
      // Entra: `emails[type eq "work"].value eq "…"` means an element with both.
      if (after?.t === "word" && after.value.startsWith(".")) {
        this.next();
        const sub = parseAttrPath(after.value.slice(1), after.pos);
        if (sub.sub || sub.uri) throw new FilterSyntaxError("expected a sub-attribute", after.pos);
        const cond = this.condition(sub, after.pos);
        return { kind: "valuePath", path, filter: { kind: "and", left: inner, right: cond } };
      }
      return { kind: "valuePath", path, filter: inner };
    }
    return this.condition(path, tok.pos);
  }

  private condition(path: AttrPath, pos: number): Filter {
    const opTok = this.next();
    const op = opTok.t === "word" ? opTok.value.toLowerCase() : "";
    if (op === "pr") return { kind: "present", path };
    if (!(COMPARE_OPS as readonly string[]).includes(op)) {
      throw new FilterSyntaxError(`expected an operator (${COMPARE_OPS.join(", ")}, pr) after the attribute`, opTok.pos ?? pos);
    }
    return { kind: "compare", path, op: op as CompareOp, value: this.compValue() };
  }

  private compValue(): CompValue {
    const tok = this.next();
    if (tok.t === "string") return tok.value;
    if (tok.t !== "word") throw new FilterSyntaxError("expected a value", tok.pos);
    const lower = tok.value.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    if (lower === "null") return null;
    if (NUMBER.test(tok.value)) return Number(tok.value);
    // Not RFC, but sent by Microsoft's reference tests: an unquoted word is a string.
    return tok.value;
  }
}

export function parseFilter(input: string): Filter {
  if (input.length > MAX_FILTER_LENGTH) throw new FilterSyntaxError(`filter longer than ${MAX_FILTER_LENGTH} characters`, 0);
  const tokens = tokenize(input);
  if (tokens.length === 0) throw new FilterSyntaxError("empty filter", 0);
  const parser = new Parser(tokens, input);
  const filter = parser.orExpr(false);
  parser.done();
  return filter;
}

/** RFC 7644 §3.5.2 PATH = attrPath / valuePath [subAttr]. */
export function parsePatchPath(input: string): PatchPath {
  const m = /^([^[\]]+?)(?:\[(.*)\](?:\.([^.[\]]+))?)?$/s.exec(input.trim());
  if (!m) throw new FilterSyntaxError(`"${input}" is not a valid path`, 0);
  const base = parseAttrPath(m[1]!.trim());
  if (m[2] === undefined) return { ...(base.uri ? { uri: base.uri } : {}), attr: base.attr, ...(base.sub ? { sub: base.sub } : {}) };
  if (base.sub) throw new FilterSyntaxError("a value filter applies to a multi-valued attribute", 0);
  const tokens = tokenize(m[2]);
  if (tokens.length === 0) throw new FilterSyntaxError("empty value filter", m[1]!.length + 1);
  const parser = new Parser(tokens, m[2]);
  const filter = parser.orExpr(true);
  parser.done();
  const sub = m[3] ? parseAttrPath(m[3]).attr : undefined;
  return { ...(base.uri ? { uri: base.uri } : {}), attr: base.attr, filter, ...(sub ? { sub } : {}) };
}
