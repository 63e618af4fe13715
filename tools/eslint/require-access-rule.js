// Every route handler must state who may call it: @Public(), @Authenticated() or @Roles(...),
// on the method or on its controller class. The access guard refuses routes without a rule at
// run time; this rule refuses them before they are merged.
const ROUTE = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All']);
const ACCESS = new Set(['Public', 'Authenticated', 'Roles']);

const decoratorName = (d) => {
  const e = d.expression;
  if (e.type === 'CallExpression') return e.callee.type === 'Identifier' ? e.callee.name : e.callee.property?.name;
  return e.type === 'Identifier' ? e.name : undefined;
};

export default {
  meta: {
    type: 'problem',
    docs: { description: 'route handlers must declare an access rule' },
    messages: { missing: 'Route handler "{{name}}" has no access rule (@Public, @Authenticated or @Roles).' },
    schema: [],
  },
  create(context) {
    return {
      MethodDefinition(node) {
        const decorators = node.decorators ?? [];
        if (!decorators.some((d) => ROUTE.has(decoratorName(d)))) return;
        const classDecorators = node.parent.parent.decorators ?? [];
        const has = [...decorators, ...classDecorators].some((d) => ACCESS.has(decoratorName(d)));
        if (!has) context.report({ node, messageId: 'missing', data: { name: node.key.name ?? '?' } });
      },
    };
  },
};
