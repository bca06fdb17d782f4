/**
 * Every regular expression written in the source tree, found with the TypeScript parser: regex literals and
 * `RegExp(…)` / `new RegExp(…)` calls. A call whose pattern is not a literal is reported as dynamic (its pattern
 * cannot be checked statically).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  /** `src/parse/index.ts:37` */
  where: string;
  source: string;
  flags: string;
}

export interface DynamicRegex {
  where: string;
  text: string;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return files(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

export function regexesIn(root: string, dirs: string[]): { found: FoundRegex[]; dynamic: DynamicRegex[] } {
  const found: FoundRegex[] = [];
  const dynamic: DynamicRegex[] = [];
  for (const file of dirs.flatMap((d) => files(join(root, d)))) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const where = (n: ts.Node) => `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = n.getText(sf);
        const end = lit.lastIndexOf('/');
        found.push({ where: where(n), source: lit.slice(1, end), flags: lit.slice(end + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const [pattern, flags] = n.arguments ?? [];
        if (pattern && (ts.isStringLiteral(pattern) || ts.isNoSubstitutionTemplateLiteral(pattern)) && (!flags || ts.isStringLiteral(flags))) {
          found.push({ where: where(n), source: pattern.text, flags: flags && ts.isStringLiteral(flags) ? flags.text : '' });
        } else {
          dynamic.push({ where: where(n), text: n.getText(sf) });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { found, dynamic };
}
