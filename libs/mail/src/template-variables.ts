import Handlebars from 'handlebars';

type Node = hbs.AST.Node;
type Expression = hbs.AST.Expression;

/** Block helpers whose body runs against another context (so plain names there are not root variables). */
const CONTEXT_SHIFTING = new Set(['each', 'with']);

export interface TemplateReferences {
  /** Root-level names the template reads. */
  readonly variables: ReadonlySet<string>;
  /** Helpers it calls. */
  readonly helpers: ReadonlySet<string>;
  readonly usesPartials: boolean;
}

interface Scope {
  /** How many context shifts deep (each/with bodies) we are. */
  readonly shift: number;
  readonly blockParams: ReadonlySet<string>;
}

/**
 * The root variables a Handlebars source reads, found from its syntax tree, so a template that
 * uses a name its declaration does not provide fails at boot even when the sample happens to
 * contain it. Names inside `each`/`with` bodies belong to the item and are not root variables,
 * except `@root.x` and enough `../` to climb back to the root.
 */
export function templateReferences(source: string, knownHelpers: ReadonlySet<string>): TemplateReferences {
  const variables = new Set<string>();
  const helpers = new Set<string>();
  let usesPartials = false;

  const path = (p: hbs.AST.PathExpression, scope: Scope) => {
    if (p.data) {
      if (p.parts[0] === 'root' && p.parts[1]) variables.add(p.parts[1]);
      return;
    }
    const head = p.parts[0];
    if (!head || scope.blockParams.has(head)) return;
    if (scope.shift - p.depth <= 0) variables.add(head);
  };

  const expression = (e: Expression, scope: Scope) => {
    if (e.type === 'PathExpression') path(e as hbs.AST.PathExpression, scope);
    else if (e.type === 'SubExpression') call(e as hbs.AST.SubExpression, scope);
  };

  const call = (
    node: { path: hbs.AST.PathExpression | hbs.AST.Literal; params: Expression[]; hash?: hbs.AST.Hash },
    scope: Scope,
    isBlock = false,
  ) => {
    const p = node.path as hbs.AST.PathExpression;
    const hasArgs = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
    if (p.type === 'PathExpression') {
      const name = p.original;
      if (isBlock || hasArgs || knownHelpers.has(name)) helpers.add(name);
      else path(p, scope);
    }
    for (const param of node.params) expression(param, scope);
    for (const pair of node.hash?.pairs ?? []) expression(pair.value, scope);
  };

  const program = (prog: hbs.AST.Program | undefined, scope: Scope) => {
    for (const statement of prog?.body ?? []) visit(statement, scope);
  };

  const visit = (node: Node, scope: Scope) => {
    switch (node.type) {
      case 'MustacheStatement':
        call(node as hbs.AST.MustacheStatement, scope);
        return;
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        call(block, scope, true);
        const shifts = CONTEXT_SHIFTING.has(block.path.original);
        const params = block.program?.blockParams ?? [];
        program(block.program, {
          shift: scope.shift + (shifts ? 1 : 0),
          blockParams: new Set([...scope.blockParams, ...params]),
        });
        program(block.inverse, scope);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        usesPartials = true;
        return;
      default:
        return;
    }
  };

  program(Handlebars.parse(source), { shift: 0, blockParams: new Set() });
  return { variables, helpers, usesPartials };
}
