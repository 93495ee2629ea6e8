import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface XsdViolation {
  path: string;
  problem: string;
}

export interface QuickBooksXsd {
  /** true when the named complexType (e.g. 'Invoice', 'Customer', 'Attachable') exists */
  hasType(typeName: string): boolean;
  /** every element/attribute name allowed on the type, including those inherited via complexContent extension */
  allowedNames(typeName: string): ReadonlySet<string>;
  /** walks a JSON value produced for `typeName` and reports every key the XSD does not define at that place */
  check(typeName: string, value: unknown): XsdViolation[];
}

/** Where the schema lives under the shared dir: `sharedPath(...QUICKBOOKS_XSD_DIR_SEGMENTS)`. */
export const QUICKBOOKS_XSD_DIR_SEGMENTS = ['contracts', 'quickbooks'] as const;

/**
 * Keys that QBO JSON carries but the XSD does not name. Only keys confirmed on the real wire belong here.
 *
 * `any`: the XSD models extension points (IntuitAnyType: `LineEx`, `InvoiceEx`, `CompanyInfoEx`, ...) as an
 * `xs:any` wildcard, which has no element name. QBO serialises it through JAXB, so the JSON form is
 * `{ "any": [{ "name": "{http://schema.intuit.com/finance/v3}NameValue", "declaredType": ..., "scope": ...,
 * "value": { "Name": "txnId", "Value": "67" }, "nil": false, "globalScope": true, "typeSubstituted": false }] }`
 * (seen on Payment `Line[].LineEx` responses). The wildcard is `processContents="lax"`, so what sits under
 * `any` is not checked.
 *
 * `sparse`, `domain` and `status` are NOT here: they are real `xs:attribute`s of IntuitEntity.
 */
export const QUICKBOOKS_JSON_ONLY_KEYS = {
  xsAnyWildcard: 'any',
} as const;

const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';
const ATTR = '@_';

type XmlNode = Record<string, unknown>;

type Field =
  | { kind: 'simple'; type: string }
  | { kind: 'complex'; type: string; node: XmlNode }
  | { kind: 'lax' };

interface SchemaIndex {
  complexTypes: Map<string, XmlNode>;
  simpleTypes: Set<string>;
  elements: Map<string, XmlNode>;
  groups: Map<string, XmlNode>;
  /** Prefixes bound to the XML Schema namespace in any file (all five bind `xs`); such a QName is a built-in. */
  builtinPrefixes: Set<string>;
}

// Every tag becomes an array so a lone xs:element looks the same as many; attributes stay scalar.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  ignoreDeclaration: true,
  parseAttributeValue: false,
  // Tags lose their prefix so any file's choice of prefix works; attributes keep theirs so `xmlns:xs` survives.
  transformTagName: (tagName) => localName(tagName),
  isArray: (_tagName, _jPath, _isLeaf, isAttribute) => !isAttribute,
});

function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

function prefixOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? '' : qname.slice(0, colon);
}

function isXmlNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Child elements named `tag`; an empty tag such as `<xs:sequence/>` parses as '' and still counts. */
function children(node: XmlNode, tag: string): XmlNode[] {
  const raw = node[tag];
  if (!Array.isArray(raw)) return [];
  return raw.map((child) => (isXmlNode(child) ? child : {}));
}

function attr(node: XmlNode, name: string): string | undefined {
  const value = node[`${ATTR}${name}`];
  return typeof value === 'string' ? value : undefined;
}

function requireAttr(node: XmlNode, name: string, what: string): string {
  const value = attr(node, name);
  if (value === undefined) throw new Error(`QuickBooks XSD: ${what} without a ${name}= attribute`);
  return value;
}

function emptyIndex(): SchemaIndex {
  return {
    complexTypes: new Map(),
    simpleTypes: new Set(),
    elements: new Map(),
    groups: new Map(),
    builtinPrefixes: new Set(),
  };
}

function indexSchema(schema: XmlNode, index: SchemaIndex): void {
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith(`${ATTR}xmlns:`) && value === XSD_NAMESPACE) {
      index.builtinPrefixes.add(key.slice(`${ATTR}xmlns:`.length));
    }
  }
  for (const node of children(schema, 'complexType')) {
    index.complexTypes.set(requireAttr(node, 'name', 'global complexType'), node);
  }
  for (const node of children(schema, 'simpleType')) {
    index.simpleTypes.add(requireAttr(node, 'name', 'global simpleType'));
  }
  for (const node of children(schema, 'element')) {
    index.elements.set(requireAttr(node, 'name', 'global element'), node);
  }
  for (const node of children(schema, 'group')) {
    index.groups.set(requireAttr(node, 'name', 'global group'), node);
  }
}

/** Reads every .xsd in `dir` into one index, because the files include each other. */
function loadIndex(dir: string): SchemaIndex {
  const files = readdirSync(dir).filter((name) => name.endsWith('.xsd'));
  if (files.length === 0) throw new Error(`QuickBooks XSD: no .xsd files in ${dir}`);
  const index = emptyIndex();
  for (const file of files) {
    const doc: unknown = parser.parse(readFileSync(join(dir, file), 'utf8'));
    const schema = isXmlNode(doc) ? children(doc, 'schema')[0] : undefined;
    if (schema === undefined) throw new Error(`QuickBooks XSD: ${file} has no xs:schema root`);
    indexSchema(schema, index);
  }
  return index;
}

/** The keys one complexType admits; attribute names are kept apart because a restriction inherits only them. */
interface CompiledType {
  fields: Map<string, Field>;
  attributes: Set<string>;
}

class TypeCompiler {
  private readonly compiled = new WeakMap<XmlNode, CompiledType>();

  constructor(private readonly index: SchemaIndex) {}

  namedType(typeName: string): XmlNode | undefined {
    return this.index.complexTypes.get(typeName);
  }

  fieldsOf(typeNode: XmlNode): ReadonlyMap<string, Field> {
    return this.compile(typeNode).fields;
  }

  private compile(typeNode: XmlNode): CompiledType {
    const cached = this.compiled.get(typeNode);
    if (cached !== undefined) return cached;
    const type: CompiledType = { fields: new Map(), attributes: new Set() };
    this.addParticles(typeNode, type);
    this.addAttributes(typeNode, type);
    for (const content of children(typeNode, 'complexContent')) this.addComplexContent(content, type);
    for (const content of children(typeNode, 'simpleContent')) this.addSimpleContent(content, type);
    this.compiled.set(typeNode, type);
    return type;
  }

  private addComplexContent(content: XmlNode, type: CompiledType): void {
    for (const extension of children(content, 'extension')) {
      const base = this.complexBase(requireAttr(extension, 'base', 'complexContent extension'));
      if (base !== undefined) this.inherit(base, type, 'all');
      this.addParticles(extension, type);
      this.addAttributes(extension, type);
    }
    // A restriction restates the content it keeps, but attributes carry over from the base unless prohibited.
    for (const restriction of children(content, 'restriction')) {
      const base = this.complexBase(requireAttr(restriction, 'base', 'complexContent restriction'));
      if (base !== undefined) this.inherit(base, type, 'attributes');
      this.addParticles(restriction, type);
      this.addAttributes(restriction, type);
    }
  }

  private addSimpleContent(content: XmlNode, type: CompiledType): void {
    for (const derivation of [...children(content, 'extension'), ...children(content, 'restriction')]) {
      const baseName = requireAttr(derivation, 'base', 'simpleContent derivation');
      const base = this.complexBase(baseName);
      // QBO JSON puts simple content under `value` (ReferenceType → { value, name, type }).
      if (base === undefined) type.fields.set('value', { kind: 'simple', type: baseName });
      else this.inherit(base, type, 'all');
      this.addAttributes(derivation, type);
    }
  }

  private inherit(baseNode: XmlNode, type: CompiledType, what: 'all' | 'attributes'): void {
    const base = this.compile(baseNode);
    for (const [name, field] of base.fields) {
      if (what === 'all' || base.attributes.has(name)) type.fields.set(name, field);
    }
    for (const name of base.attributes) type.attributes.add(name);
  }

  /** The named complexType behind a base QName, or undefined for built-in and simple types. */
  private complexBase(qname: string): XmlNode | undefined {
    if (this.isBuiltin(qname)) return undefined;
    const name = localName(qname);
    const node = this.index.complexTypes.get(name);
    if (node === undefined && !this.index.simpleTypes.has(name)) {
      throw new Error(`QuickBooks XSD: base type ${qname} is not defined`);
    }
    return node;
  }

  private addAttributes(node: XmlNode, type: CompiledType): void {
    for (const attribute of children(node, 'attribute')) {
      const ref = attr(attribute, 'ref');
      const name = ref === undefined ? requireAttr(attribute, 'name', 'local attribute') : localName(ref);
      if (attr(attribute, 'use') === 'prohibited') {
        type.fields.delete(name);
        type.attributes.delete(name);
        continue;
      }
      type.fields.set(name, { kind: 'simple', type: attr(attribute, 'type') ?? 'xs:anySimpleType' });
      type.attributes.add(name);
    }
  }

  /** Walks sequence/choice/all/group nesting; order and cardinality do not matter for which keys exist. */
  private addParticles(container: XmlNode, type: CompiledType): void {
    for (const element of children(container, 'element')) this.addElement(element, type.fields);
    for (const tag of ['sequence', 'choice', 'all']) {
      for (const nested of children(container, tag)) this.addParticles(nested, type);
    }
    for (const group of children(container, 'group')) {
      const ref = requireAttr(group, 'ref', 'group reference');
      const definition = this.index.groups.get(localName(ref));
      if (definition === undefined) throw new Error(`QuickBooks XSD: group ${ref} is not defined`);
      this.addParticles(definition, type);
    }
    if (children(container, 'any').length > 0) {
      type.fields.set(QUICKBOOKS_JSON_ONLY_KEYS.xsAnyWildcard, { kind: 'lax' });
    }
  }

  private addElement(element: XmlNode, fields: Map<string, Field>): void {
    const ref = attr(element, 'ref');
    if (ref === undefined) {
      const name = requireAttr(element, 'name', 'local element');
      fields.set(name, this.elementField(element, name));
      return;
    }
    for (const [name, global] of this.substitutableElements(localName(ref))) {
      fields.set(name, this.elementField(global, name));
    }
  }

  /**
   * A reference to an abstract head (IntuitObject) stands for its substitution group members; in JSON the
   * member's own name (`Invoice`, `Customer`, ...) is the key.
   */
  private substitutableElements(headName: string): Map<string, XmlNode> {
    const head = this.index.elements.get(headName);
    if (head === undefined) throw new Error(`QuickBooks XSD: element ${headName} is not defined`);
    const result = new Map<string, XmlNode>();
    if (attr(head, 'abstract') !== 'true') result.set(headName, head);
    for (const [name, element] of this.index.elements) {
      const group = attr(element, 'substitutionGroup');
      if (group !== undefined && localName(group) === headName && name !== headName) {
        for (const [memberName, member] of this.substitutableElements(name)) result.set(memberName, member);
      }
    }
    return result;
  }

  private elementField(element: XmlNode, name: string): Field {
    const type = attr(element, 'type');
    if (type !== undefined) return this.fieldForType(type);
    const inline = children(element, 'complexType')[0];
    if (inline !== undefined) return { kind: 'complex', type: `(anonymous type of ${name})`, node: inline };
    if (children(element, 'simpleType').length > 0)
      return { kind: 'simple', type: `(anonymous type of ${name})` };
    // No type at all means xs:anyType, which admits any content.
    return { kind: 'lax' };
  }

  private fieldForType(qname: string): Field {
    if (this.isBuiltin(qname)) return { kind: 'simple', type: qname };
    const name = localName(qname);
    const node = this.index.complexTypes.get(name);
    if (node !== undefined) return { kind: 'complex', type: name, node };
    if (this.index.simpleTypes.has(name)) return { kind: 'simple', type: name };
    throw new Error(`QuickBooks XSD: type ${qname} is not defined`);
  }

  private isBuiltin(qname: string): boolean {
    return this.index.builtinPrefixes.has(prefixOf(qname));
  }
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

class JsonChecker {
  readonly violations: XsdViolation[] = [];

  constructor(private readonly compiler: TypeCompiler) {}

  /** Arrays stand for repeated elements; each item must fit the element's type on its own. */
  checkField(field: Field, value: unknown, path: string): void {
    if (!Array.isArray(value)) {
      this.checkSingle(field, value, path);
      return;
    }
    value.forEach((item: unknown, i) => {
      if (Array.isArray(item)) this.report(`${path}[${i}]`, 'nested array: XSD repetition is one level deep');
      else this.checkSingle(field, item, `${path}[${i}]`);
    });
  }

  checkObject(type: string, node: XmlNode, value: unknown, path: string): void {
    if (!isXmlNode(value)) {
      this.report(path, `expected an object of type ${type}, got ${describeJson(value)}`);
      return;
    }
    const fields = this.compiler.fieldsOf(node);
    for (const [key, child] of Object.entries(value)) {
      const field = fields.get(key);
      if (field === undefined) this.report(`${path}.${key}`, `not defined on ${type}`);
      else this.checkField(field, child, `${path}.${key}`);
    }
  }

  private checkSingle(field: Field, value: unknown, path: string): void {
    // JSON null is how an absent optional value can surface; there is no key to question.
    if (value === null || field.kind === 'lax') return;
    if (field.kind === 'complex') {
      this.checkObject(field.type, field.node, value, path);
      return;
    }
    if (typeof value === 'object') {
      this.report(path, `expected a scalar (${field.type}), got ${describeJson(value)}`);
    }
  }

  private report(path: string, problem: string): void {
    this.violations.push({ path, problem });
  }
}

export function loadQuickBooksXsd(dir: string): QuickBooksXsd {
  const compiler = new TypeCompiler(loadIndex(dir));
  const requireType = (typeName: string): XmlNode => {
    const node = compiler.namedType(typeName);
    if (node === undefined) throw new Error(`QuickBooks XSD: no complexType named ${typeName}`);
    return node;
  };
  return {
    hasType: (typeName) => compiler.namedType(typeName) !== undefined,
    allowedNames: (typeName) => new Set(compiler.fieldsOf(requireType(typeName)).keys()),
    check: (typeName, value) => {
      const checker = new JsonChecker(compiler);
      checker.checkObject(typeName, requireType(typeName), value, typeName);
      return checker.violations;
    },
  };
}
