// The layering of the house (docs/architecture.md draws it), checked by `npm run check`.
// Where today's code breaks a rule, the files are listed below as known exceptions, each list with
// why it is one and what removes it; any other file (new code included) must follow the rule.

const exactly = (files) => files.map((file) => `^${file.replace(/[.]/g, '\\.')}$`);

/**
 * Files that sit at the HTTP edge by their role: src/http, controllers and their DTOs, guards, exception filters,
 * the app's wiring, and the website's own edge (it answers HTML pages: their parameters, rendering and errors).
 */
const HTTP_EDGE = [
  '^src/http/',
  '\\.controller\\.ts$',
  '\\.dto\\.ts$',
  '\\.guard\\.ts$',
  '\\.filter\\.ts$',
  '^src/(main|bootstrap|app\\.module)\\.ts$',
  '^src/web/web-(params|renderer)\\.ts$',
];

// Known exception: the bulk intake (src/contributions/import) checks each NDJSON line with the edge's own guard,
// validation pipe and problem, builds each line's command metadata as the edge does, and reads the request id
// from the request context: it is an edge of its own (a request body of many commands).
const IMPORTER = exactly(['src/contributions/import/contribution-importer.ts']);

/** Nothing outside src/event-store/<adapter>/ imports the adapter, but the composition roots that choose it. */
const adapterRule = (adapter) => ({
  name: 'adapters-stay-behind-the-port',
  comment:
    `Nothing outside src/event-store/${adapter}/ imports it. The exceptions are composition roots: the factory ` +
    'that picks the adapter from the config, and the migration registry that lists its schema.',
  severity: 'error',
  from: {
    path: '^(src|projections|demo)/',
    pathNot: [`^src/event-store/${adapter}/`, '^src/event-store/event-store\\.factory\\.ts$', '^src/database/registry\\.ts$'],
  },
  to: { path: `^src/event-store/${adapter}/` },
});

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'A domain folder (deciders, events, errors) and src/shared import no framework and no infrastructure: no NestJS, ' +
        'TypeORM, pg or HTTP, and nothing of this project but the domains, src/shared and the event store port (its types).',
      severity: 'error',
      from: { path: '^src/([^/]+/domain|shared)/' },
      to: { pathNot: ['^src/[^/]+/domain/', '^src/shared/', '^src/event-store/event-store\\.port\\.ts$', '^(node:)?crypto$'] },
    },
    {
      name: 'projections-do-not-command',
      comment: 'Projections read only events: they never import command handling (handlers, commands, the aggregate store).',
      severity: 'error',
      from: { path: '^projections/' },
      to: { path: ['^src/command-handling/', '^src/[^/]+/commands/'] },
    },
    {
      name: 'commands-do-not-read-projections',
      comment: 'A command is decided on its aggregate\'s events (and other aggregates\' through ContextLoader), never on read models.',
      severity: 'error',
      from: { path: ['^src/command-handling/', '^src/(?!cli/)[^/]+/commands/', '^src/[^/]+/domain/'] },
      to: { path: '^projections/' },
    },
    {
      name: 'demo-is-a-client',
      comment: 'The demo talks to the service over HTTP only: it may use the domains\' vocabularies, not the engines.',
      severity: 'error',
      from: { path: '^demo/' },
      to: { path: ['^src/(command-handling|projection-runner|event-store|database|audit|read-side)/', '^projections/', '^src/[^/]+/commands/'] },
    },
    adapterRule('postgres'),
    adapterRule('eventstoredb'),
    {
      name: 'only-the-edge-knows-http',
      comment:
        'Express and src/http are known only at the HTTP edge: src/http, controllers, DTOs, guards, filters, the app wiring. ' +
        'Engines and queries throw a coded DomainError; the edge\'s one filter maps its code to a status.',
      severity: 'error',
      from: { path: '^(src|projections)/', pathNot: [...HTTP_EDGE, ...IMPORTER] },
      to: { path: ['^src/http/', '^node_modules/(express|@types/express|@nestjs/platform-express|supertest|@types/supertest)/'] },
    },
    {
      name: 'only-the-edge-knows-http',
      comment: 'The bulk intake may use the edge\'s line checks (problem, validation, request guard, request context) and its command metadata, not Express.',
      severity: 'error',
      from: { path: IMPORTER },
      to: {
        path: ['^src/http/', '^node_modules/(express|@types/express|@nestjs/platform-express)/'],
        pathNot: '^src/http/(problem|validation|request-guard|request-context|command-meta)\\.ts$',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    // Type-only imports count: a domain that imports a framework's type still knows the framework.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
