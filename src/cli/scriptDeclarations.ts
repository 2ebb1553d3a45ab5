/**
 * Generates the script API's declarations (issue 22) from its TypeScript source,
 * `src/script/api/types.ts`, with the TypeScript compiler: every type is flattened to plain
 * declarations (the model's zod-inferred types and the engine's report interfaces included), so
 * the editor gets one self-contained d.ts that cannot drift from the types the code uses. A
 * model field's documentation is its schema `description` (the same text the JSON Schema has).
 */
import ts from 'typescript';

const ROOT = new URL('../../', import.meta.url);
export const API_TYPES_FILE = new URL('src/script/api/types.ts', ROOT).pathname;
export const PRELUDE_FILE = new URL('src/script/api/prelude.ts', ROOT).pathname;
/** The interface whose members become the script's global functions. */
const GLOBALS = 'ScriptGlobals';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The script API as a d.ts (for the editor) and as a Markdown reference (for people). */
export interface ScriptApiText {
  readonly declarations: string;
  readonly reference: string;
}

/** The d.ts text of the script API, and its reference in Markdown, from one reading of the types. */
export function scriptDeclarations(): ScriptApiText {
  const program = ts.createProgram([API_TYPES_FILE], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(API_TYPES_FILE);
  if (!file) throw new Error(`cannot read ${API_TYPES_FILE}`);

  // Named types: the API file's own, then any interface reached through them (the report's parts).
  const names = new Map<ts.Type, string>();
  const pending: { name: string; type: ts.Type; doc: string }[] = [];
  const taken = new Set<string>();
  let globals: ts.Type | undefined;
  const print = (type: ts.Type, indent: string, defining?: ts.Type): string => {
    const named = names.get(type);
    if (named && type !== defining) return named;
    if (type.flags & ts.TypeFlags.Union) {
      const members = (type as ts.UnionType).types;
      const hasTrue = members.some((t) => t.flags & ts.TypeFlags.BooleanLiteral && checker.typeToString(t) === 'true');
      const hasFalse = members.some((t) => t.flags & ts.TypeFlags.BooleanLiteral && checker.typeToString(t) === 'false');
      const parts = members
        .filter((t) => !(hasTrue && hasFalse && t.flags & ts.TypeFlags.BooleanLiteral))
        .map((t) => wrap(print(t, indent)));
      if (hasTrue && hasFalse) parts.push('boolean');
      return parts.join(' | ');
    }
    if (type.flags & ts.TypeFlags.Intersection) return (type as ts.IntersectionType).types.map((t) => wrap(print(t, indent))).join(' & ');
    if (!(type.flags & ts.TypeFlags.Object)) return checker.typeToString(type);
    if (checker.isArrayType(type)) {
      const element = wrap(print(checker.getTypeArguments(type as ts.TypeReference)[0], indent));
      return `${type.symbol?.name === 'ReadonlyArray' ? 'readonly ' : ''}${element}[]`;
    }
    if (checker.isTupleType(type))
      return `[${checker
        .getTypeArguments(type as ts.TypeReference)
        .map((t) => print(t, indent))
        .join(', ')}]`;
    const symbol = type.getSymbol();
    if (
      symbol &&
      symbol.flags & ts.SymbolFlags.Interface &&
      type !== defining &&
      !symbol.declarations?.some((d) => d.getSourceFile().hasNoDefaultLib)
    ) {
      let name = symbol.name;
      for (let i = 2; taken.has(name); i++) name = `${symbol.name}${i}`;
      taken.add(name);
      names.set(type, name);
      pending.push({ name, type, doc: docOf(symbol) });
      return name;
    }
    const signatures = type.getCallSignatures();
    if (signatures.length > 0 && type.getProperties().length === 0)
      return `(${params(signatures[0], indent)}) => ${print(signatures[0].getReturnType(), indent)}`;
    return `{\n${members(type, `${indent}  `)}${indent}}`;
  };

  const params = (signature: ts.Signature, indent: string) =>
    signature
      .getParameters()
      .map((p) => {
        const decl = p.valueDeclaration as ts.ParameterDeclaration | undefined;
        const rest = decl?.dotDotDotToken ? '...' : '';
        const optional = decl && (decl.questionToken || decl.initializer) ? '?' : '';
        const type = checker.getTypeOfSymbol(p);
        return `${rest}${p.name}${optional}: ${optional ? printOptional(type, indent) : print(type, indent)}`;
      })
      .join(', ');

  const members = (type: ts.Type, indent: string): string => {
    let text = '';
    for (const prop of type.getProperties()) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      const doc = docOf(prop);
      if (doc) text += comment(doc, indent);
      const key = IDENTIFIER.test(prop.name) ? prop.name : JSON.stringify(prop.name);
      const propType = checker.getTypeOfSymbol(prop);
      if (decl && (ts.isMethodSignature(decl) || ts.isMethodDeclaration(decl))) {
        for (const s of propType.getCallSignatures())
          text += `${indent}${key}(${params(s, indent)}): ${print(s.getReturnType(), indent)};\n`;
        continue;
      }
      const optional = prop.flags & ts.SymbolFlags.Optional;
      const readonly = decl && ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Readonly ? 'readonly ' : '';
      text += `${indent}${readonly}${key}${optional ? '?' : ''}: ${optional ? printOptional(propType, indent) : print(propType, indent)};\n`;
    }
    for (const info of checker.getIndexInfosOfType(type)) {
      text += `${indent}${info.isReadonly ? 'readonly ' : ''}[key: ${checker.typeToString(info.keyType)}]: ${print(info.type, indent)};\n`;
    }
    return text;
  };

  /** An optional property's or parameter's type without the `undefined` that `?` already says. */
  const printOptional = (type: ts.Type, indent: string): string => {
    if (!(type.flags & ts.TypeFlags.Union) || !(type as ts.UnionType).types.some((t) => t.flags & ts.TypeFlags.Undefined))
      return print(type, indent);
    const hasNull = (type as ts.UnionType).types.some((t) => t.flags & ts.TypeFlags.Null);
    // The non-nullable union is the interned one a named alias (Duration) has.
    const base = print(checker.getNonNullableType(type), indent);
    return hasNull ? `${base} | null` : base;
  };

  const docOf = (symbol: ts.Symbol): string => {
    const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    if (doc) return doc;
    // A model field: the description its schema carries (the outermost `.meta` of its initializer).
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (decl && ts.isPropertyAssignment(decl)) {
      // In single or double quotes (prettier picks the one a text's apostrophes need fewer escapes in).
      const found = [...decl.initializer.getText().matchAll(/description:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g)];
      const last = found.at(-1);
      if (last) return last[1] !== undefined ? last[1].replace(/\\'/g, "'") : last[2].replace(/\\"/g, '"');
    }
    return '';
  };

  for (const statement of file.statements) {
    if (!(ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement))) continue;
    const symbol = checker.getSymbolAtLocation(statement.name);
    if (!symbol) continue;
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const name = statement.name.text;
    taken.add(name);
    if (name === GLOBALS) {
      globals = type;
      continue;
    }
    if (!names.has(type)) names.set(type, name);
    pending.push({ name, type, doc: docOf(symbol) });
  }
  if (!globals) throw new Error(`${API_TYPES_FILE} has no ${GLOBALS} interface`);

  let out = '';
  // Interfaces reached while printing are queued behind the API file's own types.
  for (let i = 0; i < pending.length; i++) {
    const { name, type, doc } = pending[i];
    if (doc) out += comment(doc, '');
    const body = print(type, '', type);
    out +=
      type.isClassOrInterface() || (body.startsWith('{\n') && !(type.flags & ts.TypeFlags.Union) && type.getCallSignatures().length === 0)
        ? `interface ${name} ${body}\n`
        : `type ${name} = ${body};\n`;
  }
  const functions: string[] = [];
  for (const prop of globals.getProperties()) {
    const doc = docOf(prop);
    for (const s of checker.getTypeOfSymbol(prop).getCallSignatures()) {
      if (doc) out += comment(doc, '');
      const signature = `${prop.name}(${params(s, '')}): ${print(s.getReturnType(), '')}`;
      out += `declare function ${signature};\n`;
      functions.push(`- \`${signature}\`${doc ? ` — ${oneLine(doc)}` : ''}`);
    }
  }
  const system = pending.find((p) => p.name === 'System');
  const methods = system
    ? system.type.getProperties().flatMap((prop) =>
        checker
          .getTypeOfSymbol(prop)
          .getCallSignatures()
          .map((s) => {
            const doc = docOf(prop);
            return `- \`.${prop.name}(${params(s, '')}): ${print(s.getReturnType(), '')}\`${doc ? ` — ${oneLine(doc)}` : ''}`;
          }),
      )
    : [];
  const ownTypes = pending
    .filter((p) => names.get(p.type) === p.name && taken.has(p.name))
    .slice(0, pending.findIndex((p) => p.name === 'System') + 1);
  const reference = [
    '# Script API reference',
    '',
    "Generated by `npm run script:types` from `src/script/api/types.ts` (the model's and the engine's own types); do not edit.",
    'The complete declarations, as the editor knows them: `src/script/crosstalkApi.d.txt`.',
    '',
    '## Functions (globals: no import needed)',
    '',
    ...functions,
    '',
    "## A system's methods (each returns the system, so calls chain)",
    '',
    ...methods,
    '',
    '## Types',
    '',
    ...ownTypes.map((t) => `- \`${t.name}\`${t.doc ? ` — ${oneLine(t.doc)}` : ''}`),
    '',
  ].join('\n');
  return { declarations: out, reference };
}

/** A doc comment as one Markdown line. */
function oneLine(doc: string): string {
  return doc.replace(/\s*\n\s*/g, ' ');
}

function wrap(text: string): string {
  return /^[\w$."'[\]]+$/.test(text) || text.startsWith('{') || text.startsWith('[') ? text : `(${text})`;
}

function comment(doc: string, indent: string): string {
  const lines = doc.replace(/\*\//g, '*\\/').split('\n');
  return lines.length === 1
    ? `${indent}/** ${lines[0]} */\n`
    : `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

/** The prelude (the API's in-sandbox implementation) as JavaScript text. */
export function preludeJavaScript(source: string): string {
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: true },
  }).outputText;
  return js
    .replace(/^export \{\};?\s*$/gm, '')
    .replace(/^export /gm, '')
    .replace(/\/\/# sourceMappingURL=.*$/m, '')
    .trim();
}
